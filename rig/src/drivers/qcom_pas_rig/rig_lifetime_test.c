// SPDX-License-Identifier: GPL-2.0-only
/*
 * qcom_pas_rig_lifetime: how long what a remote processor uses stays
 * mapped and voted for, on the paths where that differs from a plain start
 * and stop: a start that times out while TrustZone refuses the shutdown
 * (the images keep running, so nothing of theirs is unmapped, and the next
 * start shuts them down first), a start that times out after the remote
 * handed its proxy votes over (dropped once), and crash recovery (the
 * qcom,devmem windows stay mapped, as TrustZone's resource-table windows
 * do; only the carveouts follow the images). In make test-debug the whole
 * suite runs inside one kmemleak window.
 */

#include <linux/string.h>
#include <qcom_pas_rig/test.h>

/* What a vote dropped twice makes the kernel say, in any device's line */
static const char * const rig_unbalanced[] = {
	"Runtime PM usage count underflow",
	"already disabled",
	"already unprepared",
	"unbalanced disables",
};

static struct rig_rproc *rig_param_rproc(struct kunit *test)
{
	return *(struct rig_rproc * const *)test->param_value;
}

static unsigned int rig_images(struct rig_rproc *rp)
{
	return rp->dtb_pas_id ? 2 : 1;
}

/* Every proxy vote dropped exactly once since boot: none dropped twice */
static void rig_check_votes_balanced(struct kunit *test)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(rig_unbalanced); i++)
		KUNIT_EXPECT_FALSE_MSG(test, rig_log_has("", rig_unbalanced[i], ""),
				       "kernel log: \"%s\"", rig_unbalanced[i]);
}

/*
 * The start timed out with the images still running: they stay mapped (the
 * fake SMMU would refuse an unmap, the fake TrustZone count it), and the
 * core frees the domain under them, which the fake TrustZone reports once
 * per running image: the core's doing, documented by the series, not the
 * driver's.
 */
static void rig_check_timed_out_running(struct kunit *test, struct rig_rproc *rp)
{
	struct rig_smmu_counters s;
	struct rig_tz_counters t;

	rig_smmu_get_counters(&s);
	rig_tz_get_counters(&t);
	KUNIT_EXPECT_TRUE(test, rig_in_state(rp, "offline"));
	KUNIT_EXPECT_TRUE(test, rig_tz_running(rp->pas_id));
	if (rp->dtb_pas_id)
		KUNIT_EXPECT_TRUE(test, rig_tz_running(rp->dtb_pas_id));
	/* The main image's refused shutdown, and not the dtb's while it runs */
	KUNIT_EXPECT_EQ(test, t.shutdown, 1);
	KUNIT_EXPECT_EQ(test, t.shutdown_refused, 1);
	KUNIT_EXPECT_EQ(test, s.unmap_refused, 0);
	KUNIT_EXPECT_EQ(test, s.unmap_pages, 0);
	KUNIT_EXPECT_EQ(test, s.domains_freed, 1);
	KUNIT_EXPECT_EQ(test, s.leaked_domains, 1);
	KUNIT_EXPECT_EQ(test, t.violations, rig_images(rp));
	KUNIT_EXPECT_TRUE_MSG(test, strstr(rig_tz_last_violation(), "freed"),
			      "violation: %s", rig_tz_last_violation());
	KUNIT_EXPECT_EQ(test, rig_tz_live_bridges(), 0);
	rig_check_votes_balanced(test);
}

/*
 * The next start shuts the images down before anything else (the fake
 * TrustZone refuses an init_image of a running image, as a violation),
 * then starts; a stop unmaps each region once.
 */
static void rig_check_restarts(struct kunit *test, struct rig_rproc *rp)
{
	struct rig_tz_counters t;

	rig_reset_counters();
	KUNIT_EXPECT_EQ(test, __rig_start(test, rp), 0);
	rig_tz_get_counters(&t);
	KUNIT_EXPECT_EQ(test, t.shutdown, rig_images(rp));
	KUNIT_EXPECT_EQ(test, t.init_image, rig_images(rp));
	KUNIT_EXPECT_EQ(test, t.auth_ok, rig_images(rp));
	rig_check_running(test, rp);
	KUNIT_EXPECT_EQ(test, rig_stop(test, rp), 0);
	rig_check_offline(test, rp);
	rig_check_votes_balanced(test);
}

static void rig_timeout_refused(struct kunit *test, struct rig_rproc *rp,
				unsigned int refusals)
{
	rig_ensure(test, rp, false);
	rig_set_boot(test, RIG_SMP2P_SILENT);
	rig_refuse_shutdown(test, rp->pas_id, refusals);
	rig_reset_counters();

	KUNIT_EXPECT_EQ(test, __rig_start(test, rp), -ETIMEDOUT);
	rig_check_timed_out_running(test, rp);
	rig_smp2p_set_boot(RIG_SMP2P_BOOTS);
}

/*
 * The remote never signals ready and TrustZone refuses the shutdown of the
 * failed start: nothing the images use is unmapped, the proxy votes are
 * dropped once, and the next start shuts the images down first.
 */
static void rig_no_ready_refused_shutdown(struct kunit *test)
{
	struct rig_rproc *rp = rig_param_rproc(test);

	rig_timeout_refused(test, rp, 1);
	rig_check_restarts(test, rp);
}

/*
 * The same with the next shutdown refused too: that start fails in prepare,
 * before it maps anything or asks TrustZone for more; the one after starts.
 */
static void rig_no_ready_refused_twice(struct kunit *test)
{
	struct rig_rproc *rp = rig_param_rproc(test);
	struct rig_smmu_counters s;
	struct rig_tz_counters t;

	rig_timeout_refused(test, rp, 2);

	rig_reset_counters();
	/* TrustZone's refusal (x1), as qcom_scm returns it (series 0005) */
	KUNIT_EXPECT_EQ(test, __rig_start(test, rp), -EIO);
	/* The core's message, naming the remoteproc device */
	KUNIT_EXPECT_TRUE(test, rig_log_has(kbasename(rp->sysfs), "can't prepare rproc", ""));
	rig_smmu_get_counters(&s);
	rig_tz_get_counters(&t);
	KUNIT_EXPECT_EQ(test, t.shutdown, 1);
	KUNIT_EXPECT_EQ(test, t.shutdown_refused, 1);
	KUNIT_EXPECT_EQ(test, t.init_image, 0);
	KUNIT_EXPECT_EQ(test, t.auth, 0);
	KUNIT_EXPECT_EQ(test, s.map_calls, 0);
	KUNIT_EXPECT_EQ(test, s.map_pages, 0);
	KUNIT_EXPECT_TRUE(test, rig_tz_running(rp->pas_id));
	KUNIT_EXPECT_EQ(test, t.violations, 0);

	rig_check_restarts(test, rp);
}

/*
 * The remote hands its proxy votes over and never signals ready: the start
 * times out, TrustZone shuts it down, and each vote is dropped once.
 */
static void rig_handover_then_timeout(struct kunit *test)
{
	struct rig_rproc *rp = rig_param_rproc(test);
	struct rig_tz_counters t;

	rig_ensure(test, rp, false);
	rig_set_boot(test, RIG_SMP2P_HANDOVER_ONLY);
	rig_reset_counters();

	KUNIT_EXPECT_EQ(test, __rig_start(test, rp), -ETIMEDOUT);
	rig_tz_get_counters(&t);
	KUNIT_EXPECT_EQ(test, t.auth_ok, rig_images(rp));
	KUNIT_EXPECT_EQ(test, t.shutdown, rig_images(rp));
	rig_check_offline(test, rp);
	rig_check_votes_balanced(test);

	rig_smp2p_set_boot(RIG_SMP2P_BOOTS);
	KUNIT_EXPECT_EQ(test, rig_start(test, rp), 0);
	rig_check_running(test, rp);
	KUNIT_EXPECT_EQ(test, rig_stop(test, rp), 0);
	rig_check_offline(test, rp);
	rig_check_votes_balanced(test);
}

/*
 * Crash recovery: the windows stay mapped in the domain the core keeps
 * (rig_crash_and_recover() checks that recovery maps and unmaps the
 * carveouts alone, one IOTLB sync each), TrustZone finds them in place at
 * the new auth; the stop to offline unmaps each once, in one IOTLB sync.
 */
static void rig_devmem_across_recovery(struct kunit *test)
{
	struct rig_rproc *rp = rig_param_rproc(test);
	struct rig_smmu_counters s;
	unsigned int i;

	rig_ensure(test, rp, true);
	KUNIT_ASSERT_GT(test, rp->nr_windows, 0);
	for (i = 0; i < 3; i++) {
		KUNIT_ASSERT_EQ(test, rig_crash_and_recover(test, rp), 0);
		rig_smmu_get_counters(&s);
		KUNIT_EXPECT_EQ(test, s.map_calls, rig_images(rp));
		KUNIT_EXPECT_EQ(test, s.tlb_syncs, rig_images(rp));
		rig_check_running(test, rp);
	}
	KUNIT_EXPECT_EQ(test, rig_stop(test, rp), 0);
	rig_smmu_get_counters(&s);
	KUNIT_EXPECT_EQ(test, s.tlb_syncs, rig_images(rp) + 1);
	rig_check_offline(test, rp);
}

/* make test-debug: every case below runs inside one kmemleak window */
static void rig_lifetime_leaks_open(struct kunit *test)
{
	rig_leaks_suite_open(test);
}

static void rig_lifetime_leaks_close(struct kunit *test)
{
	rig_leaks_suite_close(test);
}

static struct kunit_case rig_lifetime_cases[] = {
	/* First */
	KUNIT_CASE_SLOW(rig_lifetime_leaks_open),
	KUNIT_CASE_PARAM_ATTR(rig_no_ready_refused_shutdown, rig_rproc_gen_params,
			      { .speed = KUNIT_SPEED_SLOW }),
	KUNIT_CASE_PARAM_ATTR(rig_no_ready_refused_twice, rig_rproc_gen_params,
			      { .speed = KUNIT_SPEED_SLOW }),
	KUNIT_CASE_PARAM_ATTR(rig_handover_then_timeout, rig_rproc_gen_params,
			      { .speed = KUNIT_SPEED_SLOW }),
	KUNIT_CASE_PARAM(rig_devmem_across_recovery, rig_rproc_gen_params),
	/* Last */
	KUNIT_CASE_SLOW(rig_lifetime_leaks_close),
	{}
};

static struct kunit_suite rig_lifetime_suite = {
	.name = "qcom_pas_rig_lifetime",
	.suite_init = rig_suite_init,
	.suite_exit = rig_suite_exit,
	.test_cases = rig_lifetime_cases,
};

kunit_test_suite(rig_lifetime_suite);
