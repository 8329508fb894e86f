// SPDX-License-Identifier: GPL-2.0-only
/*
 * qcom_pas_rig_concurrency: every remote processor started and stopped at
 * once from several threads through sysfs, as a board's user space may,
 * while TrustZone answers yielding calls BUSY at random (qcom_scm sleeps
 * and retries them) and refuses one shutdown. Afterwards every processor
 * is offline and every rule still holds: TrustZone saw no violation, the
 * IOMMU API was not misused, no domain or mapping leaked, no bridge is
 * left. In make test-debug the suite runs inside one kmemleak window.
 */

#include <linux/completion.h>
#include <linux/kthread.h>
#include <linux/moduleparam.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <qcom_pas_rig/test.h>

#include "rig_tz_smc.h"

/* Threads per processor, and the start/stop rounds each makes */
#define RIG_CONC_THREADS	2
#define RIG_CONC_ROUNDS		25
/* Chance in 100 that TrustZone answers a yielding call BUSY */
#define RIG_CONC_BUSY_PERCENT	25
/* A refused stop is retried; TrustZone refuses one shutdown in all */
#define RIG_CONC_STOP_TRIES	3
#define RIG_CONC_TIMEOUT_MS	(5 * 60 * 1000)

static unsigned long long rig_busy_seed;
module_param_named(busy_seed, rig_busy_seed, ullong, 0444);
MODULE_PARM_DESC(busy_seed, "seed of TrustZone's random BUSY answers (0: a random one)");

struct rig_conc_worker {
	struct rig_rproc *rp;
	struct completion done;
	unsigned int rounds;
	unsigned int refused;
	/* The first write that returned what it must not, and its result */
	const char *bad_write;
	ssize_t bad_ret;
};

/* One sysfs write; a count short of the whole string is as wrong as an error */
static bool rig_conc_write(struct rig_conc_worker *w, const char *val, ssize_t *ret)
{
	*ret = rig_write_count(w->rp->sysfs, "state", val);

	return *ret == strlen(val);
}

static int rig_conc_thread(void *data)
{
	struct rig_conc_worker *w = data;
	unsigned int tries;
	ssize_t ret;

	for (; w->rounds < RIG_CONC_ROUNDS && !w->bad_write; w->rounds++) {
		if (!rig_conc_write(w, "start", &ret)) {
			w->bad_write = "start";
			w->bad_ret = ret;
			break;
		}
		/* The core counts starts: only the last stop shuts down */
		for (tries = 0; tries < RIG_CONC_STOP_TRIES; tries++) {
			if (rig_conc_write(w, "stop", &ret))
				break;
			if (ret != -EIO) {
				w->bad_write = "stop";
				w->bad_ret = ret;
				break;
			}
			w->refused++;
		}
		if (tries == RIG_CONC_STOP_TRIES) {
			w->bad_write = "stop, every try refused";
			w->bad_ret = ret;
		}
	}
	complete(&w->done);

	return 0;
}

KUNIT_DEFINE_ACTION_WRAPPER(rig_conc_kfree, kfree, const void *);

static void rig_conc_stop_busy(void *unused)
{
	rig_smc_random_busy(0, 0);
}

static void rig_concurrent_start_stop(struct kunit *test)
{
	unsigned int i, n = 0, done = 0, refused = 0, busy;
	struct rig_conc_worker *w;
	struct task_struct *t;
	u64 seed;

	for (i = 0; i < ARRAY_SIZE(rig_rprocs); i++)
		rig_ensure(test, rig_rprocs[i], false);
	/* Not kunit_kcalloc(): a thread that never ends still uses it */
	w = kcalloc(ARRAY_SIZE(rig_rprocs) * RIG_CONC_THREADS, sizeof(*w), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, w);

	seed = rig_busy_seed ?: get_random_u64();
	kunit_info(test, "TrustZone answers BUSY at random, seed %llu (replay: busy_seed=%llu)\n",
		   seed, seed);
	rig_refuse_shutdown(test, rig_lpaicp.pas_id, 1);
	rig_smc_random_busy(seed, RIG_CONC_BUSY_PERCENT);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, rig_conc_stop_busy, NULL), 0);

	for (i = 0; i < ARRAY_SIZE(rig_rprocs) * RIG_CONC_THREADS; i++, n++) {
		w[i].rp = rig_rprocs[i / RIG_CONC_THREADS];
		init_completion(&w[i].done);
		t = kthread_run(rig_conc_thread, &w[i], "rig-conc-%u", i);
		if (IS_ERR(t))
			break;
	}
	for (i = 0; i < n; i++)
		done += !!wait_for_completion_timeout(&w[i].done,
						      msecs_to_jiffies(RIG_CONC_TIMEOUT_MS));
	busy = rig_smc_random_busy(0, 0);
	KUNIT_ASSERT_EQ_MSG(test, done, n, "%u threads still running", n - done);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, rig_conc_kfree, w), 0);
	KUNIT_ASSERT_EQ_MSG(test, n, ARRAY_SIZE(rig_rprocs) * RIG_CONC_THREADS,
			    "could not start every thread");

	for (i = 0; i < n; i++) {
		KUNIT_EXPECT_NULL_MSG(test, w[i].bad_write, "%s thread %u: %s returned %zd",
				      dev_name(w[i].rp->dev), i, w[i].bad_write, w[i].bad_ret);
		KUNIT_EXPECT_EQ(test, w[i].rounds, RIG_CONC_ROUNDS);
		refused += w[i].refused;
	}
	kunit_info(test, "%u yielding calls answered BUSY, %u stops refused\n", busy, refused);
	KUNIT_EXPECT_GT(test, busy, 0);
	KUNIT_EXPECT_EQ(test, refused, 1);

	for (i = 0; i < ARRAY_SIZE(rig_rprocs); i++)
		rig_check_offline(test, rig_rprocs[i]);
}

/* make test-debug: the case below runs inside one kmemleak window */
static void rig_concurrency_leaks_open(struct kunit *test)
{
	rig_leaks_suite_open(test);
}

static void rig_concurrency_leaks_close(struct kunit *test)
{
	rig_leaks_suite_close(test);
}

static struct kunit_case rig_concurrency_cases[] = {
	/* First */
	KUNIT_CASE_SLOW(rig_concurrency_leaks_open),
	KUNIT_CASE_SLOW(rig_concurrent_start_stop),
	/* Last */
	KUNIT_CASE_SLOW(rig_concurrency_leaks_close),
	{}
};

static struct kunit_suite rig_concurrency_suite = {
	.name = "qcom_pas_rig_concurrency",
	.suite_init = rig_suite_init,
	.suite_exit = rig_suite_exit,
	.test_cases = rig_concurrency_cases,
};

kunit_test_suite(rig_concurrency_suite);
