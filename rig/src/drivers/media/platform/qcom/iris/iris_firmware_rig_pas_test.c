// SPDX-License-Identifier: GPL-2.0-only
/*
 * Firmware load tests of the iris driver on the Qualcomm PAS test rig, on
 * what TrustZone keeps across loads and bindings: the first load of a
 * binding, which asks TrustZone to shut down an image an earlier binding
 * could not and loads again; a new binding after a remove whose shutdown
 * TrustZone refused; and the sm8250 platform data of the driver itself on
 * a node described as sc8280xp.dtsi and sc8280xp-el2.dtso describe its
 * codec, with the packaged image it names. In make test-debug, inside one
 * kmemleak window.
 */

#include <kunit/test.h>
#include <linux/device.h>
#include <qcom_pas_rig/test.h>

#include "iris_firmware.h"
#include "iris_firmware_rig.h"
#include "iris_platform_common.h"

#define IRIS_TEST_SM8250_CYCLES	20
/* TrustZone calls of a load: init_image, mem_setup, auth, content protection */
#define IRIS_TEST_CP_CALL	4

/*
 * A step of the first load failed once, and whether TrustZone refuses the
 * shutdown the retry asks for too
 */
struct iris_test_first_fault {
	const char *name;
	unsigned int tz_nth;
	unsigned int map_nth;
	bool refused;
};

static const struct iris_test_first_fault iris_test_first_faults[] = {
	{ "init_image", 1, 0, false },
	{ "mem_setup", 2, 0, false },
	{ "first map_pages", 0, 1, false },
	{ "second map_pages", 0, 2, false },
	{ "auth_and_reset", 3, 0, false },
	{ "init_image, shutdown refused", 1, 0, true },
	{ "mem_setup, shutdown refused", 2, 0, true },
	{ "first map_pages, shutdown refused", 0, 1, true },
	{ "second map_pages, shutdown refused", 0, 2, true },
	{ "auth_and_reset, shutdown refused", 3, 0, true },
};

KUNIT_ARRAY_PARAM_DESC(iris_test_first_fault, iris_test_first_faults, name);

/*
 * The first load of a binding fails at one step: TrustZone may still hold
 * an image of an earlier binding, so the driver asks it once to shut PAS 9
 * down, after the failed attempt, and loads again. Nothing of the failed
 * attempt is left. Where TrustZone refuses that shutdown, the load returns
 * the attempt's error with nothing mapped, and the next load, still the
 * first of the binding to succeed, works.
 */
static void iris_test_first_load_retry(struct kunit *test)
{
	const struct iris_test_first_fault *f = test->param_value;
	struct iris_test *it = iris_test_pas_core(test);
	struct rig_smmu_counters s;
	struct rig_tz_counters t;
	int ret;

	if (f->tz_nth)
		rig_fail_tz_call(test, f->tz_nth, -EIO);
	if (f->map_nth)
		rig_fail_map_pages(test, f->map_nth);
	if (f->refused)
		rig_refuse_shutdown(test, RIG_PAS_ID_VIDEO, 1);

	ret = iris_fw_load(&it->core);
	rig_tz_get_counters(&t);
	rig_smmu_get_counters(&s);
	KUNIT_EXPECT_EQ(test, t.shutdown, 1);
	KUNIT_EXPECT_EQ(test, t.violations, 0);
	KUNIT_EXPECT_EQ(test, s.unmap_refused, 0);

	if (f->refused) {
		if (f->tz_nth)
			KUNIT_EXPECT_EQ(test, ret, -EIO);
		KUNIT_EXPECT_LT(test, ret, 0);
		KUNIT_EXPECT_NE(test, ret, -EBUSY);
		KUNIT_EXPECT_EQ(test, t.init_image, 1);
		KUNIT_EXPECT_EQ(test, t.auth_ok, 0);
		KUNIT_EXPECT_FALSE(test, it->core.fw_authenticated);
		iris_test_check_clean(test, it);

		rig_tz_reset_counters();
		KUNIT_ASSERT_EQ(test, iris_fw_load(&it->core), 0);
		rig_tz_get_counters(&t);
		KUNIT_EXPECT_EQ(test, t.init_image, 1);
	} else {
		KUNIT_ASSERT_EQ(test, ret, 0);
		/* One init_image per attempt: every step is at or after it */
		KUNIT_EXPECT_EQ(test, t.init_image, 2);
		KUNIT_EXPECT_EQ(test, t.auth_ok, 1);
		/*
		 * The carveout mapped once more only where the failed attempt
		 * got as far as the auth; a failed map_pages() fails its
		 * iommu_map() whole
		 */
		KUNIT_EXPECT_EQ(test, s.map_calls, f->tz_nth == 3 ? 2 : 1);
	}
	KUNIT_EXPECT_TRUE(test, it->core.fw_authenticated);
	iris_test_check_running(test, it);
	KUNIT_EXPECT_EQ(test, iris_fw_unload(&it->core), 0);
	iris_test_check_clean(test, it);
}

/*
 * TrustZone refused the shutdown at remove(), so it still runs PAS 9 when
 * iris binds again: the new binding's first load is refused by TrustZone
 * (an init_image of a running PAS, which the fake reports), shuts the old
 * image down and loads. Without the retry, every load of the new binding
 * would fail for ever.
 */
static void iris_test_rebind_after_refused_remove(struct kunit *test)
{
	struct iris_test *it = iris_test_pas_core(test);
	struct rig_tz_counters t;
	unsigned int bridged = it->bridged;

	/* remove(): iris_core_deinit() with the shutdown refused, then devres */
	iris_test_load_refused_unload(test, it);
	devres_release_group(it->core.dev, it->group);
	it->group = NULL;
	rig_tz_get_counters(&t);
	KUNIT_EXPECT_EQ(test, t.violations, 1);
	KUNIT_EXPECT_STREQ(test, rig_tz_last_violation(), "domain of running PAS 9 freed");
	KUNIT_ASSERT_TRUE(test, rig_tz_running(RIG_PAS_ID_VIDEO));

	/* probe() again: a new core, a new firmware device and domain */
	it = iris_test_pas_core(test);
	/* The old image still counts among the bridged ones until shut down */
	it->bridged = bridged;
	KUNIT_ASSERT_EQ(test, iris_fw_load(&it->core), 0);
	rig_tz_get_counters(&t);
	KUNIT_EXPECT_EQ(test, t.init_image, 2);
	KUNIT_EXPECT_EQ(test, t.shutdown, 1);
	KUNIT_EXPECT_EQ(test, t.auth_ok, 1);
	KUNIT_EXPECT_EQ(test, t.violations, 1);
	KUNIT_EXPECT_STREQ(test, rig_tz_last_violation(), "init_image of PAS 9 while it runs");
	rig_tz_reset_counters();
	iris_test_check_running(test, it);

	KUNIT_EXPECT_EQ(test, iris_fw_unload(&it->core), 0);
	iris_test_check_clean(test, it);
}

/*
 * The driver's own sm8250 data (Gen1 firmware description only, vpu20_p4)
 * on the rig's sm8250 node: the same PAS path with a Linux-owned stream,
 * the firmware device on the child's stream, the carveout at IOVA 0.
 */
static void iris_test_cycles_sm8250(struct kunit *test)
{
	const size_t cp = sm8250_data.tz_cp_config_data_size;
	struct rig_tz_counters t;
	struct iris_test *it;
	int i;

	it = iris_test_pas_node(test, "qcom-pas-rig,iris-sm8250", &sm8250_data);
	for (i = 0; i < IRIS_TEST_SM8250_CYCLES && !test->status; i++)
		iris_test_load_unload(test, it);
	KUNIT_EXPECT_PTR_EQ(test, it->core.iris_firmware_desc,
			    sm8250_data.firmware_desc_gen1);

	rig_tz_get_counters(&t);
	KUNIT_EXPECT_EQ(test, t.init_image, IRIS_TEST_SM8250_CYCLES);
	KUNIT_EXPECT_EQ(test, t.mem_setup, IRIS_TEST_SM8250_CYCLES);
	KUNIT_EXPECT_EQ(test, t.auth, IRIS_TEST_SM8250_CYCLES);
	KUNIT_EXPECT_EQ(test, t.auth_ok, IRIS_TEST_SM8250_CYCLES);
	KUNIT_EXPECT_EQ(test, t.video_var, IRIS_TEST_SM8250_CYCLES * cp);
	KUNIT_EXPECT_EQ(test, t.shutdown, IRIS_TEST_SM8250_CYCLES);
	KUNIT_EXPECT_EQ(test, t.get_rsc_table, 0);

	/* Content protection refused after the auth: shut down and unmapped */
	rig_tz_reset_counters();
	rig_fail_tz_call(test, IRIS_TEST_CP_CALL, -EIO);
	KUNIT_EXPECT_EQ(test, iris_fw_load(&it->core), -EIO);
	rig_tz_get_counters(&t);
	KUNIT_EXPECT_EQ(test, t.shutdown, 1);
	iris_test_check_clean(test, it);
	iris_test_load_unload(test, it);
}

/*
 * TrustZone refuses content protection with x0 = 0 and its status in x1:
 * qcom_scm_mem_protect_video_var() returns that status as a positive
 * number, and iris_fw_load() returns it, from open(), where
 * do_dentry_open() warns on a positive error. The load must fail with a
 * negative errno, the firmware shut down and unmapped.
 */
static void iris_test_cp_refused_status(struct kunit *test)
{
	struct iris_test *it;
	int ret;

	it = iris_test_pas_node(test, "qcom-pas-rig,iris-sm8250", &sm8250_data);
	rig_tz_refuse_video_var(RIG_TZ_REFUSED);
	ret = iris_fw_load(&it->core);
	rig_tz_reset_counters();
	iris_test_check_clean(test, it);
	/* Series patch 07: a refusal is -EIO, not TrustZone's status */
	KUNIT_EXPECT_EQ(test, ret, -EIO);
}

/* make test-debug: every case below runs inside one kmemleak window */
static void iris_test_pas_leaks_open(struct kunit *test)
{
	rig_leaks_suite_open(test);
}

static void iris_test_pas_leaks_close(struct kunit *test)
{
	rig_leaks_suite_close(test);
}

static struct kunit_case iris_fw_rig_pas_cases[] = {
	/* First */
	KUNIT_CASE_SLOW(iris_test_pas_leaks_open),
	KUNIT_CASE_PARAM(iris_test_first_load_retry, iris_test_first_fault_gen_params),
	KUNIT_CASE(iris_test_rebind_after_refused_remove),
	KUNIT_CASE_SLOW(iris_test_cycles_sm8250),
	KUNIT_CASE(iris_test_cp_refused_status),
	/* Last */
	KUNIT_CASE_SLOW(iris_test_pas_leaks_close),
	{}
};

static struct kunit_suite iris_fw_rig_pas_suite = {
	.name = "iris_fw_rig_pas",
	.suite_init = rig_settle,
	.suite_exit = rig_suite_exit,
	.exit = iris_test_exit,
	.test_cases = iris_fw_rig_pas_cases,
};

kunit_test_suite(iris_fw_rig_pas_suite);
