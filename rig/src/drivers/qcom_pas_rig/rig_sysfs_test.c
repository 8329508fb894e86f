// SPDX-License-Identifier: GPL-2.0-only
/*
 * qcom_pas_rig_sysfs: the remote processors of the rig started, stopped and
 * crashed through the real remoteproc sysfs interface, many times over,
 * with every step's counters asserted and, in make test-debug, inside one
 * kmemleak window.
 */

#include <linux/slab.h>
#include <qcom_pas_rig/test.h>

/*
 * Per processor, in make test, and inside one kmemleak window in make
 * test-debug (KASAN, lockdep, kmemleak), fewer there: since the rig's
 * TrustZone answers at the secure monitor call, every start also runs
 * qcom_scm and qcom_tzmem, and CI's 90 minutes must hold both runs. A leak
 * of one object a start still leaves hundreds behind in the window.
 */
#define RIG_CYCLES		1000
#define RIG_CRASHES		100
#define RIG_LEAKS_CYCLES	300
#define RIG_LEAKS_CRASHES	50
#define RIG_KMEMLEAK_BAIT	16

static bool rig_kmemleak(void)
{
	return IS_ENABLED(CONFIG_DEBUG_KMEMLEAK);
}

/*
 * The leak check can fail: zeroed objects dropped on purpose are reported.
 * kmemleak is conservative (a stale copy of a pointer anywhere it scans
 * keeps an object referenced), so not every one of them is: this checks
 * that a leak gets through to the test at all, not that each one does.
 */
static void rig_kmemleak_detects(struct kunit *test)
{
	struct rig_kmemleak leaks;
	unsigned int i;

	if (!rig_kmemleak())
		kunit_skip(test, "no kmemleak (make test-debug has it)");

	rig_leaks_begin(test, &leaks);
	for (i = 0; i < RIG_KMEMLEAK_BAIT; i++) {
		void *bait = kzalloc(PAGE_SIZE, GFP_KERNEL);

		OPTIMIZER_HIDE_VAR(bait);
	}
	KUNIT_EXPECT_GT(test, rig_leaks_scan(test, &leaks), 0);
	/* Not reported again by the next check */
	KUNIT_EXPECT_EQ(test, rig_kmemleak_cmd(&leaks, "clear"), 0);
}

static void rig_autoboot(struct kunit *test)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(rig_rprocs); i++) {
		struct rig_rproc *rp = rig_rprocs[i];

		KUNIT_EXPECT_TRUE_MSG(test, rig_wait_state(rp, "running", RIG_BOOT_TIMEOUT_MS),
				      "%s did not auto-boot", dev_name(rp->dev));
		rig_check_running(test, rp);
	}
}

static void __rig_cycles(struct kunit *test, struct rig_rproc *rp, unsigned int n)
{
	unsigned int i;

	rig_ensure(test, rp, true);

	for (i = 0; i < n; i++) {
		KUNIT_ASSERT_EQ(test, rig_stop(test, rp), 0);
		rig_check_offline(test, rp);
		KUNIT_ASSERT_EQ(test, rig_start(test, rp), 0);
		rig_check_running(test, rp);
		if (test->status == KUNIT_FAILURE)
			return;
	}
	kunit_info(test, "%s: %u start/stop cycles\n", dev_name(rp->dev), n);
}

static void __rig_recovery(struct kunit *test, struct rig_rproc *rp, unsigned int n)
{
	unsigned int i;

	rig_ensure(test, rp, true);

	for (i = 0; i < n; i++) {
		KUNIT_ASSERT_EQ_MSG(test, rig_crash_and_recover(test, rp), 0,
				    "%s did not recover from crash %u", dev_name(rp->dev), i);
		rig_check_running(test, rp);
		if (test->status == KUNIT_FAILURE)
			return;
	}
	kunit_info(test, "%s: %u crash recoveries\n", dev_name(rp->dev), n);

	/* Nothing left behind once stopped */
	KUNIT_ASSERT_EQ(test, rig_stop(test, rp), 0);
	rig_check_offline(test, rp);
	KUNIT_ASSERT_EQ(test, rig_start(test, rp), 0);
	rig_check_running(test, rp);
}

static void rig_cycles(struct kunit *test)
{
	struct rig_rproc *rp = *(struct rig_rproc * const *)test->param_value;

	if (rig_kmemleak())
		kunit_skip(test, "run by rig_cycles_leaks under kmemleak");
	__rig_cycles(test, rp, RIG_CYCLES);
}

static void rig_recovery(struct kunit *test)
{
	struct rig_rproc *rp = *(struct rig_rproc * const *)test->param_value;

	if (rig_kmemleak())
		kunit_skip(test, "run by rig_cycles_leaks under kmemleak");
	__rig_recovery(test, rp, RIG_CRASHES);
}

/*
 * With kmemleak, the cycles and recoveries of both processors run as one
 * case inside one kmemleak window: a scan of the guest's memory takes about
 * a minute under KASAN, too long for a window around each.
 */
static void rig_cycles_leaks(struct kunit *test)
{
	struct rig_kmemleak leaks;
	unsigned int i;

	if (!rig_kmemleak())
		kunit_skip(test, "no kmemleak (make test-debug has it)");

	for (i = 0; i < ARRAY_SIZE(rig_rprocs); i++)
		rig_ensure(test, rig_rprocs[i], true);

	rig_leaks_begin(test, &leaks);
	for (i = 0; i < ARRAY_SIZE(rig_rprocs) && test->status != KUNIT_FAILURE; i++)
		__rig_cycles(test, rig_rprocs[i], RIG_LEAKS_CYCLES);
	for (i = 0; i < ARRAY_SIZE(rig_rprocs) && test->status != KUNIT_FAILURE; i++)
		__rig_recovery(test, rig_rprocs[i], RIG_LEAKS_CRASHES);
	if (test->status == KUNIT_FAILURE)
		return;
	rig_leaks_end(test, &leaks);
}

static struct kunit_case rig_sysfs_cases[] = {
	KUNIT_CASE_SLOW(rig_kmemleak_detects),
	KUNIT_CASE(rig_autoboot),
	KUNIT_CASE_PARAM_ATTR(rig_cycles, rig_rproc_gen_params, { .speed = KUNIT_SPEED_SLOW }),
	KUNIT_CASE_PARAM_ATTR(rig_recovery, rig_rproc_gen_params, { .speed = KUNIT_SPEED_SLOW }),
	KUNIT_CASE_SLOW(rig_cycles_leaks),
	{}
};

static struct kunit_suite rig_sysfs_suite = {
	.name = "qcom_pas_rig_sysfs",
	.suite_init = rig_suite_init,
	.suite_exit = rig_suite_exit,
	.test_cases = rig_sysfs_cases,
};

kunit_test_suite(rig_sysfs_suite);
