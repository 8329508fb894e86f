// SPDX-License-Identifier: GPL-2.0-only
/*
 * qcom_pas_rig_scm: the SCM layer between the drivers and TrustZone, which
 * runs for real in the rig (qcom_scm, its SMC marshalling and retries,
 * qcom_tzmem in SHM-bridge mode), seen from both sides: what reaches sysfs
 * and the PAS API when TrustZone refuses, answers BUSY or INTERRUPTED, or
 * returns an empty or a large resource table, and the SMCs the fake
 * TrustZone logged.
 *
 * A case that pins one of the series' fixes names its patch; with the
 * patch reverted, the case fails (docs/breaks.md).
 */

#include <linux/firmware/qcom/qcom_pas.h>
#include <linux/firmware/qcom/qcom_scm.h>
#include <linux/firmware/qcom/qcom_tzmem.h>
#include <linux/rsc_table.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <kunit/device.h>
#include <qcom_pas_rig/test.h>

#include "rig_tz_smc.h"

/* The flags in the low bits of SHM_BRIDGE_CREATE's arguments */
#define RIG_SCM_SHM_FLAGS	0xfffULL

static bool rig_scm_is(const struct rig_smc_call *c, u8 svc, u8 cmd)
{
	return c->owner == ARM_SMCCC_OWNER_SIP && c->svc == svc && c->cmd == cmd;
}

/*
 * qcom_scm probed from the rig's node and is the PAS backend; it enabled
 * SHM bridging and bridged its pool; it asked TrustZone about GET_RSCTABLE
 * once, at probe (the series caches the answer), and the drivers get that
 * answer.
 */
static void rig_scm_probed(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, qcom_scm_is_available());
	KUNIT_EXPECT_TRUE(test, qcom_pas_is_available());
	KUNIT_EXPECT_EQ(test, rig_smc_bridging(), rig_smc_gen_bridges());
	if (rig_smc_gen_bridges())
		KUNIT_EXPECT_GT(test, rig_smc_live_bridges(false), 0);
	KUNIT_EXPECT_EQ(test, qcom_pas_rsc_table_available(), rig_tz_rsc_table());
	KUNIT_EXPECT_EQ(test, rig_smc_rsc_table_asked(), 1);
}

/*
 * Every authentication of a start is bracketed by the SCM backend: an SHM
 * bridge created over exactly the image's carveout by the call just before
 * it, and deleted, by handle, by the call just after it.
 */
static void rig_scm_bridge_around_auth(struct kunit *test)
{
	struct rig_rproc *rp = &rig_lpaicp;
	unsigned int seq, from, auths = 0;
	struct rig_smc_call c, b, d;
	const struct resource *mem;

	if (!rig_smc_gen_bridges())
		kunit_skip(test, "this boot's TrustZone has no SHM bridges");
	rig_ensure(test, rp, false);
	from = rig_smc_log_count();
	KUNIT_ASSERT_EQ(test, rig_start(test, rp), 0);
	rig_check_running(test, rp);

	for (seq = from; rig_smc_log_get(seq, &c); seq++) {
		if (!rig_scm_is(&c, RIG_SVC_PIL, RIG_PIL_AUTH_AND_RESET))
			continue;
		auths++;
		mem = c.args[0] == rp->dtb_pas_id ? &rp->dtb_mem : &rp->mem;
		KUNIT_ASSERT_TRUE(test, seq > from && rig_smc_log_get(seq - 1, &b));
		KUNIT_ASSERT_TRUE_MSG(test, rig_scm_is(&b, RIG_SVC_MP, RIG_MP_SHM_BRIDGE_CREATE),
				      "call before the auth of PAS %llu: %s", c.args[0],
				      b.handler ?: "?");
		KUNIT_EXPECT_EQ(test, b.args[0] & ~RIG_SCM_SHM_FLAGS, mem->start);
		KUNIT_EXPECT_EQ(test, b.args[2] & ~RIG_SCM_SHM_FLAGS, resource_size(mem));
		KUNIT_ASSERT_TRUE(test, rig_smc_log_get(seq + 1, &d));
		KUNIT_ASSERT_TRUE_MSG(test, rig_scm_is(&d, RIG_SVC_MP, RIG_MP_SHM_BRIDGE_DELETE),
				      "call after the auth of PAS %llu: %s", c.args[0],
				      d.handler ?: "?");
		KUNIT_EXPECT_EQ(test, d.args[0], b.res[1]);
	}
	KUNIT_EXPECT_EQ(test, auths, rp->dtb_pas_id ? 2 : 1);
	KUNIT_EXPECT_EQ(test, rig_tz_live_bridges(), 0);
}

/*
 * A TrustZone without SHM bridges (rig_tz.gen=nobridge; scripts/kunit's
 * third boot): qcom_tzmem leaves bridging off, as it always does with
 * QCOM_TZMEM_MODE_GENERIC, and bridges nothing, the carveout neither.
 * TrustZone, never asked to require bridges, authenticates the images:
 * every processor starts and stops, with no bridge call.
 */
static void rig_scm_without_bridging(struct kunit *test)
{
	struct rig_rproc *rp = *(struct rig_rproc * const *)test->param_value;
	unsigned int from = rig_smc_log_count();

	if (rig_smc_gen_bridges())
		kunit_skip(test, "this boot's TrustZone has SHM bridges (rig_tz.gen=nobridge)");
	KUNIT_EXPECT_FALSE(test, rig_smc_bridging());
	rig_ensure(test, rp, false);
	KUNIT_ASSERT_EQ(test, rig_start(test, rp), 0);
	rig_check_running(test, rp);
	KUNIT_ASSERT_EQ(test, rig_stop(test, rp), 0);
	rig_check_offline(test, rp);
	KUNIT_EXPECT_EQ(test, rig_smc_count(ARM_SMCCC_OWNER_SIP, RIG_SVC_MP,
					    RIG_MP_SHM_BRIDGE_CREATE, from), 0);
	KUNIT_EXPECT_EQ(test, rig_smc_live_bridges(false), 0);
}

/* TrustZone refuses one call of a start with its own status in x1 */
static void rig_scm_refused_start(struct kunit *test, u8 cmd)
{
	struct rig_rproc *rp = &rig_lpaicp;
	ssize_t ret;

	rig_ensure(test, rp, false);
	rig_smc_inject_status(RIG_SVC_PIL, cmd, RIG_SMC_OK, RIG_TZ_REFUSED);
	ret = rig_write_count(rp->sysfs, "state", "start");
	rig_smc_inject_busy(0, 0, 0);
	KUNIT_EXPECT_EQ_MSG(test, ret, -EIO, "sysfs start with TrustZone refusing %#x", cmd);
	KUNIT_EXPECT_TRUE(test, rig_in_state(rp, "offline"));
	rig_check_offline(test, rp);

	KUNIT_EXPECT_EQ(test, rig_start(test, rp), 0);
	rig_check_running(test, rp);
}

static void rig_scm_refused_init_image(struct kunit *test)
{
	rig_scm_refused_start(test, RIG_PIL_INIT_IMAGE);
}

static void rig_scm_refused_auth(struct kunit *test)
{
	rig_scm_refused_start(test, RIG_PIL_AUTH_AND_RESET);
}

/*
 * TrustZone refuses a shutdown with x0 = 0 and its status in x1: the
 * sysfs stop returns a negative errno (series 0005), never a count, and
 * the processor keeps running until an accepted stop.
 */
static void rig_scm_refused_shutdown(struct kunit *test)
{
	struct rig_rproc *rp = &rig_lpaicp;
	ssize_t ret;

	rig_ensure(test, rp, true);
	rig_refuse_shutdown(test, rp->pas_id, 1);
	ret = rig_write_count(rp->sysfs, "state", "stop");
	KUNIT_EXPECT_EQ(test, ret, -EIO);
	KUNIT_EXPECT_TRUE(test, rig_in_state(rp, "running"));

	KUNIT_ASSERT_EQ(test, rig_stop_shutdowns(test, rp, rp->dtb_pas_id ? 2 : 1), 0);
	rig_check_offline(test, rp);
}

/*
 * TrustZone refuses the SHM bridge over the carveout (here: it overlaps
 * one that exists) with x0 = 0 and its status in x1.
 * v7.3's qcom_tzmem_shm_bridge_create() returned that status as is, and
 * __qcom_scm_pas_prepare_and_auth_reset() handed it on: a positive value
 * from qcom_pas_prepare_and_auth_reset(), so from sysfs start a count.
 * Series patch 06 makes it -EIO.
 */
static void rig_scm_refused_bridge(struct kunit *test)
{
	struct rig_rproc *rp = &rig_lpaicp;
	u64 handle;
	ssize_t ret;

	if (!rig_smc_gen_bridges())
		kunit_skip(test, "this boot's TrustZone has no SHM bridges");
	rig_ensure(test, rp, false);
	/* The dtb image is authenticated first, over its own carveout */
	KUNIT_ASSERT_EQ(test, qcom_tzmem_shm_bridge_create(rp->dtb_mem.start,
							   resource_size(&rp->dtb_mem),
							   &handle), 0);
	ret = rig_write_count(rp->sysfs, "state", "start");
	qcom_tzmem_shm_bridge_delete(handle);
	rig_reset_counters();

	KUNIT_EXPECT_TRUE(test, rig_in_state(rp, "offline"));
	KUNIT_EXPECT_EQ(test, rig_tz_live_bridges(), 0);
	KUNIT_EXPECT_EQ(test, rig_start(test, rp), 0);
	rig_check_running(test, rp);

	/* Series patch 06: a refused bridge is -EIO, not TrustZone's status */
	KUNIT_EXPECT_EQ(test, ret, -EIO);
}

/*
 * TrustZone answers BUSY: qcom_scm sleeps and retries a yielding call up to
 * 21 times; 20 BUSY answers in a row on each call of a start, then
 * INTERRUPTED ones, still give a start that works.
 */
static void rig_scm_busy(struct kunit *test)
{
	static const u8 cmds[] = { RIG_PIL_INIT_IMAGE, RIG_PIL_AUTH_AND_RESET };
	struct rig_rproc *rp = &rig_lpaicp;
	unsigned int i, from;

	for (i = 0; i < ARRAY_SIZE(cmds); i++) {
		rig_ensure(test, rp, false);
		from = rig_smc_log_count();
		/* Not rig_start(): resetting the counters cancels injections */
		rig_reset_counters();
		rig_smc_inject_busy(RIG_SVC_PIL, cmds[i], 20);
		KUNIT_EXPECT_EQ(test, __rig_start(test, rp), 0);
		rig_smc_inject_busy(0, 0, 0);
		rig_check_counters(test, rp, RIG_STEP_START, 0);
		rig_check_running(test, rp);
		/* 20 BUSY and the call that went through (and the dtb image's) */
		KUNIT_EXPECT_EQ(test, rig_smc_count(ARM_SMCCC_OWNER_SIP, RIG_SVC_PIL, cmds[i],
						    from),
				20 + (rp->dtb_pas_id ? 2 : 1));
		KUNIT_ASSERT_EQ(test, rig_stop(test, rp), 0);

		rig_reset_counters();
		rig_smc_inject_interrupted(RIG_SVC_PIL, cmds[i], 3);
		KUNIT_EXPECT_EQ(test, __rig_start(test, rp), 0);
		rig_smc_inject_busy(0, 0, 0);
		rig_check_counters(test, rp, RIG_STEP_START, 0);
		rig_check_running(test, rp);
	}
}

/* A PAS context of the LPAICP, for the resource-table calls */
static struct qcom_pas_context *rig_scm_ctx(struct kunit *test)
{
	struct qcom_pas_context *ctx;
	struct device *dev;

	if (!rig_tz_rsc_table())
		kunit_skip(test,
			   "this boot's TrustZone has no resource-table call (rig_tz.gen=rsctable)");
	dev = kunit_device_register(test, "rig-scm");
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, dev);
	ctx = devm_qcom_pas_context_alloc(dev, rig_lpaicp.pas_id, rig_lpaicp.mem.start,
					  resource_size(&rig_lpaicp.mem));
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, ctx);

	return ctx;
}

/*
 * TrustZone's table is empty (zero bytes): no table, NULL and a size of 0
 * (series patch 08). v7.3 kmemdup()ed zero bytes and handed ZERO_SIZE_PTR
 * on as a table.
 */
static void rig_scm_empty_rsc_table(struct kunit *test)
{
	struct qcom_pas_context *ctx = rig_scm_ctx(test);
	struct resource_table *table;
	size_t size = 1;
	u8 none;

	rig_set_tz_table(test, rig_lpaicp.pas_id, &none, 0);
	table = qcom_pas_get_rsc_table(ctx, NULL, 0, &size);
	KUNIT_EXPECT_NULL(test, table);
	KUNIT_EXPECT_EQ(test, size, 0);
	if (!IS_ERR_OR_NULL(table))
		kfree(table);
}

/*
 * TrustZone says the table needs more than 1 GiB, qcom_scm's limit: no
 * table, an error, and no second call for that size.
 */
static void rig_scm_rsc_table_too_big(struct kunit *test)
{
	struct qcom_pas_context *ctx = rig_scm_ctx(test);
	struct resource_table *table;
	unsigned int from;
	size_t size = 0;

	rig_set_tz_table(test, rig_lpaicp.pas_id, NULL, SZ_1G + SZ_4K);
	from = rig_smc_log_count();
	table = qcom_pas_get_rsc_table(ctx, NULL, 0, &size);
	KUNIT_EXPECT_TRUE_MSG(test, IS_ERR(table), "table %p, size %zu", table, size);
	if (!IS_ERR_OR_NULL(table))
		kfree(table);
	KUNIT_EXPECT_EQ(test, rig_smc_count(ARM_SMCCC_OWNER_SIP, RIG_SVC_PIL,
					    RIG_PIL_GET_RSCTABLE, from), 1);
}

/*
 * A table larger than qcom_scm's first buffer (16 KiB): TrustZone answers
 * with the size it needs, qcom_scm retries with it, and the caller gets
 * the whole table.
 */
static void rig_scm_rsc_table_retry(struct kunit *test)
{
	struct qcom_pas_context *ctx = rig_scm_ctx(test);
	const size_t big = SZ_16K + SZ_4K;
	struct resource_table *want, *table;
	unsigned int from;
	size_t size = 0;

	want = kunit_kzalloc(test, big, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, want);
	want->ver = 1;
	memset((u8 *)want + sizeof(*want), 0x5a, big - sizeof(*want));
	rig_set_tz_table(test, rig_lpaicp.pas_id, want, big);

	from = rig_smc_log_count();
	table = qcom_pas_get_rsc_table(ctx, NULL, 0, &size);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, table);
	KUNIT_EXPECT_EQ(test, size, big);
	KUNIT_EXPECT_EQ(test, memcmp(table, want, big), 0);
	kfree(table);
	KUNIT_EXPECT_EQ(test, rig_smc_count(ARM_SMCCC_OWNER_SIP, RIG_SVC_PIL,
					    RIG_PIL_GET_RSCTABLE, from), 2);
}

static struct kunit_case rig_scm_cases[] = {
	KUNIT_CASE(rig_scm_probed),
	KUNIT_CASE(rig_scm_bridge_around_auth),
	KUNIT_CASE_PARAM(rig_scm_without_bridging, rig_rproc_gen_params),
	KUNIT_CASE(rig_scm_refused_init_image),
	KUNIT_CASE(rig_scm_refused_auth),
	KUNIT_CASE(rig_scm_refused_shutdown),
	KUNIT_CASE(rig_scm_refused_bridge),
	KUNIT_CASE_SLOW(rig_scm_busy),
	KUNIT_CASE(rig_scm_empty_rsc_table),
	KUNIT_CASE(rig_scm_rsc_table_retry),
	KUNIT_CASE(rig_scm_rsc_table_too_big),
	{}
};

static struct kunit_suite rig_scm_suite = {
	.name = "qcom_pas_rig_scm",
	.suite_init = rig_suite_init,
	.suite_exit = rig_suite_exit,
	.test_cases = rig_scm_cases,
};

kunit_test_suite(rig_scm_suite);

MODULE_DESCRIPTION("KUnit tests of the SCM layer on the Qualcomm PAS rig");
MODULE_LICENSE("GPL");
