// SPDX-License-Identifier: GPL-2.0-only
/*
 * Prototype: the real qcom_scm, qcom_tzmem (SHM-bridge mode) and SCM PAS
 * backend against a TrustZone faked at the SMC instruction.
 */

#include <kunit/device.h>
#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/elf.h>
#include <linux/firmware/qcom/qcom_pas.h>
#include <linux/firmware/qcom/qcom_scm.h>
#include <linux/firmware/qcom/qcom_tzmem.h>
#include <linux/gfp.h>
#include <linux/ktime.h>
#include <linux/mm.h>
#include <linux/remoteproc.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/soc/qcom/mdt_loader.h>
#include <asm/insn.h>

#include "rig_smc.h"

#define PAS_A		0x56
#define PAS_B		0x57
#define PAS_VIDEO	9
#define CARVEOUT_SIZE	SZ_64K

/* Metadata as qcom_mdt_read_metadata() builds it: headers, hash segment */
struct test_mdata {
	struct elf32_hdr ehdr;
	struct elf32_phdr phdr[2];
	u8 hash[64];
} __packed;

static void test_mdata_init(struct test_mdata *md)
{
	memset(md, 0, sizeof(*md));
	memcpy(md->ehdr.e_ident, ELFMAG, SELFMAG);
	md->ehdr.e_ident[EI_CLASS] = ELFCLASS32;
	md->ehdr.e_phoff = sizeof(md->ehdr);
	md->ehdr.e_phentsize = sizeof(md->phdr[0]);
	md->ehdr.e_phnum = 2;
	md->phdr[0].p_filesz = sizeof(md->ehdr) + sizeof(md->phdr);
	md->phdr[1].p_flags = QCOM_MDT_TYPE_HASH;
	md->phdr[1].p_filesz = sizeof(md->hash);
	memset(md->hash, 0xa5, sizeof(md->hash));
}

struct test_pas {
	struct device *dev;
	struct page *pages;
	phys_addr_t mem;
	struct qcom_pas_context *ctx;
	struct test_mdata md;
};

static void test_free_pages(void *data)
{
	struct test_pas *tp = data;

	__free_pages(tp->pages, get_order(CARVEOUT_SIZE));
}

static void test_forget(void *data)
{
	rig_smc_pas_forget((uintptr_t)data);
}

/* A peripheral whose stream Linux owns: carveout, context with tzmem */
static struct test_pas *test_pas_new(struct kunit *test, u32 pas_id, bool tzmem)
{
	struct test_pas *tp = kunit_kzalloc(test, sizeof(*tp), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, tp);
	tp->dev = kunit_device_register(test, "smc-rig-pas");
	KUNIT_ASSERT_FALSE(test, IS_ERR(tp->dev));
	tp->pages = alloc_pages(GFP_KERNEL | __GFP_ZERO, get_order(CARVEOUT_SIZE));
	KUNIT_ASSERT_NOT_NULL(test, tp->pages);
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, test_free_pages, tp));
	tp->mem = page_to_phys(tp->pages);

	KUNIT_ASSERT_EQ(test, 0, rig_smc_pas_add(pas_id, tp->mem, CARVEOUT_SIZE, true));
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, test_forget,
							   (void *)(uintptr_t)pas_id));
	tp->ctx = devm_qcom_pas_context_alloc(tp->dev, pas_id, tp->mem, CARVEOUT_SIZE);
	KUNIT_ASSERT_FALSE(test, IS_ERR(tp->ctx));
	tp->ctx->use_tzmem = tzmem;
	test_mdata_init(&tp->md);

	return tp;
}

/* The @nth (from 0) call of @svc/@cmd since @from */
static struct rig_smc_call test_find(struct kunit *test, unsigned int from, u8 svc,
				     u8 cmd, unsigned int nth)
{
	struct rig_smc_call c = {};
	unsigned int seq;

	for (seq = from; rig_smc_log_get(seq, &c); seq++)
		if (c.svc == svc && c.cmd == cmd && !nth--)
			return c;
	KUNIT_FAIL(test, "no call %#x/%#x since %u", svc, cmd, from);
	return c;
}

/* The call of sequence number @seq */
static struct rig_smc_call test_call(struct kunit *test, unsigned int seq)
{
	struct rig_smc_call c;

	KUNIT_EXPECT_TRUE(test, rig_smc_log_get(seq, &c));
	return c;
}

static void smc_rig_hook(struct kunit *test)
{
	kunit_info(test, "kprobe on __arm_smccc_smc itself: %d; call sites probed: %d\n",
		   rig_smc_hook_entry_result(), rig_smc_hook_sites());

	/* "bti c" first: a hint kprobes accept (see rig_smc_hook.c) */
	kunit_info(test, "first instruction of __arm_smccc_smc: %#010x\n",
		   rig_smc_hook_entry_insn());
	if (aarch64_insn_is_steppable_hint(rig_smc_hook_entry_insn()))
		KUNIT_EXPECT_TRUE(test, rig_smc_hook_entry_result() == 0 ||
				  rig_smc_hook_entry_result() == -ECANCELED);
	else
		KUNIT_EXPECT_EQ(test, rig_smc_hook_entry_result(), -EINVAL);
	KUNIT_EXPECT_TRUE(test, rig_smc_hook_entry_probed() || rig_smc_hook_sites() > 0);
}

/*
 * What qcom_scm's probe asks TrustZone, in order (rsctable generation;
 * legacy answers 0 for GET_RSCTABLE, nobridge 0 for SHM_BRIDGE_ENABLE and
 * skips the enable call).
 */
struct test_probe_call {
	unsigned long x0;
	u32 arginfo;
	u64 avail_arg;		/* IS_CALL_AVAIL: the call asked about */
	long a0;
	u64 res0;
};

static const struct test_probe_call test_probe_calls[] = {
	/* __get_convention(): fast SMC64 IS_CALL_AVAIL(IS_CALL_AVAIL) */
	{ 0xc2000601, 0x1, 0x02000601, 0, 1 },
	/* qcom_tzmem_enable() -> qcom_scm_shm_bridge_enable() */
	{ 0x42000601, 0x1, 0x02000c1c, 0, 1 },
	{ 0x42000c1c, 0x0, 0, 0, 0 },
	/* qcom_scm_query_waitq_count(), qcom_scm_get_waitq_irq(): unimplemented */
	{ 0xc2002404, 0x0, 0, -1, 0 },
	{ 0xc2002404, 0x0, 0, -1, 0 },
	/* qcom_scm_is_pas_available(), then the series' GET_RSCTABLE query */
	{ 0x42000601, 0x1, 0x02000205, 0, 1 },
	{ 0x42000601, 0x1, 0x02000221, 0, 1 },
	/* qcom_scm_set_download_mode(): query, then the fast call */
	{ 0x42000601, 0x1, 0x02000110, 0, 1 },
	{ 0xc2000110, 0x2, 0, 0, 0 },
	/* qcom_scm_disable_sdi() (download_mode off), no query first */
	{ 0x42000109, 0x2, 0, 0, 0 },
	/* qcom_scm_qtee_init(): SMCINVOKE, trusted-OS owner: unimplemented */
	{ 0x72000602, 0x224, 0, -1, 0 },
};

/* What qcom_scm's probe asked TrustZone, in order */
static void smc_rig_probe_calls(struct kunit *test)
{
	unsigned int n = rig_smc_log_count(), seq, avail_rsc = 0, enable = 0;
	struct rig_smc_call c;

	rig_smc_log_print(0);
	rig_smc_bridges_print();

	KUNIT_EXPECT_TRUE(test, qcom_scm_is_available());
	KUNIT_EXPECT_TRUE(test, qcom_pas_is_available());
	KUNIT_EXPECT_GT(test, n, 0);

	/* The convention probe comes first: fast SMC64 IS_CALL_AVAIL of itself */
	c = test_call(test, 0);
	KUNIT_EXPECT_EQ(test, c.regs[0], 0xc2000601UL);
	KUNIT_EXPECT_EQ(test, c.args[0], 0x02000601ULL);
	KUNIT_EXPECT_EQ(test, c.res[0], 1ULL);

	/* Every call, in order (test_probe_calls[]) */
	for (seq = 0; seq < ARRAY_SIZE(test_probe_calls); seq++) {
		const struct test_probe_call *e = &test_probe_calls[seq];
		u64 res0 = e->res0;

		if (e->avail_arg == 0x02000221)
			res0 = rig_smc_gen == RIG_SMC_GEN_RSCTABLE;
		if (e->avail_arg == 0x02000c1c)
			res0 = rig_smc_gen != RIG_SMC_GEN_NOBRIDGE;
		if (e->x0 == 0x42000c1c && rig_smc_gen == RIG_SMC_GEN_NOBRIDGE)
			continue;
		c = test_call(test, seq - (rig_smc_gen == RIG_SMC_GEN_NOBRIDGE &&
					    seq > 2));
		KUNIT_EXPECT_EQ_MSG(test, c.regs[0], e->x0, "probe call %u", seq);
		KUNIT_EXPECT_EQ_MSG(test, c.arginfo, e->arginfo, "probe call %u", seq);
		if (e->avail_arg)
			KUNIT_EXPECT_EQ_MSG(test, c.args[0], e->avail_arg, "probe call %u", seq);
		KUNIT_EXPECT_EQ_MSG(test, c.a0, e->a0, "probe call %u", seq);
		KUNIT_EXPECT_EQ_MSG(test, c.res[0], res0, "probe call %u", seq);
	}
	KUNIT_EXPECT_EQ(test, n, ARRAY_SIZE(test_probe_calls) -
			(rig_smc_gen == RIG_SMC_GEN_NOBRIDGE));

	for (seq = 0; seq < n && rig_smc_log_get(seq, &c); seq++) {
		if (c.svc == RIG_SVC_INFO && c.cmd == RIG_INFO_IS_CALL_AVAIL &&
		    c.args[0] == 0x02000221)
			avail_rsc++;
		if (c.svc == RIG_SVC_MP && c.cmd == RIG_MP_SHM_BRIDGE_ENABLE)
			enable++;
	}
	/* Series patch 10: asked once, at probe */
	KUNIT_EXPECT_EQ(test, avail_rsc, 1);
	KUNIT_EXPECT_EQ(test, enable, rig_smc_gen == RIG_SMC_GEN_NOBRIDGE ? 0 : 1);
	KUNIT_EXPECT_EQ(test, rig_smc_bridging(), rig_smc_gen != RIG_SMC_GEN_NOBRIDGE);
	KUNIT_EXPECT_EQ(test, qcom_pas_rsc_table_available(),
			rig_smc_gen == RIG_SMC_GEN_RSCTABLE);
	KUNIT_EXPECT_EQ(test, rig_smc_violations(), 0);
}

/* The registered PAS backend is qcom_scm's: its calls arrive as SMCs */
static void smc_rig_pas_backend(struct kunit *test)
{
	unsigned int from = rig_smc_log_count();

	test_pas_new(test, PAS_A, true);
	KUNIT_EXPECT_TRUE(test, qcom_pas_supported(PAS_A));
	KUNIT_EXPECT_FALSE(test, qcom_pas_supported(0x77));
	KUNIT_EXPECT_EQ(test, rig_smc_count(ARM_SMCCC_OWNER_SIP, RIG_SVC_PIL,
					    RIG_PIL_IS_SUPPORTED, from), 2);
	rig_smc_log_print(from);
}

static void smc_rig_pas_cycle(struct kunit *test)
{
	struct test_pas *tp = test_pas_new(test, PAS_A, true);
	unsigned int violations = rig_smc_violations(), created = rig_smc_bridges_created();
	unsigned int from, live;
	struct rig_smc_call c;
	u64 handle;

	if (rig_smc_gen == RIG_SMC_GEN_NOBRIDGE)
		kunit_skip(test, "no SHM bridges on this TrustZone");

	from = rig_smc_log_count();
	KUNIT_ASSERT_EQ(test, 0, qcom_pas_init_image(PAS_A, &tp->md, sizeof(tp->md), tp->ctx));
	KUNIT_EXPECT_NOT_NULL(test, tp->ctx->ptr);
	rig_smc_log_print(from);
	/* The metadata went in a tzmem buffer, inside a pool area's bridge */
	c = test_call(test, rig_smc_log_count() - 1);
	KUNIT_EXPECT_EQ(test, c.cmd, RIG_PIL_INIT_IMAGE);
	KUNIT_EXPECT_EQ(test, c.args[1], (u64)qcom_tzmem_to_phys(tp->ctx->ptr));
	KUNIT_EXPECT_TRUE(test, rig_smc_bridged(c.args[1], sizeof(tp->md), NULL));
	kunit_info(test, "pool bridges created so far: %u\n", rig_smc_bridges_created());

	KUNIT_ASSERT_EQ(test, 0, qcom_pas_mem_setup(PAS_A, tp->mem, CARVEOUT_SIZE));

	/* v7.3: a bridge over exactly the carveout from just before to just after auth */
	live = rig_smc_live_bridges();
	from = rig_smc_log_count();
	KUNIT_ASSERT_EQ(test, 0, qcom_pas_prepare_and_auth_reset(tp->ctx));
	rig_smc_log_print(from);
	KUNIT_ASSERT_EQ(test, rig_smc_log_count() - from, 3);
	c = test_call(test, from);
	KUNIT_EXPECT_EQ(test, c.cmd, RIG_MP_SHM_BRIDGE_CREATE);
	KUNIT_EXPECT_EQ(test, c.args[0], (u64)tp->mem | QCOM_SCM_PERM_RW);
	KUNIT_EXPECT_EQ(test, c.args[1], (u64)tp->mem | QCOM_SCM_PERM_RW);
	KUNIT_EXPECT_EQ(test, c.args[2], (u64)CARVEOUT_SIZE | 1 << 9);
	KUNIT_EXPECT_EQ(test, c.args[3], (u64)QCOM_SCM_VMID_HLOS);
	handle = c.res[1];
	c = test_call(test, from + 1);
	KUNIT_EXPECT_EQ(test, c.cmd, RIG_PIL_AUTH_AND_RESET);
	KUNIT_EXPECT_EQ(test, c.a0, 0);
	c = test_call(test, from + 2);
	KUNIT_EXPECT_EQ(test, c.cmd, RIG_MP_SHM_BRIDGE_DELETE);
	KUNIT_EXPECT_EQ(test, c.args[0], handle);
	KUNIT_EXPECT_EQ(test, rig_smc_live_bridges(), live);
	KUNIT_EXPECT_TRUE(test, rig_smc_pas_running(PAS_A));

	qcom_pas_metadata_release(tp->ctx);
	KUNIT_EXPECT_EQ(test, 0, qcom_pas_set_remote_state(0, PAS_A));
	KUNIT_EXPECT_EQ(test, 0, qcom_pas_shutdown(PAS_A));
	KUNIT_EXPECT_FALSE(test, rig_smc_pas_running(PAS_A));
	KUNIT_EXPECT_EQ(test, rig_smc_violations(), violations);
	kunit_info(test, "bridges created in this case: %u\n",
		   rig_smc_bridges_created() - created);
}

/* Rules at the SMC level: what the qcom_pas_ops fake could not see */
static void smc_rig_unbridged(struct kunit *test)
{
	struct test_pas *tp = test_pas_new(test, PAS_B, false);
	unsigned int violations = rig_smc_violations();
	int ret;

	if (rig_smc_gen == RIG_SMC_GEN_NOBRIDGE)
		kunit_skip(test, "no SHM bridges on this TrustZone");

	/* Without use_tzmem the metadata is a dma_alloc_coherent() buffer */
	ret = qcom_pas_init_image(PAS_B, &tp->md, sizeof(tp->md), tp->ctx);
	kunit_info(test, "init_image, metadata outside any bridge: %d (%s)\n", ret,
		   rig_smc_last_violation());
	KUNIT_EXPECT_EQ(test, ret, -EINVAL);
	KUNIT_EXPECT_EQ(test, rig_smc_violations(), violations + 1);
	qcom_pas_metadata_release(tp->ctx);

	/* Metadata bridged, but auth without the context: no carveout bridge */
	tp->ctx->use_tzmem = true;
	KUNIT_ASSERT_EQ(test, 0, qcom_pas_init_image(PAS_B, &tp->md, sizeof(tp->md), tp->ctx));
	ret = qcom_pas_auth_and_reset(PAS_B);
	kunit_info(test, "auth_and_reset without a bridge over the carveout: %d (%s)\n",
		   ret, rig_smc_last_violation());
	/* TrustZone's refusal reaches the caller as a positive number */
	KUNIT_EXPECT_GT(test, ret, 0);
	KUNIT_EXPECT_FALSE(test, rig_smc_pas_running(PAS_B));

	/* Metadata overwritten after init_image: TrustZone relies on it */
	((u8 *)tp->ctx->ptr)[sizeof(tp->md) - 1] ^= 0xff;
	ret = qcom_pas_prepare_and_auth_reset(tp->ctx);
	kunit_info(test, "auth after the metadata changed: %d (%s)\n", ret,
		   rig_smc_last_violation());
	KUNIT_EXPECT_GT(test, ret, 0);
	KUNIT_EXPECT_NOT_NULL(test, strstr(rig_smc_last_violation(), "changed"));
	qcom_pas_metadata_release(tp->ctx);
}

static void smc_rig_rsc_table(struct kunit *test)
{
	struct test_pas *tp = test_pas_new(test, PAS_A, true);
	struct resource_table *table;
	unsigned int from;
	struct rig_smc_call c;
	size_t size = 0;

	from = rig_smc_log_count();
	if (rig_smc_gen != RIG_SMC_GEN_RSCTABLE) {
		KUNIT_EXPECT_FALSE(test, qcom_pas_rsc_table_available());
		table = qcom_pas_get_rsc_table(tp->ctx, NULL, 0, &size);
		kunit_info(test, "GET_RSCTABLE on a TrustZone without it: %pe\n", table);
		KUNIT_EXPECT_PTR_EQ(test, table, ERR_PTR(-EIO));
		return;
	}

	/* Five arguments: x5 points to the extra-arguments buffer */
	rig_smc_pas_set_rsc_size(sizeof(*table));
	table = qcom_pas_get_rsc_table(tp->ctx, NULL, 0, &size);
	KUNIT_ASSERT_FALSE(test, IS_ERR_OR_NULL(table));
	KUNIT_EXPECT_EQ(test, size, sizeof(*table));
	KUNIT_EXPECT_EQ(test, table->ver, 1);
	kfree(table);
	rig_smc_log_print(from);
	c = test_find(test, from, RIG_SVC_PIL, RIG_PIL_GET_RSCTABLE, 0);
	KUNIT_EXPECT_NE(test, c.ext_pa, 0);
	KUNIT_EXPECT_TRUE(test, !rig_smc_bridging() ||
			  rig_smc_bridged(c.ext_pa, RIG_SMC_N_EXT_ARGS * 8, NULL));
	KUNIT_EXPECT_EQ(test, c.args[4], (u64)SZ_16K);

	/* Larger than the first buffer: the retry with TrustZone's size */
	from = rig_smc_log_count();
	rig_smc_pas_set_rsc_size(SZ_16K + SZ_4K);
	table = qcom_pas_get_rsc_table(tp->ctx, NULL, 0, &size);
	KUNIT_ASSERT_FALSE(test, IS_ERR_OR_NULL(table));
	KUNIT_EXPECT_EQ(test, size, SZ_16K + SZ_4K);
	kfree(table);
	rig_smc_log_print(from);
	KUNIT_EXPECT_EQ(test, rig_smc_count(ARM_SMCCC_OWNER_SIP, RIG_SVC_PIL,
					    RIG_PIL_GET_RSCTABLE, from), 2);
	c = test_find(test, from, RIG_SVC_PIL, RIG_PIL_GET_RSCTABLE, 0);
	KUNIT_EXPECT_EQ(test, c.res[1], (u64)RIG_RSCTABLE_BUFFER_NOT_SUFFICIENT);
	KUNIT_EXPECT_EQ(test, c.res[2], (u64)(SZ_16K + SZ_4K));
	c = test_find(test, from, RIG_SVC_PIL, RIG_PIL_GET_RSCTABLE, 1);
	KUNIT_EXPECT_EQ(test, c.args[4], (u64)(SZ_16K + SZ_4K));

	/* Empty: v7.3 hands ZERO_SIZE_PTR on as a table (fixed upstream after 7.3) */
	rig_smc_pas_set_rsc_size(0);
	table = qcom_pas_get_rsc_table(tp->ctx, NULL, 0, &size);
	kunit_info(test, "empty table from TrustZone: %s, size %zu\n",
		   table == ZERO_SIZE_PTR ? "ZERO_SIZE_PTR" : IS_ERR(table) ? "error" : "a table",
		   size);
	KUNIT_EXPECT_PTR_EQ(test, table, (struct resource_table *)ZERO_SIZE_PTR);
	rig_smc_pas_set_rsc_size(sizeof(*table));
}

static void smc_rig_busy(struct kunit *test)
{
	unsigned int from;
	ktime_t t;

	test_pas_new(test, PAS_A, true);

	from = rig_smc_log_count();
	rig_smc_inject_busy(RIG_SVC_PIL, RIG_PIL_IS_SUPPORTED, 3);
	KUNIT_EXPECT_TRUE(test, qcom_pas_supported(PAS_A));
	KUNIT_EXPECT_EQ(test, rig_smc_count(ARM_SMCCC_OWNER_SIP, RIG_SVC_PIL,
					    RIG_PIL_IS_SUPPORTED, from), 4);

	/* qcom_scm-smc.c gives up after 21 retries, 30 ms apart */
	from = rig_smc_log_count();
	t = ktime_get();
	rig_smc_inject_busy(RIG_SVC_PIL, RIG_PIL_IS_SUPPORTED, 100);
	KUNIT_EXPECT_FALSE(test, qcom_pas_supported(PAS_A));
	kunit_info(test, "BUSY throughout: %u calls in %lld ms\n",
		   rig_smc_count(ARM_SMCCC_OWNER_SIP, RIG_SVC_PIL, RIG_PIL_IS_SUPPORTED, from),
		   ktime_ms_delta(ktime_get(), t));
	KUNIT_EXPECT_EQ(test, rig_smc_count(ARM_SMCCC_OWNER_SIP, RIG_SVC_PIL,
					    RIG_PIL_IS_SUPPORTED, from), 22);
	rig_smc_inject_busy(0, 0, 0);
}

static void smc_rig_interrupted(struct kunit *test)
{
	struct rig_smc_call c;
	unsigned int from;

	test_pas_new(test, PAS_A, true);

	from = rig_smc_log_count();
	rig_smc_inject_interrupted(RIG_SVC_PIL, RIG_PIL_SHUTDOWN, 2);
	KUNIT_EXPECT_EQ(test, 0, qcom_pas_shutdown(PAS_A));
	rig_smc_log_print(from);
	KUNIT_ASSERT_EQ(test, rig_smc_log_count() - from, 3);
	c = test_call(test, from);
	KUNIT_EXPECT_EQ(test, c.a0, RIG_SMC_INTERRUPTED);
	c = test_call(test, from + 1);
	KUNIT_EXPECT_EQ(test, c.regs[0], (unsigned long)RIG_SMC_INTERRUPTED);
	KUNIT_EXPECT_EQ(test, c.a0, RIG_SMC_INTERRUPTED);
	c = test_call(test, from + 2);
	KUNIT_EXPECT_EQ(test, c.regs[0], (unsigned long)RIG_SMC_INTERRUPTED);
	KUNIT_EXPECT_EQ(test, c.cmd, RIG_PIL_SHUTDOWN);
	KUNIT_EXPECT_EQ(test, c.a0, 0);
	rig_smc_inject_interrupted(0, 0, 0);
}

/* The SCM wrappers return TrustZone's refusal as a positive number */
static void smc_rig_positive_status(struct kunit *test)
{
	int ret;

	test_pas_new(test, PAS_A, true);
	rig_smc_pas_refuse_shutdown(PAS_A, 1, 5);
	ret = qcom_pas_shutdown(PAS_A);
	kunit_info(test, "refused shutdown: qcom_pas_shutdown() = %d\n", ret);
	KUNIT_EXPECT_EQ(test, ret, 5);
}

static void smc_rig_bridge_rules(struct kunit *test)
{
	unsigned int live = rig_smc_live_bridges(), violations = rig_smc_violations();
	struct page *page;
	phys_addr_t pa;
	u64 handle, h2;
	int ret;

	if (rig_smc_gen == RIG_SMC_GEN_NOBRIDGE) {
		/* qcom_tzmem makes none: create succeeds without a bridge */
		KUNIT_EXPECT_EQ(test, 0, qcom_tzmem_shm_bridge_create(0x40000000, SZ_4K,
								      &handle));
		KUNIT_EXPECT_EQ(test, rig_smc_live_bridges(), live);
		return;
	}

	page = alloc_pages(GFP_KERNEL, 1);
	KUNIT_ASSERT_NOT_NULL(test, page);
	pa = page_to_phys(page);

	ret = qcom_tzmem_shm_bridge_create(pa + 0x800, SZ_4K, &handle);
	kunit_info(test, "unaligned address: %d (%s)\n", ret, rig_smc_last_violation());
	KUNIT_EXPECT_NE(test, ret, 0);
	ret = qcom_tzmem_shm_bridge_create(pa, SZ_4K + 0x800, &handle);
	kunit_info(test, "unaligned size: %d (%s)\n", ret, rig_smc_last_violation());
	KUNIT_EXPECT_NE(test, ret, 0);
	ret = qcom_tzmem_shm_bridge_create(0x0c000000, SZ_4K, &handle);
	kunit_info(test, "not memory: %d (%s)\n", ret, rig_smc_last_violation());
	KUNIT_EXPECT_NE(test, ret, 0);
	ret = qcom_scm_shm_bridge_create(pa | QCOM_SCM_PERM_RW, pa | QCOM_SCM_PERM_RW,
					 SZ_4K | 1 << 9, 5, &handle);
	kunit_info(test, "unknown VMID: %d (%s)\n", ret, rig_smc_last_violation());
	KUNIT_EXPECT_NE(test, ret, 0);

	KUNIT_ASSERT_EQ(test, 0, qcom_tzmem_shm_bridge_create(pa, SZ_8K, &handle));
	ret = qcom_tzmem_shm_bridge_create(pa + SZ_4K, SZ_4K, &h2);
	kunit_info(test, "overlap: %d (%s)\n", ret, rig_smc_last_violation());
	KUNIT_EXPECT_NE(test, ret, 0);
	KUNIT_EXPECT_EQ(test, rig_smc_live_bridges(), live + 1);
	KUNIT_EXPECT_EQ(test, 0, qcom_scm_shm_bridge_delete(handle));
	ret = qcom_scm_shm_bridge_delete(handle);
	kunit_info(test, "delete twice: %d (%s)\n", ret, rig_smc_last_violation());
	KUNIT_EXPECT_EQ(test, ret, -EINVAL);
	KUNIT_EXPECT_EQ(test, rig_smc_live_bridges(), live);
	KUNIT_EXPECT_EQ(test, rig_smc_violations(), violations + 6);
	__free_pages(page, 1);
}

static void smc_rig_video_var(struct kunit *test)
{
	struct test_mdata md;
	int ret;

	/* Before the video firmware runs: refused */
	ret = qcom_scm_mem_protect_video_var(0, SZ_16M, SZ_16M, SZ_32M);
	kunit_info(test, "content protection before video runs: %d\n", ret);
	KUNIT_EXPECT_GT(test, ret, 0);

	/* A hypervisor-owned stream: nothing bridged, v7.3's path */
	KUNIT_ASSERT_EQ(test, 0, rig_smc_pas_add(PAS_VIDEO, 0, 0, false));
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, test_forget,
							   (void *)(uintptr_t)PAS_VIDEO));
	test_mdata_init(&md);
	KUNIT_ASSERT_EQ(test, 0, qcom_pas_init_image(PAS_VIDEO, &md, sizeof(md), NULL));
	KUNIT_ASSERT_EQ(test, 0, qcom_pas_auth_and_reset(PAS_VIDEO));
	KUNIT_EXPECT_EQ(test, 0, qcom_scm_mem_protect_video_var(0, SZ_16M, SZ_16M, SZ_32M));
	KUNIT_EXPECT_EQ(test, 0, qcom_pas_shutdown(PAS_VIDEO));
}

static void smc_rig_unimplemented(struct kunit *test)
{
	unsigned int from = rig_smc_log_count();
	unsigned int val;

	KUNIT_EXPECT_FALSE(test, qcom_scm_restore_sec_cfg_available());
	KUNIT_EXPECT_EQ(test, -EIO, qcom_scm_io_readl(0x1000, &val));
	rig_smc_log_print(from);
}

static struct kunit_case smc_rig_cases[] = {
	KUNIT_CASE(smc_rig_hook),
	KUNIT_CASE(smc_rig_probe_calls),
	KUNIT_CASE(smc_rig_pas_backend),
	KUNIT_CASE(smc_rig_pas_cycle),
	KUNIT_CASE(smc_rig_unbridged),
	KUNIT_CASE(smc_rig_rsc_table),
	KUNIT_CASE(smc_rig_busy),
	KUNIT_CASE(smc_rig_interrupted),
	KUNIT_CASE(smc_rig_positive_status),
	KUNIT_CASE(smc_rig_bridge_rules),
	KUNIT_CASE(smc_rig_video_var),
	KUNIT_CASE(smc_rig_unimplemented),
	{}
};

static struct kunit_suite smc_rig_suite = {
	.name = "qcom_smc_rig",
	.test_cases = smc_rig_cases,
};
kunit_test_suite(smc_rig_suite);

MODULE_DESCRIPTION("Prototype: qcom_scm against a TrustZone faked at the SMC instruction");
MODULE_LICENSE("GPL");
