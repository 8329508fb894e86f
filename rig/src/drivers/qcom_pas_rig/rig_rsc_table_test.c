// SPDX-License-Identifier: GPL-2.0-only
/*
 * qcom_pas_rig_rsc_table: every remote processor with a TrustZone that has
 * the resource-table call (the windows are TrustZone's business, nothing of
 * qcom,devmem is mapped) and one without it (the rig's default: the series
 * maps qcom,devmem), across start, crash recovery and stop, and every step
 * of a start failed in turn with the call.
 */

#include <qcom_pas_rig/test.h>

/* Start, crash and stop a remote with TrustZone with or without the call */
static void rig_rsc_table(struct kunit *test, bool available)
{
	struct rig_rproc *rp = *(struct rig_rproc * const *)test->param_value;
	struct rig_tz_counters t;

	rig_ensure(test, rp, true);
	rig_set_rsc_table(test, rp, available);
	KUNIT_ASSERT_EQ(test, rig_stop(test, rp), 0);
	rig_check_offline(test, rp);

	/* The counters of each step are checked against the windows mapped or not */
	KUNIT_EXPECT_EQ(test, rig_start(test, rp), 0);
	rig_tz_get_counters(&t);
	KUNIT_EXPECT_EQ(test, t.get_rsc_table, available ? 1 : 0);
	rig_check_running(test, rp);

	/* Crash recovery keeps the decision */
	KUNIT_ASSERT_EQ(test, rig_crash_and_recover(test, rp), 0);
	rig_check_running(test, rp);

	KUNIT_ASSERT_EQ(test, rig_stop(test, rp), 0);
	rig_check_offline(test, rp);
	KUNIT_EXPECT_EQ(test, rig_start(test, rp), 0);
	rig_check_running(test, rp);
}

static void rig_rsc_table_available(struct kunit *test)
{
	rig_rsc_table(test, true);
}

static void rig_rsc_table_missing(struct kunit *test)
{
	rig_rsc_table(test, false);
}

/*
 * TrustZone's table for the image is empty (zero bytes): the processor
 * starts without a resource table, only its carveouts mapped (series patch
 * 08; v7.3 handed kmemdup()'s ZERO_SIZE_PTR to the remoteproc core as the
 * table, which read table->num through it).
 */
static void rig_rsc_table_empty(struct kunit *test)
{
	struct rig_rproc *rp = *(struct rig_rproc * const *)test->param_value;
	u8 none;

	rig_set_rsc_table_call(test, true);
	rig_ensure(test, rp, false);
	rig_set_tz_table(test, rp->pas_id, &none, 0);
	if (rp->dtb_pas_id)
		rig_set_tz_table(test, rp->dtb_pas_id, &none, 0);

	KUNIT_ASSERT_EQ(test, rig_start(test, rp), 0);
	rig_check_running(test, rp);
	KUNIT_ASSERT_EQ(test, rig_stop(test, rp), 0);
	rig_check_offline(test, rp);
}

/* Every step of a start failed in turn, get_rsc_table included */
static void rig_rsc_table_faults(struct kunit *test)
{
	struct rig_rproc *rp = *(struct rig_rproc * const *)test->param_value;

	rig_ensure(test, rp, true);
	rig_set_rsc_table(test, rp, true);
	rig_fail_each_step(test, rp);
}

/* make test-debug: the re-probes and faults below run inside one kmemleak window */
static void rig_rsc_table_leaks_open(struct kunit *test)
{
	rig_leaks_suite_open(test);
}

static void rig_rsc_table_leaks_close(struct kunit *test)
{
	rig_leaks_suite_close(test);
}

static struct kunit_case rig_rsc_table_cases[] = {
	/* First */
	KUNIT_CASE_SLOW(rig_rsc_table_leaks_open),
	KUNIT_CASE_PARAM(rig_rsc_table_available, rig_rproc_gen_params),
	KUNIT_CASE_PARAM(rig_rsc_table_missing, rig_rproc_gen_params),
	KUNIT_CASE_PARAM(rig_rsc_table_empty, rig_rproc_gen_params),
	KUNIT_CASE_PARAM_ATTR(rig_rsc_table_faults, rig_rproc_gen_params,
			      { .speed = KUNIT_SPEED_SLOW }),
	/* Last */
	KUNIT_CASE_SLOW(rig_rsc_table_leaks_close),
	{}
};

static struct kunit_suite rig_rsc_table_suite = {
	.name = "qcom_pas_rig_rsc_table",
	.suite_init = rig_suite_init,
	.suite_exit = rig_suite_exit,
	.test_cases = rig_rsc_table_cases,
};

kunit_test_suite(rig_rsc_table_suite);
