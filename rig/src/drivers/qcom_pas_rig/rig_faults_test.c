// SPDX-License-Identifier: GPL-2.0-only
/*
 * qcom_pas_rig_faults: failures on every path, each checked for a full
 * unwind or, where TrustZone refuses a shutdown, for what the processor
 * still uses being kept: every TrustZone call and every map_pages() call
 * of a start failed in turn, missing and corrupt firmware, a processor
 * that never signals ready, shutdowns refused in stop and crash recovery,
 * a map_pages() failure in crash recovery's restart, malformed qcom,devmem
 * at probe, and a PAS node without iommus (v7.3's path). In make
 * test-debug the whole suite runs inside one kmemleak window.
 */

#include <dt-bindings/remoteproc/qcom,pas-common.h>
#include <kunit/of.h>
#include <kunit/test-bug.h>
#include <linux/delay.h>
#include <linux/elf.h>
#include <linux/file.h>
#include <linux/firmware.h>
#include <linux/fs.h>
#include <linux/fs_struct.h>
#include <linux/of.h>
#include <linux/of_platform.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/soc/qcom/mdt_loader.h>
#include <linux/vmalloc.h>
#include <qcom_pas_rig/test.h>

#define RIG_CORRUPT_FW		"rig-corrupt.mbn"
#define RIG_DEVMEM_NODE		"/remoteproc-rig-devmem"
#define RIG_NO_IOMMU_CYCLES	10

static struct rig_rproc *rig_param_rproc(struct kunit *test)
{
	return *(struct rig_rproc * const *)test->param_value;
}

/* Every TrustZone call and every map_pages() call of a start failed in turn */
static void rig_start_faults(struct kunit *test)
{
	rig_fail_each_step(test, rig_param_rproc(test));
}

static void rig_fw_missing(struct kunit *test)
{
	struct rig_rproc *rp = rig_param_rproc(test);
	struct rig_tz_counters t;

	rig_ensure(test, rp, false);
	rig_set_firmware(test, rp, "qcom/rig/missing.mbn");
	rig_reset_counters();
	rig_start_fails(test, rp, "a missing firmware");
	rig_tz_get_counters(&t);
	KUNIT_EXPECT_EQ(test, t.auth, 0);
	KUNIT_ASSERT_EQ(test, rig_write(rp->sysfs, "firmware", rp->fw_name), 0);
	KUNIT_EXPECT_EQ(test, rig_start(test, rp), 0);
	rig_check_running(test, rp);
}

static int rig_write_corrupt_fw(struct kunit *test, struct rig_rproc *rp)
{
	const struct elf32_phdr *phdrs, *phdr;
	const struct firmware *fw;
	const struct elf32_hdr *ehdr;
	struct file *f;
	loff_t pos = 0;
	unsigned int i;
	size_t size;
	ssize_t ret;
	u8 *copy;

	ret = request_firmware(&fw, rp->fw_name, rp->dev);
	if (ret)
		return ret;

	size = fw->size;
	copy = vmalloc(size);
	if (copy)
		memcpy(copy, fw->data, size);
	release_firmware(fw);
	if (!copy)
		return -ENOMEM;

	ehdr = (const struct elf32_hdr *)copy;
	phdrs = (const struct elf32_phdr *)(copy + ehdr->e_phoff);
	for (i = 0; i < ehdr->e_phnum; i++) {
		phdr = &phdrs[i];
		if (phdr->p_type == PT_LOAD && phdr->p_filesz &&
		    (phdr->p_flags & QCOM_MDT_TYPE_MASK) != QCOM_MDT_TYPE_HASH)
			break;
	}
	if (i == ehdr->e_phnum) {
		ret = -EINVAL;
		goto out;
	}
	copy[phdr->p_offset + phdr->p_filesz / 2] ^= 0x01;
	kunit_info(test, "%s: flipped a bit at offset %#x (segment %u)\n", rp->fw_name,
		   phdr->p_offset + phdr->p_filesz / 2, i);

	/* Kernel threads resolve paths in an empty root of their own */
	scoped_with_init_fs()
		f = filp_open("/" RIG_CORRUPT_FW, O_CREAT | O_WRONLY | O_TRUNC, 0600);
	if (IS_ERR(f)) {
		ret = PTR_ERR(f);
		kunit_info(test, "cannot create /%s: %zd\n", RIG_CORRUPT_FW, ret);
		goto out;
	}
	ret = kernel_write(f, copy, size, &pos);
	/* Closed now, not from delayed work: loading a file open for write fails */
	__fput_sync(f);
out:
	vfree(copy);

	return ret < 0 ? ret : 0;
}

static void rig_fw_corrupt(struct kunit *test)
{
	struct rig_rproc *rp = &rig_lpaicp;
	struct rig_tz_counters t;

	rig_ensure(test, rp, false);
	KUNIT_ASSERT_EQ(test, rig_write_corrupt_fw(test, rp), 0);
	rig_set_fw_path(test, "/");
	rig_set_firmware(test, rp, RIG_CORRUPT_FW);
	rig_reset_counters();
	rig_start_fails(test, rp, "a corrupt firmware");
	rig_tz_get_counters(&t);
	KUNIT_EXPECT_EQ(test, t.hash_mismatch, 1);
	KUNIT_ASSERT_EQ(test, rig_write(rp->sysfs, "firmware", rp->fw_name), 0);
	KUNIT_EXPECT_EQ(test, rig_start(test, rp), 0);
	rig_check_running(test, rp);
}

/* The remote never signals ready: the start times out and is undone */
static void rig_no_ready(struct kunit *test)
{
	struct rig_rproc *rp = rig_param_rproc(test);

	rig_ensure(test, rp, false);
	rig_set_boot(test, RIG_SMP2P_SILENT);
	rig_reset_counters();
	rig_start_fails(test, rp, "a remote that never signals ready");
	rig_smp2p_set_boot(RIG_SMP2P_BOOTS);
	KUNIT_EXPECT_EQ(test, rig_start(test, rp), 0);
	rig_check_running(test, rp);
}

/* Where TrustZone refuses a shutdown, and which image's */
struct rig_refusal {
	const char *desc;
	struct rig_rproc *rp;
	bool dtb;
	bool recovery;
};

/*
 * The driver shuts the main image down first: where the dtb image's
 * shutdown is refused, the main image is down and the dtb image runs.
 */
static const struct rig_refusal rig_refusals[] = {
	{ "lpaicp stop, main image refused",			&rig_lpaicp, false, false },
	{ "lpaicp stop, main image down, dtb image refused",	&rig_lpaicp, true,  false },
	{ "adsp stop, image refused",				&rig_adsp,   false, false },
	{ "lpaicp recovery, main image refused",		&rig_lpaicp, false, true },
	{ "lpaicp recovery, main image down, dtb image refused", &rig_lpaicp, true,  true },
	{ "adsp recovery, image refused",			&rig_adsp,   false, true },
};

KUNIT_ARRAY_PARAM_DESC(rig_refusal, rig_refusals, desc);

/*
 * TrustZone refuses one shutdown: nothing the processor may still use is
 * unmapped (the fake would refuse it, and count a violation), and the
 * processor stays running (a refused stop) or crashed (v7.3's core gives
 * up a recovery whose stop fails). The next stop, accepted, unmaps every
 * region exactly once.
 */
static void rig_refused_shutdown(struct kunit *test)
{
	const struct rig_refusal *r = test->param_value;
	struct rig_rproc *rp = r->rp;
	u32 pas_id = r->dtb ? rp->dtb_pas_id : rp->pas_id;
	unsigned int images = rp->dtb_pas_id ? 2 : 1;
	struct rig_smmu_counters s;
	struct rig_tz_counters t;

	rig_ensure(test, rp, true);
	rig_refuse_shutdown(test, pas_id, 1);
	rig_reset_counters();

	if (!r->recovery) {
		KUNIT_EXPECT_LT(test, rig_write(rp->sysfs, "state", "stop"), 0);
		KUNIT_EXPECT_TRUE(test, rig_in_state(rp, "running"));
	} else {
		KUNIT_ASSERT_EQ(test, rig_smp2p_raise(rp->pas_id, RIG_SMP2P_FATAL), 0);
		KUNIT_ASSERT_TRUE(test, rig_wait_state(rp, "crashed", 1000));
		/* Recovery runs from a workqueue: let it give up */
		msleep(500);
		KUNIT_EXPECT_TRUE(test, rig_in_state(rp, "crashed"));
	}

	rig_tz_get_counters(&t);
	rig_smmu_get_counters(&s);
	KUNIT_EXPECT_EQ(test, t.shutdown_refused, 1);
	KUNIT_EXPECT_TRUE(test, rig_tz_running(pas_id));
	KUNIT_EXPECT_EQ(test, t.auth, 0);
	KUNIT_EXPECT_EQ(test, s.map_pages, 0);
	KUNIT_EXPECT_EQ_MSG(test, s.unleaves[RIG_LEAF_4K] + s.unleaves[RIG_LEAF_2M] +
			    s.unleaves[RIG_LEAF_1G], 0,
			    "%s: unmapped what the processor still uses", dev_name(rp->dev));
	KUNIT_EXPECT_EQ(test, s.unmap_refused, 0);
	rig_check_mappings(test, rp);
	rig_check_common(test);

	/*
	 * TrustZone accepts the next one: every region unmapped once. After a
	 * refused dtb shutdown the main image is down already and is not
	 * shut down a second time.
	 */
	KUNIT_ASSERT_EQ(test, rig_stop_shutdowns(test, rp, r->dtb ? 1 : images), 0);
	rig_check_offline(test, rp);
	KUNIT_EXPECT_EQ(test, rig_start(test, rp), 0);
	rig_check_running(test, rp);
}

/*
 * Malformed qcom,devmem on a rig node enabled at test time: probe fails with
 * a message naming the entry (or, for a property that is not whole
 * entries, its length)
 */
struct rig_bad_devmem {
	const char *desc;
	struct rig_window win[2];
	unsigned int cells;	/* the first cells of @win's entries, 0: all */
	const char *what;	/* what the message names */
	const char *why;	/* what it says of it */
};

#define RIG_RO		QCOM_PAS_DEVMEM_RO
#define RIG_RW		QCOM_PAS_DEVMEM_RW
#define RIG_WIN		0xc100000	/* unused MMIO of QEMU virt */
#define RIG_WIN2	0xc101000
#define RIG_CARVEOUT	0xb2800000	/* rig.dtsi: rig_devmem_mem */
#define RIG_RAM		0x41000000	/* QEMU virt: RAM from 0x40000000 */
#define RIG_ACCESS_MSG	"is neither QCOM_PAS_DEVMEM_RO nor QCOM_PAS_DEVMEM_RW"

static const struct rig_bad_devmem rig_bad_devmems[] = {
	{ "truncated entry",
	  { { RIG_WIN, RIG_WIN, 0x1000, RIG_RW }, { RIG_WIN2, RIG_WIN2, 0x1000, RIG_RW } },
	  10, "qcom,devmem: 40 bytes",
	  "access> with #address-cells 2 and #size-cells 2" },
	{ "entry of 6 cells", { { RIG_WIN, RIG_WIN, 0x1000, RIG_RW } },
	  6, "qcom,devmem: 24 bytes", "are not entries of" },
	{ "access 0", { { RIG_WIN, RIG_WIN, 0x1000, 0 } },
	  0, "qcom,devmem entry 0:", "access 0x0 " RIG_ACCESS_MSG },
	{ "access 2", { { RIG_WIN, RIG_WIN, 0x1000, 2 } },
	  0, "qcom,devmem entry 0:", "access 0x2 " RIG_ACCESS_MSG },
	{ "empty window",
	  { { RIG_WIN, RIG_WIN, 0x1000, RIG_RW }, { RIG_WIN2, RIG_WIN2, 0, RIG_RW } },
	  0, "qcom,devmem entry 1:", "is empty or out of range" },
	{ "window that wraps", { { 0xfffffffffffff000ULL, RIG_WIN, 0x2000, RIG_RW } },
	  0, "qcom,devmem entry 0:", "is empty or out of range" },
	{ "unaligned window", { { RIG_WIN + 0x800, RIG_WIN + 0x800, 0x1000, RIG_RW } },
	  0, "qcom,devmem entry 0:", "is not 4 KiB aligned" },
	{ "overlapping windows",
	  { { RIG_WIN, RIG_WIN, 0x2000, RIG_RW }, { RIG_WIN2, RIG_WIN2, 0x1000, RIG_RO } },
	  0, "qcom,devmem entry 1:", "overlaps entry 0" },
	{ "window over the carveout", { { RIG_CARVEOUT, RIG_WIN, 0x1000, RIG_RW } },
	  0, "qcom,devmem entry 0:", "overlaps firmware memory at 0xb2800000" },
	{ "window in System RAM", { { RIG_WIN, RIG_RAM, 0x1000, RIG_RW } },
	  0, "qcom,devmem entry 0:", "is System RAM" },
};

KUNIT_ARRAY_PARAM_DESC(rig_bad_devmem, rig_bad_devmems, desc);

/*
 * Windows onto reserved memory, which arm64 does not count as System RAM:
 * another processor's carveout, and the node's own at another device
 * address. The message names the reserved-memory node.
 */
static const struct rig_bad_devmem rig_reserved_devmems[] = {
	{ "onto the adsp carveout", { { RIG_WIN, 0xb0000000, 0x1000, RIG_RO } },
	  0, "qcom,devmem entry 0:",
	  "0x00000000b0000000 size 0x1000 is reserved memory /reserved-memory/adsp@b0000000" },
	{ "onto its own carveout", { { RIG_WIN, RIG_CARVEOUT, 0x1000, RIG_RO } },
	  0, "qcom,devmem entry 0:",
	  "0x00000000b2800000 size 0x1000 is reserved memory /reserved-memory/wcss@b2800000" },
};

KUNIT_ARRAY_PARAM_DESC(rig_reserved_devmem, rig_reserved_devmems, desc);

/* Two entries of seven cells */
static __be32 rig_devmem_cells[2 * 7];
static struct property rig_devmem_prop = { .name = "qcom,devmem" };
static struct property rig_devmem_status = {
	.name = "status", .value = "okay", .length = sizeof("okay"),
};

/* A revert that fails leaves the node enabled for the next case: fail this one */
static void rig_changeset_revert(void *cs)
{
	int ret = of_changeset_revert(cs);

	if (ret)
		kunit_fail_current_test("OF changeset not reverted: %d", ret);
}

KUNIT_DEFINE_ACTION_WRAPPER(rig_changeset_destroy, of_changeset_destroy, struct of_changeset *);

/*
 * Enable the disabled rig node @np through an OF changeset that also
 * replaces its qcom,devmem with @prop or, with @remove, removes @prop; the
 * test reverts it. Returns the node's device once probing is done.
 */
static struct platform_device *rig_devmem_enable(struct kunit *test,
						 struct device_node *np,
						 struct property *prop, bool remove)
{
	struct platform_device *pdev;
	struct of_changeset *cs;

	cs = kunit_kzalloc(test, sizeof(*cs), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, cs);
	of_changeset_init(cs);
	/* Runs after the revert: actions run in reverse order */
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, rig_changeset_destroy, cs), 0);
	if (remove)
		KUNIT_ASSERT_EQ(test, of_changeset_remove_property(cs, np, prop), 0);
	else
		KUNIT_ASSERT_EQ(test, of_changeset_update_property(cs, np, prop), 0);
	KUNIT_ASSERT_EQ(test, of_changeset_update_property(cs, np, &rig_devmem_status), 0);

	rig_reset_counters();
	KUNIT_ASSERT_EQ(test, of_changeset_apply(cs), 0);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, rig_changeset_revert, cs), 0);
	wait_for_device_probe();

	pdev = of_find_device_by_node(np);
	KUNIT_ASSERT_NOT_NULL_MSG(test, pdev, "no device for %pOF", np);

	return pdev;
}

/*
 * @bad's windows as entries under the rig's 2/2 parent, in
 * rig_devmem_cells: the number of cells
 */
static unsigned int rig_devmem_encode(const struct rig_bad_devmem *bad)
{
	unsigned int i, n = 0;
	__be32 *c = rig_devmem_cells;

	for (i = 0; i < ARRAY_SIZE(bad->win); i++) {
		const struct rig_window *w = &bad->win[i];

		/* The table's unused second entry */
		if (!w->da && !w->pa && !w->size)
			break;
		c[n++] = cpu_to_be32(upper_32_bits(w->da));
		c[n++] = cpu_to_be32(lower_32_bits(w->da));
		c[n++] = cpu_to_be32(upper_32_bits(w->pa));
		c[n++] = cpu_to_be32(lower_32_bits(w->pa));
		c[n++] = cpu_to_be32(upper_32_bits(w->size));
		c[n++] = cpu_to_be32(lower_32_bits(w->size));
		c[n++] = cpu_to_be32(w->access);
	}

	return bad->cells ?: n;
}

/* Enable the rig node with @bad for qcom,devmem: probe fails, naming the entry */
static void rig_devmem_refused(struct kunit *test, const struct rig_bad_devmem *bad)
{
	struct rig_smmu_counters s;
	struct rig_tz_counters t;
	struct platform_device *pdev;
	struct device_node *np;
	unsigned long end;

	np = of_find_node_by_path(RIG_DEVMEM_NODE);
	KUNIT_ASSERT_NOT_NULL(test, np);
	of_node_put_kunit(test, np);
	KUNIT_ASSERT_FALSE_MSG(test, of_device_is_available(np), "%pOF enabled", np);

	/* Static: the property outlives the test among the node's dead properties */
	rig_devmem_prop.value = rig_devmem_cells;
	rig_devmem_prop.length = rig_devmem_encode(bad) * sizeof(*rig_devmem_cells);

	pdev = rig_devmem_enable(test, np, &rig_devmem_prop, false);
	KUNIT_EXPECT_FALSE_MSG(test, device_is_bound(&pdev->dev), "%s probed despite %s",
			       dev_name(&pdev->dev), bad->desc);
	KUNIT_EXPECT_TRUE_MSG(test, rig_log_has(dev_name(&pdev->dev), bad->what, bad->why),
			      "no error \"%s ... %s\" for %s", bad->what, bad->why,
			      dev_name(&pdev->dev));

	/*
	 * Nothing asked of TrustZone or the SMMU, nothing left. A driver that
	 * took the node would start it asynchronously (auto-boot): then wait
	 * until that start reaches the fakes, so that the counts see it.
	 */
	end = jiffies + msecs_to_jiffies(RIG_BOOT_TIMEOUT_MS);
	do {
		rig_smmu_get_counters(&s);
		rig_tz_get_counters(&t);
		if (!device_is_bound(&pdev->dev) || s.domains || t.calls)
			break;
		msleep(50);
	} while (time_before(jiffies, end));
	platform_device_put(pdev);
	KUNIT_EXPECT_EQ(test, s.domains, 0);
	KUNIT_EXPECT_EQ(test, s.map_pages, 0);
	KUNIT_EXPECT_EQ(test, t.calls, 0);
	rig_check_common(test);
}

static void rig_devmem_malformed(struct kunit *test)
{
	rig_devmem_refused(test, test->param_value);
}

static void rig_devmem_reserved_memory(struct kunit *test)
{
	rig_devmem_refused(test, test->param_value);
}

/*
 * The same node without qcom,devmem, with iommus, on a TrustZone without the
 * resource-table call: probe succeeds, every start is refused with one
 * message, before anything is asked of TrustZone or mapped.
 */
static void rig_devmem_missing(struct kunit *test)
{
	struct rig_smmu_counters s;
	struct rig_tz_counters t;
	struct platform_device *pdev;
	struct device_node *np;
	struct property *prop;
	unsigned long end;
	bool refused;

	np = of_find_node_by_path(RIG_DEVMEM_NODE);
	KUNIT_ASSERT_NOT_NULL(test, np);
	of_node_put_kunit(test, np);
	prop = of_find_property(np, "qcom,devmem", NULL);
	KUNIT_ASSERT_NOT_NULL(test, prop);

	pdev = rig_devmem_enable(test, np, prop, true);
	KUNIT_EXPECT_TRUE_MSG(test, device_is_bound(&pdev->dev), "%s did not probe",
			      dev_name(&pdev->dev));

	/* The probe-time auto-boot is asynchronous */
	end = jiffies + msecs_to_jiffies(RIG_BOOT_TIMEOUT_MS);
	do {
		msleep(50);
		refused = rig_log_has(dev_name(&pdev->dev), "qcom,devmem is not described", "");
	} while (!refused && time_before(jiffies, end));
	KUNIT_EXPECT_TRUE_MSG(test, refused, "%s: start not refused", dev_name(&pdev->dev));
	platform_device_put(pdev);

	rig_smmu_get_counters(&s);
	rig_tz_get_counters(&t);
	KUNIT_EXPECT_EQ(test, s.map_pages, 0);
	KUNIT_EXPECT_EQ(test, t.calls, 0);
	rig_check_common(test);
}

KUNIT_DEFINE_ACTION_WRAPPER(rig_put_device, put_device, struct device *);

/* A PAS node without iommus: v7.3's path, nothing mapped, nothing asked of the SMMU */
static void rig_no_iommus(struct kunit *test)
{
	struct rig_smmu_counters s;
	struct rig_tz_counters t;
	struct rig_tz_auth a;
	struct rig_rproc *rp;
	unsigned int i;

	/* On the heap: room for the most windows a node may have */
	rp = kunit_kzalloc(test, sizeof(*rp), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, rp);
	rp->compatible = RIG_NO_IOMMU_COMPAT;
	rp->pas_id = RIG_PAS_ID_CDSP;
	KUNIT_ASSERT_EQ(test, rig_find(rp), 0);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, rig_put_device, rp->dev), 0);
	KUNIT_ASSERT_FALSE(test, rig_smmu_owns_stream(rp->dev));
	KUNIT_ASSERT_TRUE_MSG(test, rig_wait_state(rp, "running", RIG_BOOT_TIMEOUT_MS),
			      "%s did not auto-boot", dev_name(rp->dev));

	rig_reset_counters();
	for (i = 0; i < RIG_NO_IOMMU_CYCLES; i++) {
		KUNIT_ASSERT_EQ(test, rig_write(rp->sysfs, "state", "stop"), 0);
		KUNIT_EXPECT_FALSE(test, rig_tz_running(rp->pas_id));
		KUNIT_ASSERT_EQ(test, rig_write(rp->sysfs, "state", "start"), 0);
		KUNIT_EXPECT_TRUE(test, rig_tz_running(rp->pas_id));
	}
	rig_smmu_get_counters(&s);
	rig_tz_get_counters(&t);
	KUNIT_EXPECT_EQ(test, t.auth_ok, RIG_NO_IOMMU_CYCLES);
	KUNIT_EXPECT_EQ(test, t.shutdown, RIG_NO_IOMMU_CYCLES);
	/* The hypervisor's business: no bridge from Linux, no SMMU call */
	KUNIT_EXPECT_EQ(test, t.bridges_created, 0);
	KUNIT_EXPECT_EQ(test, s.domains, 0);
	KUNIT_EXPECT_EQ(test, s.map_pages, 0);
	KUNIT_EXPECT_EQ(test, s.unmap_pages, 0);
	KUNIT_EXPECT_EQ(test, s.tlb_syncs, 0);
	KUNIT_ASSERT_EQ(test, rig_tz_last_auth(rp->pas_id, &a), 0);
	KUNIT_EXPECT_FALSE(test, a.mapped);
	KUNIT_EXPECT_EQ(test, a.bridge_size, 0);
	KUNIT_EXPECT_EQ(test, a.pa, rp->mem.start);
	rig_check_common(test);
}

/*
 * A map_pages() failure in crash recovery's restart, at the first region
 * the restart maps (the dtb carveout where there is one): the restart
 * unwound, the windows kept as recovery keeps them, and the metadata
 * qcom_pas_load() took released by the start itself, as recovery never
 * unprepares.
 *
 * Runs last, once per processor: v7.3's core leaves a processor whose
 * recovery restart failed offline but still powered and attached to its
 * domain, so that neither sysfs start, stop nor recover acts on it, and a
 * rebind fails to attach the domain (-EBUSY). A failure after the dtb
 * image is authenticated is unwound by the same code on the start path
 * (rig_start_faults), where the freed domain shows whatever was left.
 */
static void rig_recovery_map_fault(struct kunit *test)
{
	struct rig_rproc *rp = rig_param_rproc(test);
	struct iommu_domain *domain;
	struct rig_smmu_counters s;
	size_t bytes = 0;
	unsigned int i;
	char why[96];
	struct rig_tz_counters t;
	unsigned long end;

	rig_ensure(test, rp, true);
	rig_reset_counters();
	rig_fail_map_pages(test, 1);
	KUNIT_ASSERT_EQ(test, rig_smp2p_raise(rp->pas_id, RIG_SMP2P_FATAL), 0);

	end = jiffies + msecs_to_jiffies(RIG_RECOVERY_TIMEOUT_MS);
	do {
		msleep(20);
		rig_smmu_get_counters(&s);
	} while (!s.map_failed && time_before(jiffies, end));
	/* Recovery runs from a workqueue: let it unwind */
	msleep(500);

	rig_smmu_get_counters(&s);
	rig_tz_get_counters(&t);
	KUNIT_EXPECT_EQ(test, s.map_failed, 1);
	KUNIT_EXPECT_EQ(test, t.auth_ok, 0);
	KUNIT_EXPECT_FALSE(test, rig_in_state(rp, "running"));
	KUNIT_EXPECT_FALSE(test, rig_tz_running(rp->pas_id));
	if (rp->dtb_pas_id)
		KUNIT_EXPECT_FALSE(test, rig_tz_running(rp->dtb_pas_id));
	/*
	 * The domain outlives the failed restart, and with it the windows,
	 * which have its lifetime (mapped at prepare, unmapped at unprepare,
	 * which recovery does not reach): they alone may be left in it
	 */
	domain = rig_smmu_dev_paging_domain(rp->dev);
	KUNIT_ASSERT_NOT_NULL(test, domain);
	for (i = 0; i < rp->nr_windows; i++) {
		const struct rig_window *w = &rp->windows[i];

		KUNIT_EXPECT_EQ_MSG(test, rig_smmu_domain_check(domain, w->da, w->pa, w->size,
								rig_devmem_prot(w->access),
								why, sizeof(why)), 0,
				    "%s window %u: %s", dev_name(rp->dev), i, why);
		bytes += w->size;
	}
	KUNIT_EXPECT_EQ(test, rig_smmu_mapped_bytes(rp->dev), bytes);
	rig_check_common(test);
	kunit_info(test, "%s: left %s by v7.3's core after the failed recovery\n",
		   dev_name(rp->dev), rig_in_state(rp, "offline") ? "offline" : "in another state");
}

/* make test-debug: every case below runs inside one kmemleak window */
static void rig_faults_leaks_open(struct kunit *test)
{
	rig_leaks_suite_open(test);
}

static void rig_faults_leaks_close(struct kunit *test)
{
	rig_leaks_suite_close(test);
}

static struct kunit_case rig_fault_cases[] = {
	/* First */
	KUNIT_CASE_SLOW(rig_faults_leaks_open),
	KUNIT_CASE_PARAM_ATTR(rig_start_faults, rig_rproc_gen_params,
			      { .speed = KUNIT_SPEED_SLOW }),
	KUNIT_CASE_PARAM(rig_fw_missing, rig_rproc_gen_params),
	KUNIT_CASE(rig_fw_corrupt),
	KUNIT_CASE_PARAM_ATTR(rig_no_ready, rig_rproc_gen_params,
			      { .speed = KUNIT_SPEED_SLOW }),
	KUNIT_CASE_PARAM_ATTR(rig_refused_shutdown, rig_refusal_gen_params,
			      { .speed = KUNIT_SPEED_SLOW }),
	KUNIT_CASE_PARAM(rig_devmem_malformed, rig_bad_devmem_gen_params),
	KUNIT_CASE_PARAM(rig_devmem_reserved_memory, rig_reserved_devmem_gen_params),
	KUNIT_CASE_SLOW(rig_devmem_missing),
	KUNIT_CASE(rig_no_iommus),
	/* Last to use them: leaves the processors unusable (see the case) */
	KUNIT_CASE_PARAM(rig_recovery_map_fault, rig_rproc_gen_params),
	/* Last */
	KUNIT_CASE_SLOW(rig_faults_leaks_close),
	{}
};

static struct kunit_suite rig_fault_suite = {
	.name = "qcom_pas_rig_faults",
	.suite_init = rig_suite_init,
	.suite_exit = rig_suite_exit,
	.test_cases = rig_fault_cases,
};

kunit_test_suite(rig_fault_suite);
