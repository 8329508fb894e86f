// SPDX-License-Identifier: GPL-2.0-only
/*
 * Shared helpers of the rig's integration suites: the remote processors of
 * the rig's device tree, driven through the real remoteproc sysfs
 * interface (sysfs is mounted in-kernel, since KUnit runs before user
 * space). Every start, stop and recovery prints its counters as a KTAP
 * diagnostic and checks them (rig_expect.c).
 */

#include <linux/delay.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/ktime.h>
#include <linux/mount.h>
#include <linux/of.h>
#include <linux/of_platform.h>
#include <linux/of_reserved_mem.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <qcom_pas_rig/test.h>

#define RIG_PAS_DRIVER		"bus/platform/drivers/qcom_q6v5_pas"

/*
 * The leaves are counted by hand from rig.dtsi, not computed the way the
 * IOMMU core splits a mapping, so that a check against them does not hold
 * whatever the core does. The fake SMMU offers 4K, 2M and 1G pages.
 */
struct rig_rproc rig_lpaicp = {
	.compatible	= "qcom,shikra-lpaicp-pas",
	.fw_name	= "qcom/shikra/lpaicp.mbn",
	.pas_id		= RIG_PAS_ID_LPAICP,
	.dtb_pas_id	= RIG_PAS_ID_LPAICP_DTB,
	/*
	 * 0xb4402000+0x2ce000 crosses one 2M boundary, 0xb4600000, with
	 * 0x1fe000 before it and 0xd0000 after it, neither a whole 2M page:
	 * 510 + 208 pages of 4K; the dtb image's 0x8000: 8 more
	 */
	.carveout_leaves = { [RIG_LEAF_4K] = 510 + 208 + 8 },
	/* 0x1000 and 0x4000 */
	.window_leaves	= { [RIG_LEAF_4K] = 1 + 4 },
};

struct rig_rproc rig_adsp = {
	.compatible	= "qcom,sa8775p-adsp-pas",
	.fw_name	= "qcom/vpu/vpu30_p4_s6.mbn",
	.pas_id		= RIG_PAS_ID_ADSP,
	.pds		= true,
	/* 0xb0000000+0x700000, 2M-aligned: three 2M pages and 1M of 4K */
	.carveout_leaves = { [RIG_LEAF_4K] = 256, [RIG_LEAF_2M] = 3 },
	/* The 18 published windows, all 4K-granular: 59 pages in all */
	.window_leaves	= { [RIG_LEAF_4K] = 4 + 1 + 3 + 2 + 3 + 1 + 1 + 1 + 1 +
					14 + 1 + 13 + 1 + 1 + 8 + 2 + 1 + 1 },
};

struct rig_rproc * const rig_rprocs[2] = { &rig_lpaicp, &rig_adsp };

/* The compatible, and the image that runs: no Debian package has an SA8775p ADSP image */
static void rig_rproc_desc(struct rig_rproc * const *rp, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s running %s", (*rp)->compatible,
		 (*rp)->fw_name);
}

KUNIT_ARRAY_PARAM(rig_rproc_array, rig_rprocs, rig_rproc_desc);

/**
 * rig_rproc_gen_params() - each PAS processor of rig_rprocs, for KUNIT_CASE_PARAM()
 * @test:	the test
 * @prev:	the previous parameter, NULL for the first
 * @desc:	the parameter's name: the processor's compatible and its image
 *
 * Return: the next processor, NULL after the last.
 */
const void *rig_rproc_gen_params(struct kunit *test, const void *prev, char *desc)
{
	return rig_rproc_array_gen_params(test, prev, desc);
}

static struct vfsmount *rig_sysfs;

static int rig_match_rproc(struct device *dev, const void *data)
{
	return strstarts(dev_name(dev), "remoteproc");
}

/**
 * rig_find() - find a remote processor of the rig and what its node describes
 * @rp:	remote processor; takes a reference to its device, dropped by
 *	rig_suite_exit() (or by rig_reprobe(), which finds it again)
 *
 * Return: 0 on success, negative errno otherwise.
 */
int rig_find(struct rig_rproc *rp)
{
	struct platform_device *pdev;
	struct device_node *np;
	struct device *child;
	int ret, n = 0;

	if (rp->dev)
		return 0;

	/* What the driver was told at probe: this boot's TrustZone's answer */
	rp->rsc_table = rig_tz_rsc_table();
	np = of_find_compatible_node(NULL, NULL, rp->compatible);
	if (!np)
		return -ENODEV;

	pdev = of_find_device_by_node(np);
	ret = of_reserved_mem_region_to_resource(np, 0, &rp->mem);
	if (!ret && rp->dtb_pas_id)
		ret = of_reserved_mem_region_to_resource(np, 1, &rp->dtb_mem);
	if (!ret)
		n = rig_devmem_read(np, rp->windows);
	of_node_put(np);
	if (n < 0)
		ret = n;
	rp->nr_windows = max(n, 0);
	if (!pdev)
		return -ENODEV;
	if (ret)
		goto err_put;

	child = device_find_child(&pdev->dev, NULL, rig_match_rproc);
	if (!child) {
		ret = -ENODEV;
		goto err_put;
	}

	snprintf(rp->sysfs, sizeof(rp->sysfs), "class/remoteproc/%s", dev_name(child));
	put_device(child);
	rp->dev = &pdev->dev;

	return 0;

err_put:
	put_device(&pdev->dev);
	return ret;
}

static void rig_put(struct rig_rproc *rp)
{
	if (rp->dev)
		put_device(rp->dev);
	rp->dev = NULL;
}

int rig_suite_init(struct kunit_suite *suite)
{
	struct file_system_type *fs;
	unsigned int i;
	int ret;

	fs = get_fs_type("sysfs");
	if (!fs)
		return -ENODEV;

	rig_sysfs = kern_mount(fs);
	put_filesystem(fs);
	if (IS_ERR(rig_sysfs)) {
		ret = PTR_ERR(rig_sysfs);
		rig_sysfs = NULL;
		return ret;
	}

	for (i = 0; i < ARRAY_SIZE(rig_rprocs); i++) {
		ret = rig_find(rig_rprocs[i]);
		if (ret) {
			pr_err("rig: no remote processor for %s: %d\n",
			       rig_rprocs[i]->compatible, ret);
			rig_suite_exit(suite);
			return ret;
		}
	}

	return 0;
}

void rig_suite_exit(struct kunit_suite *suite)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(rig_rprocs); i++)
		rig_put(rig_rprocs[i]);
	if (rig_sysfs)
		kern_unmount(rig_sysfs);
	rig_sysfs = NULL;
}

/**
 * rig_settle() - rig_suite_init(), and wait for the probe-time auto-boot
 *		  of every enabled remote processor of the rig's DT
 * @suite:	the suite
 *
 * The processors start asynchronously when they probe. A suite that resets
 * the fakes' counters or arms a fault before those starts are over counts
 * them, or fails them: such a suite starts here, from processors that
 * are all running. Its suite_exit is rig_suite_exit().
 *
 * Return: 0, or a negative errno (-ETIMEDOUT: one never ran).
 */
int rig_settle(struct kunit_suite *suite)
{
	/* On the heap: room for the most windows a node may have */
	struct rig_rproc *hyp __free(kfree) = kzalloc(sizeof(*hyp), GFP_KERNEL);
	unsigned int i;
	int ret;

	if (!hyp)
		return -ENOMEM;
	hyp->compatible = RIG_NO_IOMMU_COMPAT;

	ret = rig_suite_init(suite);
	if (ret)
		return ret;

	ret = rig_find(hyp);
	for (i = 0; !ret && i <= ARRAY_SIZE(rig_rprocs); i++) {
		struct rig_rproc *rp = i < ARRAY_SIZE(rig_rprocs) ? rig_rprocs[i] : hyp;

		if (!rig_wait_state(rp, "running", RIG_BOOT_TIMEOUT_MS)) {
			pr_err("rig: %s did not auto-boot\n", rp->compatible);
			ret = -ETIMEDOUT;
		}
	}
	rig_put(hyp);
	if (ret)
		rig_suite_exit(suite);

	return ret;
}

static struct file *rig_open(const char *dir, const char *attr, int flags)
{
	char path[96];

	snprintf(path, sizeof(path), "%s/%s", dir, attr);

	return file_open_root_mnt(rig_sysfs, path, flags, 0);
}

/* An empty @val is written as a NUL byte: an attribute then reads back empty */
int rig_write(const char *dir, const char *attr, const char *val)
{
	struct file *f = rig_open(dir, attr, O_WRONLY);
	size_t len = strlen(val) ?: 1;
	loff_t pos = 0;
	ssize_t ret;

	if (IS_ERR(f))
		return PTR_ERR(f);

	ret = kernel_write(f, val, len, &pos);
	filp_close(f, NULL);

	/*
	 * A store returns the whole count or a negative errno. Anything else
	 * (a positive status passed up as a count) is a short write to the
	 * C library, which writes the rest: an error of its own here.
	 */
	if (ret >= 0 && ret != len) {
		pr_err("rig: %s/%s: write of %zu bytes returned %zd\n", dir, attr, len, ret);
		return -EPROTO;
	}

	return ret < 0 ? ret : 0;
}

/* The same, returning what the write returned */
ssize_t rig_write_count(const char *dir, const char *attr, const char *val)
{
	struct file *f = rig_open(dir, attr, O_WRONLY);
	loff_t pos = 0;
	ssize_t ret;

	if (IS_ERR(f))
		return PTR_ERR(f);

	ret = kernel_write(f, val, strlen(val), &pos);
	filp_close(f, NULL);

	return ret;
}

int rig_read(const char *dir, const char *attr, char *buf, size_t len)
{
	struct file *f = rig_open(dir, attr, O_RDONLY);
	loff_t pos = 0;
	ssize_t ret;

	if (IS_ERR(f))
		return PTR_ERR(f);

	ret = kernel_read(f, buf, len - 1, &pos);
	filp_close(f, NULL);
	if (ret < 0)
		return ret;

	buf[ret] = '\0';
	strim(buf);

	return 0;
}

bool rig_in_state(struct rig_rproc *rp, const char *state)
{
	char buf[32];

	return !rig_read(rp->sysfs, "state", buf, sizeof(buf)) && !strcmp(buf, state);
}

bool rig_wait_state(struct rig_rproc *rp, const char *state,
		    unsigned int timeout_ms)
{
	unsigned long end = jiffies + msecs_to_jiffies(timeout_ms);

	while (!rig_in_state(rp, state)) {
		if (time_after(jiffies, end))
			return false;
		usleep_range(2000, 5000);
	}

	return true;
}

void rig_reset_counters(void)
{
	rig_smmu_reset_counters();
	rig_tz_reset_counters();
}

static void rig_print_counters(struct kunit *test, struct rig_rproc *rp,
			       const char *what, s64 us, int ret)
{
	struct rig_smmu_counters s;
	struct rig_tz_counters t;

	rig_smmu_get_counters(&s);
	rig_tz_get_counters(&t);
	kunit_info(test,
		   "%s %s %u: %d, %lld us, iommu_map %lu, map_pages %lu, leaves 4K %lu 2M %lu 1G %lu, unmapped 4K %lu 2M %lu 1G %lu, tlb syncs %lu, tz calls %u (init %u setup %u rsc %u auth %u shutdown %u bridges %u)\n",
		   dev_name(rp->dev), what, rp->starts, ret, us, s.map_calls,
		   s.map_pages, s.leaves[RIG_LEAF_4K], s.leaves[RIG_LEAF_2M],
		   s.leaves[RIG_LEAF_1G], s.unleaves[RIG_LEAF_4K],
		   s.unleaves[RIG_LEAF_2M], s.unleaves[RIG_LEAF_1G], s.tlb_syncs,
		   t.calls, t.init_image, t.mem_setup, t.get_rsc_table, t.auth,
		   t.shutdown, t.bridges_created);
}

/* Start through sysfs; print and check the start's counters */
int __rig_start(struct kunit *test, struct rig_rproc *rp)
{
	ktime_t t0;
	int ret;

	t0 = ktime_get();
	ret = rig_write(rp->sysfs, "state", "start");
	rp->starts++;
	rig_print_counters(test, rp, "start", ktime_us_delta(ktime_get(), t0), ret);

	return ret;
}

int rig_start(struct kunit *test, struct rig_rproc *rp)
{
	int ret;

	rig_reset_counters();
	ret = __rig_start(test, rp);
	if (!ret)
		rig_check_counters(test, rp, RIG_STEP_START, 0);

	return ret;
}

/*
 * Stop through sysfs; when it succeeds, check the stop's counters, with
 * @shutdowns calls into TrustZone's shutdown.
 */
int rig_stop_shutdowns(struct kunit *test, struct rig_rproc *rp,
		       unsigned int shutdowns)
{
	ktime_t t0;
	int ret;

	rig_reset_counters();
	t0 = ktime_get();
	ret = rig_write(rp->sysfs, "state", "stop");
	rig_print_counters(test, rp, "stop", ktime_us_delta(ktime_get(), t0), ret);
	if (!ret)
		rig_check_counters(test, rp, RIG_STEP_STOP, shutdowns);

	return ret;
}

/* Stop through sysfs: one shutdown per image */
int rig_stop(struct kunit *test, struct rig_rproc *rp)
{
	return rig_stop_shutdowns(test, rp, rp->dtb_pas_id ? 2 : 1);
}

/* Crash the remote and wait until the main image runs again */
int rig_crash_and_recover(struct kunit *test, struct rig_rproc *rp)
{
	struct rig_tz_counters t;
	unsigned long end;
	ktime_t t0;
	int ret;

	rig_reset_counters();
	t0 = ktime_get();
	ret = rig_smp2p_raise(rp->pas_id, RIG_SMP2P_FATAL);
	if (ret)
		return ret;

	end = jiffies + msecs_to_jiffies(RIG_RECOVERY_TIMEOUT_MS);
	do {
		usleep_range(2000, 5000);
		rig_tz_get_counters(&t);
	} while ((!rig_tz_running(rp->pas_id) || !t.auth_ok ||
		  !rig_in_state(rp, "running")) && time_before(jiffies, end));

	rp->starts++;
	ret = rig_in_state(rp, "running") && t.auth_ok ? 0 : -ETIMEDOUT;
	rig_print_counters(test, rp, "recovery", ktime_us_delta(ktime_get(), t0), ret);
	if (!ret)
		rig_check_counters(test, rp, RIG_STEP_RECOVERY,
				   rp->dtb_pas_id ? 2 : 1);

	return ret;
}

/* Bring a remote to a state, waiting out the probe-time auto-boot first */
void rig_ensure(struct kunit *test, struct rig_rproc *rp, bool running)
{
	KUNIT_ASSERT_TRUE_MSG(test, rig_wait_state(rp, "running", RIG_BOOT_TIMEOUT_MS) ||
			      rig_in_state(rp, "offline"),
			      "%s neither running nor offline", dev_name(rp->dev));

	if (running && rig_in_state(rp, "offline"))
		KUNIT_ASSERT_EQ(test, rig_start(test, rp), 0);
	else if (!running && rig_in_state(rp, "running"))
		KUNIT_ASSERT_EQ(test, rig_stop(test, rp), 0);
}

/*
 * Unbind and bind the driver through sysfs, and wait for the probe-time
 * auto-boot. The driver asks once, at probe, whether TrustZone has the
 * resource-table call (qcom_scm asked TrustZone when it probed):
 * @rsc_table says what the checks expect.
 */
int __rig_reprobe(struct rig_rproc *rp, bool rsc_table)
{
	char name[48];
	int ret;

	strscpy(name, dev_name(rp->dev), sizeof(name));
	ret = rig_write(RIG_PAS_DRIVER, "unbind", name);
	if (ret)
		return ret;
	rig_put(rp);

	rp->rsc_table = rsc_table;
	ret = rig_write(RIG_PAS_DRIVER, "bind", name);
	if (ret)
		return ret;
	ret = rig_find(rp);
	if (ret)
		return ret;

	return rig_wait_state(rp, "running", RIG_BOOT_TIMEOUT_MS) ? 0 : -ETIMEDOUT;
}

void rig_reprobe(struct kunit *test, struct rig_rproc *rp, bool rsc_table)
{
	KUNIT_ASSERT_EQ_MSG(test, __rig_reprobe(rp, rsc_table), 0,
			    "%s: rebind with%s the resource-table call",
			    rp->compatible, rsc_table ? "" : "out");
	rig_check_common(test);
}
