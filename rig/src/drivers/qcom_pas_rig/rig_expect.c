// SPDX-License-Identifier: GPL-2.0-only
/*
 * Shared checks of the rig's integration suites: what every step must leave
 * behind in the fakes (what TrustZone runs and what it authenticated, the
 * page tables of each processor's domain, the metadata buffers TrustZone
 * handed out, the power-domain votes), and the counters of each start,
 * stop and recovery against what the test computes from the regions the
 * node describes.
 */

#include <linux/delay.h>
#include <linux/iommu.h>
#include <linux/kmsg_dump.h>
#include <linux/slab.h>
#include <qcom_pas_rig/test.h>

#include "rig_tz_smc.h"

/*
 * The regions the series maps for @rp: its carveouts and, with @windows and
 * without the resource-table call, its qcom,devmem windows
 */
static unsigned int rig_regions(struct rig_rproc *rp, struct rig_window *r,
				bool windows)
{
	unsigned int i, n = 0;

	r[n++] = (struct rig_window) { rp->mem.start, rp->mem.start,
				       resource_size(&rp->mem), 0 };
	if (rp->dtb_pas_id)
		r[n++] = (struct rig_window) { rp->dtb_mem.start, rp->dtb_mem.start,
					       resource_size(&rp->dtb_mem), 0 };
	if (windows && !rp->rsc_table)
		for (i = 0; i < rp->nr_windows; i++)
			r[n++] = rp->windows[i];

	return n;
}

/* The regions mapped, and the fewest leaves they take (rig_drive.c) */
static unsigned int rig_expected(struct rig_rproc *rp, bool windows,
				 unsigned long *leaves)
{
	bool mapped = windows && !rp->rsc_table;
	unsigned int i;

	for (i = 0; i < RIG_LEAF_NR; i++)
		leaves[i] = rp->carveout_leaves[i] + (mapped ? rp->window_leaves[i] : 0);

	return (rp->dtb_pas_id ? 2 : 1) + (mapped ? rp->nr_windows : 0);
}

/*
 * What TrustZone authenticated: the image inside the node's carveout,
 * under a bridge over exactly the carveout once Linux has enabled SHM
 * bridging, and under none without it
 */
static void rig_check_auth(struct kunit *test, u32 pas_id,
			   const struct resource *mem, unsigned int regions)
{
	bool bridging = rig_smc_bridging();
	struct rig_tz_auth a;

	KUNIT_ASSERT_EQ_MSG(test, rig_tz_last_auth(pas_id, &a), 0,
			    "PAS %u never authenticated", pas_id);
	KUNIT_EXPECT_EQ_MSG(test, a.pa, mem->start, "PAS %u authenticated elsewhere", pas_id);
	KUNIT_EXPECT_EQ_MSG(test, a.size, resource_size(mem), "PAS %u size", pas_id);
	KUNIT_EXPECT_GE_MSG(test, a.image_pa, mem->start, "PAS %u image", pas_id);
	KUNIT_EXPECT_LE_MSG(test, a.image_pa + a.image_size, mem->end + 1,
			    "PAS %u image end", pas_id);
	KUNIT_EXPECT_EQ_MSG(test, a.bridge_pa, bridging ? mem->start : 0,
			    "PAS %u SHM bridge", pas_id);
	KUNIT_EXPECT_EQ_MSG(test, a.bridge_size, bridging ? resource_size(mem) : 0,
			    "PAS %u SHM bridge size", pas_id);
	KUNIT_EXPECT_TRUE_MSG(test, a.mapped, "PAS %u: mappings not checked", pas_id);
	KUNIT_EXPECT_EQ_MSG(test, a.regions, regions, "PAS %u: regions checked", pas_id);
}

/**
 * rig_check_counters() - check the counters since the last reset
 * @test:	the test
 * @rp:		remote processor
 * @step:	what was done since
 * @shutdowns:	the shutdown calls a stop or recovery made
 *
 * Against what the test computes from the node: each region is mapped with
 * one iommu_map() in the fewest leaves and unmapped in the same leaves. The
 * carveouts follow the images: mapped by every start, crash recovery's
 * included, and unmapped by every stop, one iommu_unmap() (one IOTLB sync)
 * each. The qcom,devmem windows have the lifetime of the core's IOMMU
 * domain, as the windows of TrustZone's resource table do: mapped by a
 * start from offline, unmapped by a stop to offline in one IOTLB sync,
 * untouched by crash recovery.
 */
void rig_check_counters(struct kunit *test, struct rig_rproc *rp,
			enum rig_step step, unsigned int shutdowns)
{
	bool started = step != RIG_STEP_STOP, stopped = step != RIG_STEP_START;
	bool windows = step != RIG_STEP_RECOVERY;
	unsigned int images = rp->dtb_pas_id ? 2 : 1;
	unsigned int regions, syncs, i;
	unsigned long leaves[RIG_LEAF_NR];
	struct rig_smmu_counters s;
	struct rig_tz_counters t;

	regions = rig_expected(rp, windows, leaves);
	syncs = images + (windows && !rp->rsc_table && rp->nr_windows ? 1 : 0);
	rig_smmu_get_counters(&s);
	rig_tz_get_counters(&t);

	KUNIT_EXPECT_EQ(test, s.map_failed, 0);
	KUNIT_EXPECT_EQ(test, s.unmap_refused, 0);
	KUNIT_EXPECT_EQ_MSG(test, s.map_calls, started ? regions : 0,
			    "%s: iommu_map() calls", dev_name(rp->dev));
	KUNIT_EXPECT_EQ_MSG(test, s.tlb_syncs, stopped ? syncs : 0,
			    "%s: IOTLB syncs", dev_name(rp->dev));
	for (i = 0; i < RIG_LEAF_NR; i++) {
		KUNIT_EXPECT_EQ_MSG(test, s.leaves[i], started ? leaves[i] : 0,
				    "%s: leaves of size %u mapped", dev_name(rp->dev), i);
		KUNIT_EXPECT_EQ_MSG(test, s.unleaves[i], stopped ? leaves[i] : 0,
				    "%s: leaves of size %u unmapped", dev_name(rp->dev), i);
	}
	if (stopped)
		KUNIT_EXPECT_EQ(test, t.shutdown, shutdowns);
	if (started) {
		KUNIT_EXPECT_EQ(test, t.auth_ok, images);
		KUNIT_EXPECT_EQ(test, t.bridges_created, rig_smc_bridging() ? images : 0);
		/* TrustZone checks every window at each auth, mapped or kept */
		rig_check_auth(test, rp->pas_id, &rp->mem,
			       1 + (rp->rsc_table ? 0 : rp->nr_windows));
		if (rp->dtb_pas_id)
			rig_check_auth(test, rp->dtb_pas_id, &rp->dtb_mem, 1);
	}
}

/* What every step must leave behind, whatever the remote's state */
void rig_check_common(struct kunit *test)
{
	struct rig_smmu_counters s;
	struct rig_tz_counters t;

	rig_smmu_get_counters(&s);
	rig_tz_get_counters(&t);
	KUNIT_EXPECT_EQ_MSG(test, t.violations, 0, "TrustZone: %s", rig_tz_last_violation());
	KUNIT_EXPECT_EQ(test, s.leaked_domains, 0);
	KUNIT_EXPECT_EQ(test, s.leaked_bytes, 0);
	KUNIT_EXPECT_EQ_MSG(test, s.misuse, 0, "IOMMU API misused (see the log)");
	/* v7.3's SCM backend deletes the bridge before the call returns */
	KUNIT_EXPECT_EQ(test, rig_tz_live_bridges(), 0);
}

/* Votes are dropped at once, power-offs follow through runtime PM work */
static void rig_check_pds_off(struct kunit *test, struct rig_rproc *rp)
{
	unsigned long end = jiffies + msecs_to_jiffies(1000);
	unsigned int i, perf;
	bool on;

	if (!rp->pds)
		return;

	for (i = 0; i < RIG_POWER_DOMAINS; i++) {
		KUNIT_ASSERT_EQ(test, rig_power_get(i, &on, &perf), 0);
		KUNIT_EXPECT_EQ_MSG(test, perf, 0, "power domain %u vote left", i);
		while (on && time_before(jiffies, end)) {
			usleep_range(1000, 2000);
			rig_power_get(i, &on, &perf);
		}
		KUNIT_EXPECT_FALSE_MSG(test, on, "power domain %u left on", i);
	}
}

/* A stopped remote, or one whose start failed: everything undone */
void rig_check_offline(struct kunit *test, struct rig_rproc *rp)
{
	KUNIT_EXPECT_TRUE(test, rig_in_state(rp, "offline"));
	KUNIT_EXPECT_FALSE(test, rig_tz_running(rp->pas_id));
	if (rp->dtb_pas_id)
		KUNIT_EXPECT_FALSE(test, rig_tz_running(rp->dtb_pas_id));
	rig_check_pds_off(test, rp);
	rig_check_common(test);
}

/*
 * Everything the running processor reaches, read back from its domain's
 * page tables with the access the series maps it with.
 */
void rig_check_mappings(struct kunit *test, struct rig_rproc *rp)
{
	struct iommu_domain *domain = rig_smmu_dev_paging_domain(rp->dev);
	struct rig_window *r;
	unsigned int i, n;
	size_t bytes = 0;
	char why[96];
	int prot;

	KUNIT_ASSERT_NOT_NULL_MSG(test, domain, "%s: no paging domain", dev_name(rp->dev));
	KUNIT_EXPECT_EQ(test, domain->pgsize_bitmap, RIG_SMMU_PGSIZES);

	r = kunit_kcalloc(test, RIG_DEVMEM_MAX_WINDOWS + 2, sizeof(*r), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, r);
	n = rig_regions(rp, r, true);
	for (i = 0; i < n; i++) {
		/* Only a qcom,devmem window has an access */
		prot = r[i].access ? rig_devmem_prot(r[i].access) : RIG_CARVEOUT_PROT;
		KUNIT_EXPECT_EQ_MSG(test, rig_smmu_domain_check(domain, r[i].da, r[i].pa,
								r[i].size, prot, why,
								sizeof(why)), 0,
				    "%s region %u: %s", dev_name(rp->dev), i, why);
		bytes += r[i].size;
	}
	/* Nothing else is mapped */
	KUNIT_EXPECT_EQ(test, rig_smmu_mapped_bytes(rp->dev), bytes);
}

void rig_check_running(struct kunit *test, struct rig_rproc *rp)
{
	KUNIT_EXPECT_TRUE(test, rig_in_state(rp, "running"));
	KUNIT_EXPECT_TRUE(test, rig_tz_running(rp->pas_id));
	if (rp->dtb_pas_id)
		KUNIT_EXPECT_TRUE(test, rig_tz_running(rp->dtb_pas_id));
	rig_check_mappings(test, rp);
	/* Handover dropped the proxy votes */
	rig_check_pds_off(test, rp);
	rig_check_common(test);
}

/* Fail one step of a start (set up by the caller); all must be undone */
void rig_start_fails(struct kunit *test, struct rig_rproc *rp, const char *step)
{
	int ret = __rig_start(test, rp);

	KUNIT_EXPECT_LT_MSG(test, ret, 0, "%s: start succeeded despite %s",
			    dev_name(rp->dev), step);
	if (!ret)
		KUNIT_ASSERT_EQ(test, rig_stop(test, rp), 0);
	rig_check_offline(test, rp);
}

/* Every TrustZone call and every map_pages() call of a start failed in turn */
void rig_fail_each_step(struct kunit *test, struct rig_rproc *rp)
{
	struct rig_smmu_counters s;
	struct rig_tz_counters t;
	unsigned int i, calls, maps;
	char step[48];

	rig_ensure(test, rp, false);

	/* A clean start tells how many calls there are to fail */
	KUNIT_ASSERT_EQ(test, rig_start(test, rp), 0);
	rig_smmu_get_counters(&s);
	rig_tz_get_counters(&t);
	calls = t.calls;
	maps = s.map_pages;
	KUNIT_ASSERT_EQ(test, rig_stop(test, rp), 0);
	rig_check_offline(test, rp);
	kunit_info(test, "%s: %u TrustZone calls and %u map_pages calls to fail\n",
		   dev_name(rp->dev), calls, maps);
	KUNIT_ASSERT_GT(test, calls, 0);
	KUNIT_ASSERT_GT(test, maps, 0);

	for (i = 1; i <= calls && test->status != KUNIT_FAILURE; i++) {
		rig_reset_counters();
		rig_fail_tz_call(test, i, -EIO);
		snprintf(step, sizeof(step), "TrustZone call %u failing", i);
		rig_start_fails(test, rp, step);
		rig_tz_get_counters(&t);
		KUNIT_EXPECT_EQ_MSG(test, t.injected, 1, "%s", step);
	}

	for (i = 1; i <= maps && test->status != KUNIT_FAILURE; i++) {
		rig_reset_counters();
		rig_fail_map_pages(test, i);
		snprintf(step, sizeof(step), "map_pages call %u failing", i);
		rig_start_fails(test, rp, step);
		rig_smmu_get_counters(&s);
		KUNIT_EXPECT_EQ_MSG(test, s.map_failed, 1, "%s", step);
	}

	KUNIT_EXPECT_EQ(test, rig_start(test, rp), 0);
	rig_check_running(test, rp);
}

/**
 * rig_log_has() - look for a message in the kernel log
 * @dev:	the device the line names
 * @a:		a string the line contains
 * @b:		another string the line contains
 *
 * Return: whether the kernel log holds a line naming @dev and containing
 * @a and @b.
 */
bool rig_log_has(const char *dev, const char *a, const char *b)
{
	struct kmsg_dump_iter iter;
	char *line = kmalloc(1024, GFP_KERNEL);
	bool found = false;
	size_t len;

	if (!line)
		return false;

	kmsg_dump_rewind(&iter);
	while (kmsg_dump_get_line(&iter, false, line, 1023, &len)) {
		line[len] = '\0';
		if (strstr(line, dev) && strstr(line, a) && strstr(line, b))
			found = true;
	}
	kfree(line);

	return found;
}
