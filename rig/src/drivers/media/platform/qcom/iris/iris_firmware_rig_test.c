// SPDX-License-Identifier: GPL-2.0-only
/*
 * Firmware load tests of the iris driver on the Qualcomm PAS test rig.
 *
 * Iris cannot probe under QEMU, so these tests build an iris core of their
 * own on the rig's iris-like nodes, with platform data that names the
 * packaged VPU firmware and carries the content-protection ranges of the
 * vpu3 platforms (the rig's TrustZone answers that SCM call), and call
 * iris_fw_dev_init(), iris_fw_load() and iris_fw_unload() as probe, first
 * open, recovery and remove would. The fake SMMU and TrustZone check what
 * the hardware and TrustZone require; the tests check that every failure
 * leaves no device, no domain, no mapping, no metadata and no SHM bridge
 * behind; in make test-debug, inside one kmemleak window.
 */

#include <kunit/test.h>
#include <linux/device.h>
#include <linux/firmware/qcom/qcom_pas.h>
#include <linux/iommu.h>
#include <linux/notifier.h>
#include <linux/platform_device.h>
#include <qcom_pas_rig/test.h>

#include "iris_firmware.h"
#include "iris_firmware_rig.h"

#define IRIS_TEST_CYCLES	20

static const struct iris_firmware_desc iris_test_missing_desc = {
	.fwname = "qcom/vpu/iris-rig-missing.mbn",
};

static const struct iris_platform_data iris_test_missing_pdata = {
	.firmware_desc_gen2 = &iris_test_missing_desc,
	.tz_cp_config_data_size = 0,
};

static void iris_test_cycles(struct kunit *test)
{
	struct iris_test *it = iris_test_pas_core(test);
	struct rig_tz_counters t;
	int i;

	for (i = 0; i < IRIS_TEST_CYCLES && !test->status; i++)
		iris_test_load_unload(test, it);

	/*
	 * Each cycle: init_image, mem_setup, auth, content protection, one
	 * release, shutdown
	 */
	rig_tz_get_counters(&t);
	KUNIT_EXPECT_EQ(test, t.init_image, IRIS_TEST_CYCLES);
	KUNIT_EXPECT_EQ(test, t.mem_setup, IRIS_TEST_CYCLES);
	KUNIT_EXPECT_EQ(test, t.auth, IRIS_TEST_CYCLES);
	KUNIT_EXPECT_EQ(test, t.auth_ok, IRIS_TEST_CYCLES);
	KUNIT_EXPECT_EQ(test, t.video_var,
			IRIS_TEST_CYCLES * iris_test_pdata.tz_cp_config_data_size);
	KUNIT_EXPECT_EQ(test, t.shutdown, IRIS_TEST_CYCLES);
	KUNIT_EXPECT_EQ(test, t.get_rsc_table, 0);
}

/*
 * What the system-error work does, iris_core_deinit() then
 * iris_core_init(): the firmware reloads into the same domain, the
 * carveout unmapped once in between and mapped once again.
 */
static void iris_test_recovery(struct kunit *test)
{
	struct iris_test *it = iris_test_pas_core(test);
	struct rig_smmu_counters s, before;
	struct rig_tz_counters t;

	KUNIT_ASSERT_EQ(test, iris_fw_load(&it->core), 0);
	iris_test_check_running(test, it);

	KUNIT_EXPECT_EQ(test, iris_fw_unload(&it->core), 0);
	KUNIT_EXPECT_EQ(test, rig_smmu_mapped_bytes(it->core.fw_dev), 0);
	/* Unloaded twice, as a second deinit would: nothing more happens */
	rig_smmu_get_counters(&before);
	KUNIT_EXPECT_EQ(test, iris_fw_unload(&it->core), 0);
	rig_smmu_get_counters(&s);
	KUNIT_EXPECT_EQ(test, s.unmap_pages, before.unmap_pages);
	rig_tz_get_counters(&t);
	KUNIT_EXPECT_EQ(test, t.shutdown, 1);

	KUNIT_ASSERT_EQ(test, iris_fw_load(&it->core), 0);
	iris_test_check_running(test, it);
	rig_tz_get_counters(&t);
	KUNIT_EXPECT_EQ(test, t.init_image, 2);
	KUNIT_EXPECT_EQ(test, t.auth_ok, 2);
	rig_smmu_get_counters(&s);
	KUNIT_EXPECT_EQ(test, s.map_calls, 2);
	/* The domain iris_fw_dev_init() allocated, and no other */
	KUNIT_EXPECT_EQ(test, s.domains, 1);
	KUNIT_EXPECT_EQ(test, s.domains_freed, 0);

	KUNIT_EXPECT_EQ(test, iris_fw_unload(&it->core), 0);
	iris_test_check_clean(test, it);
}

struct iris_test_fault {
	const char *name;
	unsigned int tz_nth;
	unsigned int map_nth;
};

/*
 * TrustZone calls of a load, in order: init_image, mem_setup, auth,
 * content protection. The last fails with the firmware running: the load
 * shuts it down (one more call) and unmaps its carveout.
 */
#define IRIS_TEST_CP_CALL	4

static const struct iris_test_fault iris_test_faults[] = {
	{ .name = "init_image (metadata into the context)", .tz_nth = 1 },
	{ .name = "mem_setup (load)", .tz_nth = 2 },
	{ .name = "first map_pages (map)", .map_nth = 1 },
	{ .name = "second map_pages (map, partly mapped)", .map_nth = 2 },
	{ .name = "auth_and_reset (auth)", .tz_nth = 3 },
	{ .name = "content protection (after auth)", .tz_nth = IRIS_TEST_CP_CALL },
};

static void iris_test_fault_desc(const struct iris_test_fault *f, char *desc)
{
	strscpy(desc, f->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(iris_test_fault, iris_test_faults, iris_test_fault_desc);

/*
 * A load that fails at one step unwinds it. Run after a first load and
 * unload of the same core: the first load of a binding retries once after
 * a shutdown (iris_test_first_load_retry), a later one does not.
 */
static void iris_test_fault_unwinds(struct kunit *test)
{
	const struct iris_test_fault *f = test->param_value;
	struct iris_test *it = iris_test_pas_core(test);
	struct rig_smmu_counters s;
	struct rig_tz_counters t;

	iris_test_load_unload(test, it);
	rig_tz_reset_counters();
	rig_smmu_reset_counters();

	if (f->tz_nth)
		rig_fail_tz_call(test, f->tz_nth, -EIO);
	if (f->map_nth)
		rig_fail_map_pages(test, f->map_nth);

	KUNIT_EXPECT_LT(test, iris_fw_load(&it->core), 0);

	rig_tz_get_counters(&t);
	rig_smmu_get_counters(&s);
	if (f->tz_nth == IRIS_TEST_CP_CALL) {
		KUNIT_EXPECT_EQ(test, t.injected, 1);
		KUNIT_EXPECT_EQ(test, t.auth_ok, 1);
		/*
		 * Shut down, then unmapped with one IOTLB sync (an unmap
		 * before the shutdown is refused, a violation)
		 */
		KUNIT_EXPECT_EQ(test, t.shutdown, 1);
		KUNIT_EXPECT_EQ(test, t.calls, f->tz_nth + 1);
		KUNIT_EXPECT_EQ(test, s.unmap_refused, 0);
		KUNIT_EXPECT_EQ(test, s.tlb_syncs, 1);
	} else if (f->tz_nth) {
		KUNIT_EXPECT_EQ(test, t.injected, 1);
		KUNIT_EXPECT_EQ(test, t.calls, f->tz_nth);
		KUNIT_EXPECT_EQ(test, t.auth_ok, 0);
		KUNIT_EXPECT_EQ(test, t.shutdown, 0);
	} else {
		KUNIT_EXPECT_EQ(test, s.map_failed, 1);
		/* Failed before TrustZone was asked to authenticate */
		KUNIT_EXPECT_EQ(test, t.auth, 0);
		KUNIT_EXPECT_EQ(test, t.shutdown, 0);
	}
	iris_test_check_clean(test, it);

	/* And the next load works */
	rig_tz_fail_call(0, 0);
	rig_smmu_fail_map_pages(0);
	iris_test_load_unload(test, it);
}

/*
 * TrustZone refuses the shutdown: the video processor may still run from
 * the carveout, so it stays mapped and TrustZone keeps its bridge. A load
 * retries the shutdown first and is refused while TrustZone refuses it;
 * once the shutdown goes through, the firmware loads again (the recovery
 * path: deinit, then init).
 */
static void iris_test_refused_shutdown(struct kunit *test)
{
	struct iris_test *it = iris_test_pas_core(test);
	size_t size = resource_size(&it->mem);
	struct rig_smmu_counters s;
	struct rig_tz_counters t;

	iris_test_load_refused_unload(test, it);
	rig_tz_get_counters(&t);
	KUNIT_EXPECT_EQ(test, t.shutdown, 1);
	KUNIT_EXPECT_EQ(test, t.violations, 0);
	iris_test_check_running(test, it);

	/* A load while TrustZone still refuses: nothing loaded, nothing moved */
	rig_fail_tz_call(test, 1, -EIO);
	KUNIT_EXPECT_EQ(test, iris_fw_load(&it->core), -EBUSY);
	rig_tz_get_counters(&t);
	KUNIT_EXPECT_EQ(test, t.shutdown, 2);
	KUNIT_EXPECT_EQ(test, t.init_image, 1);
	iris_test_check_running(test, it);

	/* The retried shutdown succeeds: unmapped once, loaded again */
	rig_smmu_reset_counters();
	KUNIT_ASSERT_EQ(test, iris_fw_load(&it->core), 0);
	iris_test_check_running(test, it);
	rig_tz_get_counters(&t);
	KUNIT_EXPECT_EQ(test, t.shutdown, 3);
	KUNIT_EXPECT_EQ(test, t.init_image, 2);
	KUNIT_EXPECT_EQ(test, t.auth_ok, 2);
	rig_smmu_get_counters(&s);
	KUNIT_EXPECT_EQ(test, s.map_calls, 1);
	KUNIT_EXPECT_EQ(test, rig_smmu_mapped_bytes(it->core.fw_dev), size);

	KUNIT_EXPECT_EQ(test, iris_fw_unload(&it->core), 0);
	iris_test_check_clean(test, it);
}

/*
 * TrustZone refuses the shutdown at remove(): the refusal is logged and the
 * teardown goes on. The firmware device and its domain go; the domain
 * still maps the carveout (reserved memory, never handed out again), and
 * nothing unmaps it under the running image. Freeing the domain of an
 * image TrustZone still runs is what the fake TrustZone reports: exactly
 * that, once, is expected here.
 */
static void iris_test_refused_shutdown_at_remove(struct kunit *test)
{
	struct iris_test *it = iris_test_pas_core(test);
	size_t size = resource_size(&it->mem);
	struct rig_smmu_counters s;
	struct rig_tz_counters t;

	/* remove(): iris_core_deinit(), then devres */
	iris_test_load_refused_unload(test, it);
	rig_smmu_reset_counters();
	devres_release_group(it->core.dev, it->group);
	it->group = NULL;
	iris_test_check_no_fw_dev(test, it);

	rig_smmu_get_counters(&s);
	KUNIT_EXPECT_EQ(test, s.unmap_pages, 0);
	KUNIT_EXPECT_EQ(test, s.domains_freed, 1);
	KUNIT_EXPECT_EQ(test, s.leaked_domains, 1);
	KUNIT_EXPECT_EQ(test, s.leaked_bytes, size);
	rig_tz_get_counters(&t);
	KUNIT_EXPECT_EQ(test, t.violations, 1);
	KUNIT_EXPECT_STREQ(test, rig_tz_last_violation(),
			   "domain of running PAS 9 freed");
	KUNIT_EXPECT_TRUE(test, rig_tz_running(RIG_PAS_ID_VIDEO));
	rig_tz_reset_counters();

	/* TrustZone gives in later: nothing of the driver's is left behind */
	KUNIT_EXPECT_EQ(test, qcom_pas_shutdown(RIG_PAS_ID_VIDEO), 0);
	KUNIT_EXPECT_FALSE(test, rig_tz_running(RIG_PAS_ID_VIDEO));
	KUNIT_EXPECT_EQ(test, rig_tz_bridged_images(), it->bridged);
}

/* A video-firmware child without iommus names no stream: probe fails */
static void iris_test_no_stream(struct kunit *test)
{
	struct iris_test *it;

	it = iris_test_core(test, "qcom-pas-rig,iris-nostream", &iris_test_pdata);
	KUNIT_ASSERT_NOT_NULL(test, it->fw_np);
	KUNIT_EXPECT_EQ(test, iris_fw_dev_init(&it->core), -EINVAL);
	iris_test_check_init_unwound(test, it, 0);
}

/*
 * The firmware stream's IOMMU has not probed, and never will: probe waits as
 * long as the driver core waits for an optional supplier, then gives up
 * with what driver_deferred_probe_check_state() says, and leaves the child
 * free to be created again. The rig runs after the initcalls, without
 * modules: no more waiting, not -EPROBE_DEFER for ever.
 */
static void iris_test_iommu_absent(struct kunit *test)
{
	struct iris_test *it;
	int i;

	if (IS_ENABLED(CONFIG_MODULES))
		kunit_skip(test, "with modules the answer follows the deferred-probe timeout");

	it = iris_test_core(test, "qcom-pas-rig,iris-late", &iris_test_pdata);
	KUNIT_ASSERT_NOT_NULL(test, it->fw_np);
	for (i = 0; i < 2; i++) {
		int ret = iris_fw_dev_init(&it->core);

		KUNIT_EXPECT_EQ(test, ret, driver_deferred_probe_check_state(it->core.dev));
		KUNIT_EXPECT_NE(test, ret, -EPROBE_DEFER);
		iris_test_check_init_unwound(test, it, 0);
	}
}

/*
 * A firmware stream that the codec's own stream match entry matches (the
 * lemans codec's <0x880 0x400> for the firmware's 0x882): the SMMU gives
 * the firmware device the codec's SMR and so its IOMMU group, for which
 * iommu_attach_device() refuses a domain. iris gives up and unwinds,
 * before anything is mapped or asked of TrustZone.
 */
static void iris_test_stream_shared(struct kunit *test)
{
	struct iris_test *it;

	it = iris_test_core(test, "qcom-pas-rig,iris-shared", &iris_test_pdata);
	KUNIT_ASSERT_NOT_NULL(test, it->fw_np);
	KUNIT_EXPECT_EQ(test, iris_fw_dev_init(&it->core), -EINVAL);
	iris_test_check_init_unwound(test, it, 1);
}

/*
 * A firmware stream that overlaps an SMR the boot firmware left without
 * being covered by it: the SMMU refuses the firmware device (a stream
 * match conflict), which then has no IOMMU, and iris gives up as for an
 * IOMMU that never probes.
 */
static void iris_test_stream_conflict(struct kunit *test)
{
	struct iris_test *it;
	int ret;

	if (IS_ENABLED(CONFIG_MODULES))
		kunit_skip(test, "with modules the answer follows the deferred-probe timeout");

	it = iris_test_core(test, "qcom-pas-rig,iris-conflict", &iris_test_pdata);
	KUNIT_ASSERT_NOT_NULL(test, it->fw_np);
	ret = iris_fw_dev_init(&it->core);
	KUNIT_EXPECT_EQ(test, ret, driver_deferred_probe_check_state(it->core.dev));
	KUNIT_EXPECT_NE(test, ret, -EPROBE_DEFER);
	KUNIT_EXPECT_TRUE(test, rig_log_has("", "stream 0x2a02 mask 0x402",
					    "stream match conflict"));
	iris_test_check_init_unwound(test, it, 0);
}

/* No carveout for the firmware: probe fails before creating anything */
static void iris_test_no_memory_region(struct kunit *test)
{
	struct iris_test *it;

	it = iris_test_core(test, "qcom-pas-rig,iris-nomem", &iris_test_pdata);
	KUNIT_ASSERT_NOT_NULL(test, it->fw_np);
	KUNIT_EXPECT_LT(test, iris_fw_dev_init(&it->core), 0);
	iris_test_check_init_unwound(test, it, 0);
}

/*
 * Something else has put the firmware stream's group in a domain of its
 * own by the time iris claims it (here a platform bus notifier that runs
 * after the IOMMU core's, when the child's device is added): the claim of
 * the device's DMA fails with -EBUSY, before iris allocates a domain, and
 * iris destroys the device.
 */
struct iris_test_squatter {
	struct notifier_block nb;
	struct device_node *np;
	struct iommu_domain *domain;
	int attach_ret;
};

static int iris_test_squat(struct notifier_block *nb, unsigned long action,
			   void *data)
{
	struct iris_test_squatter *sq = container_of(nb, struct iris_test_squatter, nb);
	struct device *dev = data;

	if (dev->of_node != sq->np)
		return NOTIFY_DONE;

	if (action == BUS_NOTIFY_ADD_DEVICE && !sq->domain) {
		sq->domain = iommu_paging_domain_alloc(dev);
		if (IS_ERR(sq->domain)) {
			sq->attach_ret = PTR_ERR(sq->domain);
			sq->domain = NULL;
			return NOTIFY_DONE;
		}
		sq->attach_ret = iommu_attach_device(sq->domain, dev);
	} else if (action == BUS_NOTIFY_DEL_DEVICE && sq->domain) {
		if (!sq->attach_ret)
			iommu_detach_device(sq->domain, dev);
		iommu_domain_free(sq->domain);
		sq->domain = NULL;
	}

	return NOTIFY_OK;
}

static void iris_test_attach_fails(struct kunit *test)
{
	struct iris_test_squatter sq = {
		.nb.notifier_call = iris_test_squat,
		.nb.priority = -1,
	};
	struct iris_test *it;
	int ret;

	it = iris_test_core(test, "qcom-pas-rig,iris", &iris_test_pdata);
	sq.np = it->fw_np;
	KUNIT_ASSERT_EQ(test, bus_register_notifier(&platform_bus_type, &sq.nb), 0);
	ret = iris_fw_dev_init(&it->core);
	bus_unregister_notifier(&platform_bus_type, &sq.nb);

	KUNIT_EXPECT_EQ(test, sq.attach_ret, 0);
	KUNIT_EXPECT_EQ(test, ret, -EBUSY);
	KUNIT_EXPECT_NULL(test, sq.domain);
	/* The squatter's domain alone, freed */
	iris_test_check_init_unwound(test, it, 1);

	/* With the group free again, the next attempt succeeds */
	rig_smmu_reset_counters();
	KUNIT_ASSERT_EQ(test, iris_fw_dev_init(&it->core), 0);
	iris_test_load_unload(test, it);
}

/* Without video-firmware the hypervisor maps the firmware: plain auth-and-reset */
static void iris_test_hypervisor(struct kunit *test)
{
	struct iris_test *it;
	struct rig_smmu_counters s;
	struct rig_tz_counters t;
	int i;

	it = iris_test_core(test, "qcom-pas-rig,iris-hyp", &iris_test_pdata);
	KUNIT_ASSERT_EQ(test, iris_fw_dev_init(&it->core), 0);
	KUNIT_EXPECT_NULL(test, it->core.fw_dev);
	KUNIT_EXPECT_NULL(test, it->core.fw_domain);
	KUNIT_EXPECT_NULL(test, it->core.pas_ctx);

	for (i = 0; i < 3 && !test->status; i++) {
		KUNIT_ASSERT_EQ(test, iris_fw_load(&it->core), 0);
		KUNIT_EXPECT_TRUE(test, rig_tz_running(RIG_PAS_ID_VIDEO));
		/* No context: no bridge from Linux */
		KUNIT_EXPECT_EQ(test, rig_tz_bridged_images(), it->bridged);
		KUNIT_EXPECT_EQ(test, iris_fw_unload(&it->core), 0);
		iris_test_check_clean(test, it);
	}

	rig_tz_get_counters(&t);
	KUNIT_EXPECT_EQ(test, t.init_image, 3);
	KUNIT_EXPECT_EQ(test, t.mem_setup, 3);
	KUNIT_EXPECT_EQ(test, t.auth_ok, 3);
	KUNIT_EXPECT_EQ(test, t.video_var, 3 * iris_test_pdata.tz_cp_config_data_size);
	KUNIT_EXPECT_EQ(test, t.shutdown, 3);
	rig_smmu_get_counters(&s);
	KUNIT_EXPECT_EQ(test, s.domains, 0);
	KUNIT_EXPECT_EQ(test, s.map_calls, 0);
}

/* A firmware that is not there fails the load before TrustZone is called */
static void iris_test_hypervisor_missing_fw(struct kunit *test)
{
	struct iris_test *it;
	struct rig_tz_counters t;

	it = iris_test_core(test, "qcom-pas-rig,iris-hyp", &iris_test_missing_pdata);
	KUNIT_ASSERT_EQ(test, iris_fw_dev_init(&it->core), 0);
	KUNIT_EXPECT_EQ(test, iris_fw_load(&it->core), -ENOENT);
	rig_tz_get_counters(&t);
	KUNIT_EXPECT_EQ(test, t.calls, 0);
	iris_test_check_clean(test, it);
}

/* The same with a Linux-owned stream: nothing mapped, nothing asked of TZ */
static void iris_test_missing_fw(struct kunit *test)
{
	struct iris_test *it;
	struct rig_smmu_counters s;
	struct rig_tz_counters t;

	it = iris_test_core(test, "qcom-pas-rig,iris", &iris_test_missing_pdata);
	KUNIT_ASSERT_EQ(test, iris_fw_dev_init(&it->core), 0);
	KUNIT_ASSERT_NOT_NULL(test, it->core.fw_dev);
	KUNIT_EXPECT_EQ(test, iris_fw_load(&it->core), -ENOENT);
	rig_tz_get_counters(&t);
	KUNIT_EXPECT_EQ(test, t.calls, 0);
	rig_smmu_get_counters(&s);
	KUNIT_EXPECT_EQ(test, s.map_calls, 0);
	iris_test_check_clean(test, it);
}

/* make test-debug: every case below runs inside one kmemleak window */
static void iris_test_leaks_open(struct kunit *test)
{
	rig_leaks_suite_open(test);
}

static void iris_test_leaks_close(struct kunit *test)
{
	rig_leaks_suite_close(test);
}

static struct kunit_case iris_fw_rig_cases[] = {
	/* First */
	KUNIT_CASE_SLOW(iris_test_leaks_open),
	KUNIT_CASE_SLOW(iris_test_cycles),
	KUNIT_CASE(iris_test_recovery),
	KUNIT_CASE_PARAM(iris_test_fault_unwinds, iris_test_fault_gen_params),
	KUNIT_CASE(iris_test_refused_shutdown),
	KUNIT_CASE(iris_test_refused_shutdown_at_remove),
	KUNIT_CASE(iris_test_no_stream),
	KUNIT_CASE(iris_test_iommu_absent),
	KUNIT_CASE(iris_test_stream_shared),
	KUNIT_CASE(iris_test_stream_conflict),
	KUNIT_CASE(iris_test_no_memory_region),
	KUNIT_CASE(iris_test_attach_fails),
	KUNIT_CASE(iris_test_hypervisor),
	KUNIT_CASE(iris_test_hypervisor_missing_fw),
	KUNIT_CASE(iris_test_missing_fw),
	/* Last */
	KUNIT_CASE_SLOW(iris_test_leaks_close),
	{}
};

static struct kunit_suite iris_fw_rig_suite = {
	.name = "iris_fw_rig",
	/* Linked first: the processors' auto-boots may still run */
	.suite_init = rig_settle,
	.suite_exit = rig_suite_exit,
	.exit = iris_test_exit,
	.test_cases = iris_fw_rig_cases,
};

kunit_test_suite(iris_fw_rig_suite);
