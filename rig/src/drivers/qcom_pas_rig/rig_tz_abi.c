// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fake TrustZone for the Qualcomm PAS test rig: Qualcomm's SMC convention,
 * decoded, and dispatched to the handlers of the calls it implements.
 *
 * x0  function id (SMCCC): bit 31 fast call (qcom_scm's atomic calls) or
 *     yielding "standard" call, bit 30 SMC64, bits 29:24 owner (2 = SIP,
 *     50 = trusted OS), bits 15:8 the Qualcomm service, 7:0 the command
 *     (SCM_SMC_FNID()); or 1 (QCOM_SCM_INTERRUPTED): resume the call whose
 *     session id is in x6.
 * x1  arginfo: bits 3:0 the number of arguments, then two bits per argument
 *     from bit 4: 0 value, 1 read-only buffer, 2 read-write buffer, 3 buffer
 *     value (QCOM_SCM_ARGS()).
 * x2..x5  arguments 0..3. With more than four, x5 is instead the physical
 *     address of a buffer (allocated from qcom_scm's tzmem pool, so inside
 *     an SHM bridge when bridging is on) holding arguments 3..9, as 64-bit
 *     (SMC64) or 32-bit (SMC32) little-endian words.
 * Return: x0 the status (0, or one of qcom_scm.h's negative codes, or 1
 *     INTERRUPTED, 2 WAITQ_SLEEP), x1..x3 results (qcom_scm's result[0..2];
 *     most services put their own status in x1, which the SCM wrappers hand
 *     to their callers as a positive number).
 *
 * What qcom_scm-smc.c does with the statuses: INTERRUPTED is retried at
 * once with x0 = 1 and x6 = the session id (the Qualcomm quirk of
 * __arm_smccc_smc() returns x6), all other registers as before; WAITQ_SLEEP
 * waits for the wait-queue interrupt and resumes with WAITQ_RESUME; BUSY
 * (-12) is retried after 30 ms, up to 21 retries (22 calls), for yielding
 * calls only, then -EBUSY. Any other nonzero x0 becomes a negative errno
 * (qcom_scm_remap_error(): -1 -EIO, -2/-3 -EINVAL, -4 -EOPNOTSUPP,
 * -5 -ENOMEM, -12 -EBUSY, anything else -EINVAL).
 */

#define pr_fmt(fmt) "rig_tz: " fmt

#include <linux/atomic.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/moduleparam.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/printk.h>
#include <linux/prandom.h>
#include <linux/spinlock.h>
#include <linux/string.h>

#include "rig_tz.h"
#include "rig_tz_smc.h"

/* Its parameters are rig_tz.*, whichever file declares them */
#undef MODULE_PARAM_PREFIX
#define MODULE_PARAM_PREFIX "rig_tz."

/*
 * The TrustZone generation is a boot-time setting (rig_tz.gen=): the series
 * asks whether GET_RSCTABLE exists once, at qcom_scm's probe, and qcom_scm
 * cannot be unbound. "legacy", the default, is the older TrustZone the
 * series is for (no GET_RSCTABLE); "rsctable" has the call; "nobridge"
 * has neither the call nor SHM bridges.
 */
enum rig_smc_gen {
	RIG_SMC_GEN_LEGACY,
	RIG_SMC_GEN_RSCTABLE,
	RIG_SMC_GEN_NOBRIDGE,
};

static const char * const rig_smc_gen_names[] = {
	[RIG_SMC_GEN_LEGACY] = "legacy",
	[RIG_SMC_GEN_RSCTABLE] = "rsctable",
	[RIG_SMC_GEN_NOBRIDGE] = "nobridge",
};

static char *rig_smc_gen_name = "legacy";
module_param_named(gen, rig_smc_gen_name, charp, 0444);
MODULE_PARM_DESC(gen, "TrustZone generation: legacy, rsctable or nobridge");

/* An unknown name is the default, said once */
static enum rig_smc_gen rig_smc_generation(void)
{
	int i = match_string(rig_smc_gen_names, ARRAY_SIZE(rig_smc_gen_names),
			     rig_smc_gen_name);

	if (i < 0) {
		pr_warn_once("unknown rig_tz.gen=%s: legacy\n", rig_smc_gen_name);
		return RIG_SMC_GEN_LEGACY;
	}

	return i;
}

bool rig_smc_gen_rsc_table(void)
{
	return rig_smc_generation() == RIG_SMC_GEN_RSCTABLE;
}

bool rig_smc_gen_bridges(void)
{
	return rig_smc_generation() != RIG_SMC_GEN_NOBRIDGE;
}

/* Log, injections and violations: touched by fast calls too */
static DEFINE_SPINLOCK(rig_smc_lock);
/* Yielding calls run one at a time, as qcom_scm's own mutex has them */
static DEFINE_MUTEX(rig_smc_std_lock);

static struct rig_smc_call rig_smc_log[RIG_SMC_LOG];
static unsigned int rig_smc_seq;

struct rig_smc_inject {
	u8 svc;
	u8 cmd;
	unsigned int busy;
	unsigned int interrupted;
	bool status;
	long a0;
	u64 res0;
};

static struct rig_smc_inject rig_smc_inj;

/*
 * BUSY at random, as a TrustZone busy with another core's call answers:
 * each yielding call, resumes aside, with a chance of busy_percent in 100
 */
static struct rnd_state rig_smc_rnd;
static unsigned int rig_smc_busy_percent;
static unsigned int rig_smc_busy_answered;

/* An interrupted call, waiting for its resume */
static struct rig_smc_call rig_smc_pending;
static bool rig_smc_pending_valid;
static unsigned long rig_smc_session = 0x5e55;

/**
 * rig_smc_fail() - refuse a call, naming the call and the rule
 * @c:		the call
 * @a0:		status TrustZone returns in x0
 * @fmt:	the argument and the rule broken
 */
void rig_smc_fail(struct rig_smc_call *c, long a0, const char *fmt, ...)
{
	char why[192];
	va_list args;

	va_start(args, fmt);
	vsnprintf(why, sizeof(why), fmt, args);
	va_end(args);

	c->a0 = a0;
	rig_tz_violate("%s (%#lx): %s", c->handler ?: "?", c->regs[0], why);
}

/* TrustZone reads normal memory through its own mapping; we use the linear map */
void *rig_smc_phys(phys_addr_t pa, size_t size)
{
	if (!size || pa + size < pa)
		return NULL;
	if (!pfn_is_map_memory(PHYS_PFN(pa)) ||
	    !pfn_is_map_memory(PHYS_PFN(pa + size - 1)))
		return NULL;

	return phys_to_virt(pa);
}

/**
 * rig_smc_buf_ok() - may TrustZone use this buffer argument
 * @c:		the call (refused on a violation)
 * @arg:	argument index, for the message
 * @pa:		physical address
 * @size:	size TrustZone reads or writes
 *
 * Memory only; and once Linux has enabled SHM bridging, inside a bridge.
 *
 * Return: true if TrustZone may use it; false after a violation.
 */
bool rig_smc_buf_ok(struct rig_smc_call *c, unsigned int arg, phys_addr_t pa,
		    size_t size)
{
	if (!size) {
		rig_smc_fail(c, RIG_SMC_EINVAL_ARG, "argument %u: empty buffer at %pa",
			     arg, &pa);
		return false;
	}
	if (!memblock_is_region_memory(pa, size)) {
		rig_smc_fail(c, RIG_SMC_EINVAL_ADDR, "argument %u: %pa+%#zx is not memory",
			     arg, &pa, size);
		return false;
	}
	if (rig_smc_bridging() && !rig_smc_bridged(pa, size, NULL)) {
		rig_smc_fail(c, RIG_SMC_EINVAL_ADDR,
			     "argument %u: buffer %pa+%#zx not inside an SHM bridge",
			     arg, &pa, size);
		return false;
	}

	return true;
}

static bool rig_smc_info_available(void)
{
	return true;
}

static void rig_smc_is_call_avail(struct rig_smc_call *c);

/* IS_CALL_AVAIL questions about GET_RSCTABLE since boot */
static atomic_t rig_smc_rsc_asked = ATOMIC_INIT(0);

/**
 * rig_smc_rsc_table_asked() - how often Linux asked whether GET_RSCTABLE exists
 *
 * Return: the IS_CALL_AVAIL calls about it since boot.
 */
unsigned int rig_smc_rsc_table_asked(void)
{
	return atomic_read(&rig_smc_rsc_asked);
}

static const struct rig_smc_handler rig_smc_info_handlers[] = {
	{ ARM_SMCCC_OWNER_SIP, RIG_SVC_INFO, RIG_INFO_IS_CALL_AVAIL,
	  "INFO_IS_CALL_AVAIL", 1, .available = rig_smc_info_available,
	  .handle = rig_smc_is_call_avail },
};

static const struct {
	const struct rig_smc_handler *table;
	const unsigned int *n;
} rig_smc_tables[] = {
	{ rig_smc_bridge_handlers, &rig_smc_nr_bridge_handlers },
	{ rig_smc_pas_handlers, &rig_smc_nr_pas_handlers },
};

static const struct rig_smc_handler *rig_smc_find_handler(u8 owner, u8 svc, u8 cmd)
{
	unsigned int t, i;

	if (owner == ARM_SMCCC_OWNER_SIP && svc == RIG_SVC_INFO &&
	    cmd == RIG_INFO_IS_CALL_AVAIL)
		return &rig_smc_info_handlers[0];

	for (t = 0; t < ARRAY_SIZE(rig_smc_tables); t++)
		for (i = 0; i < *rig_smc_tables[t].n; i++) {
			const struct rig_smc_handler *h = &rig_smc_tables[t].table[i];

			if (h->owner == owner && h->svc == svc && h->cmd == cmd)
				return h;
		}

	return NULL;
}

static bool rig_smc_implemented(const struct rig_smc_handler *h)
{
	return h && (!h->available || h->available());
}

/* x2 = owner << 24 | svc << 8 | cmd of the call asked about */
static void rig_smc_is_call_avail(struct rig_smc_call *c)
{
	u32 id = c->args[0];
	const struct rig_smc_handler *h;

	h = rig_smc_find_handler((id >> ARM_SMCCC_OWNER_SHIFT) & ARM_SMCCC_OWNER_MASK,
				 (id >> 8) & 0xff, id & 0xff);
	if (h && h->svc == RIG_SVC_PIL && h->cmd == RIG_PIL_GET_RSCTABLE)
		atomic_inc(&rig_smc_rsc_asked);
	c->a0 = RIG_SMC_OK;
	c->res[0] = rig_smc_implemented(h);
}

/* x5: the extra-arguments buffer, arguments 3..9 */
static bool rig_smc_ext_args(struct rig_smc_call *c)
{
	size_t word = c->smc64 ? sizeof(u64) : sizeof(u32);
	size_t size = RIG_SMC_N_EXT_ARGS * word;
	unsigned int i;
	void *ext;

	c->ext_pa = c->regs[5];
	if (!rig_smc_buf_ok(c, 3, c->ext_pa, size))
		return false;
	ext = rig_smc_phys(c->ext_pa, size);
	if (!ext) {
		rig_smc_fail(c, RIG_SMC_EINVAL_ADDR, "extra arguments at %pa not readable",
			     &c->ext_pa);
		return false;
	}

	for (i = 0; i < RIG_SMC_N_EXT_ARGS; i++)
		c->args[RIG_SMC_N_REG_ARGS - 1 + i] = c->smc64 ?
			le64_to_cpu(((__le64 *)ext)[i]) : le32_to_cpu(((__le32 *)ext)[i]);

	return true;
}

static void rig_smc_decode(struct rig_smc_call *c)
{
	u32 id = c->regs[0];
	unsigned int i;

	c->fast = ARM_SMCCC_IS_FAST_CALL(id);
	c->smc64 = ARM_SMCCC_IS_64(id);
	c->owner = ARM_SMCCC_OWNER_NUM(id);
	c->svc = (id >> 8) & 0xff;
	c->cmd = id & 0xff;
	c->arginfo = c->regs[1];
	c->nargs = RIG_SMC_ARGINFO_NUM(c->arginfo);

	for (i = 0; i < min(c->nargs, RIG_SMC_N_REG_ARGS); i++)
		c->args[i] = c->smc64 ? c->regs[2 + i] : (u32)c->regs[2 + i];
}

/* Injected statuses: BUSY and INTERRUPTED before the call runs */
static bool rig_smc_injected(struct rig_smc_call *c, unsigned long *x6)
{
	bool hit = false;
	unsigned long flags;

	spin_lock_irqsave(&rig_smc_lock, flags);
	if (rig_smc_busy_percent && !c->fast && c->regs[0] != RIG_SMC_INTERRUPTED &&
	    prandom_u32_state(&rig_smc_rnd) % 100 < rig_smc_busy_percent) {
		rig_smc_busy_answered++;
		c->a0 = RIG_SMC_EBUSY;
		hit = true;
		goto out;
	}
	if (c->svc != rig_smc_inj.svc || c->cmd != rig_smc_inj.cmd)
		goto out;

	if (rig_smc_inj.busy && !c->fast) {
		rig_smc_inj.busy--;
		c->a0 = RIG_SMC_EBUSY;
		hit = true;
	} else if (rig_smc_inj.interrupted) {
		rig_smc_inj.interrupted--;
		rig_smc_pending = *c;
		rig_smc_pending_valid = true;
		*x6 = ++rig_smc_session;
		c->a0 = RIG_SMC_INTERRUPTED;
		hit = true;
	} else if (rig_smc_inj.status) {
		rig_smc_inj.status = false;
		c->a0 = rig_smc_inj.a0;
		c->res[0] = rig_smc_inj.res0;
		hit = true;
	}
out:
	spin_unlock_irqrestore(&rig_smc_lock, flags);

	return hit;
}

static void rig_smc_record(struct rig_smc_call *c)
{
	unsigned long flags;

	spin_lock_irqsave(&rig_smc_lock, flags);
	c->seq = rig_smc_seq;
	rig_smc_log[rig_smc_seq++ % RIG_SMC_LOG] = *c;
	spin_unlock_irqrestore(&rig_smc_lock, flags);
}

/**
 * rig_smc_dispatch() - answer one secure monitor call
 * @regs:	x0..x7 as issued
 * @res:	x0..x3 returned
 * @x6:		x6 returned (the session id of an interrupted call)
 */
void rig_smc_dispatch(const unsigned long regs[8], struct arm_smccc_res *res,
		      unsigned long *x6)
{
	struct rig_smc_call c = {};
	const struct rig_smc_handler *h;

	memcpy(c.regs, regs, sizeof(c.regs));

	if (regs[0] == RIG_SMC_INTERRUPTED) {
		unsigned long flags;
		bool ok;

		/* Resume: the call interrupted under the session id in x6 */
		spin_lock_irqsave(&rig_smc_lock, flags);
		ok = rig_smc_pending_valid && regs[6] == rig_smc_session;
		if (ok) {
			c = rig_smc_pending;
			rig_smc_pending_valid = false;
		}
		spin_unlock_irqrestore(&rig_smc_lock, flags);
		if (!ok) {
			c.handler = "RESUME";
			rig_smc_fail(&c, RIG_SMC_ERROR, "resume of unknown session %#lx",
				     regs[6]);
			goto out;
		}
		c.regs[0] = regs[0];
		c.regs[6] = regs[6];
		c.handler = NULL;
	} else {
		rig_smc_decode(&c);
	}

	h = rig_smc_find_handler(c.owner, c.svc, c.cmd);
	c.handler = h ? h->name : NULL;
	if (!rig_smc_implemented(h)) {
		/* What TrustZone answers to a call it does not implement */
		c.a0 = RIG_SMC_ERROR;
		goto out;
	}

	if (c.nargs > RIG_SMC_MAX_ARGS) {
		rig_smc_fail(&c, RIG_SMC_EINVAL_ARG, "arginfo %#x: %u arguments",
			     c.arginfo, c.nargs);
		goto out;
	}
	if (c.arginfo != h->arginfo) {
		rig_smc_fail(&c, RIG_SMC_EINVAL_ARG, "arginfo %#x, expected %#x",
			     c.arginfo, h->arginfo);
		goto out;
	}
	if (h->std_only && c.fast) {
		rig_smc_fail(&c, RIG_SMC_EINVAL_ARG, "fast call, expected yielding");
		goto out;
	}
	if (c.nargs > RIG_SMC_N_REG_ARGS && regs[0] != RIG_SMC_INTERRUPTED &&
	    !rig_smc_ext_args(&c))
		goto out;
	/*
	 * Buffer arguments (RO/RW in arginfo) are checked by their handler,
	 * which knows their size and whose peripheral they belong to (a
	 * peripheral whose stream a hypervisor owns gets its buffers bridged
	 * by the hypervisor, v7.3's path without iommus).
	 */
	if (rig_smc_injected(&c, x6))
		goto out;

	if (c.fast) {
		h->handle(&c);
	} else {
		mutex_lock(&rig_smc_std_lock);
		h->handle(&c);
		mutex_unlock(&rig_smc_std_lock);
	}
out:
	rig_smc_record(&c);
	res->a0 = c.a0;
	res->a1 = c.res[0];
	res->a2 = c.res[1];
	res->a3 = c.res[2];
}

unsigned int rig_smc_log_count(void)
{
	return READ_ONCE(rig_smc_seq);
}

bool rig_smc_log_get(unsigned int seq, struct rig_smc_call *c)
{
	unsigned long flags;
	bool ok;

	spin_lock_irqsave(&rig_smc_lock, flags);
	ok = seq < rig_smc_seq && rig_smc_seq - seq <= RIG_SMC_LOG;
	if (ok)
		*c = rig_smc_log[seq % RIG_SMC_LOG];
	spin_unlock_irqrestore(&rig_smc_lock, flags);

	return ok;
}

void rig_smc_log_print(unsigned int from)
{
	struct rig_smc_call c;
	unsigned int seq;

	pr_info("TrustZone generation %s; calls %u..%u:\n",
		rig_smc_gen_names[rig_smc_generation()], from, rig_smc_log_count());
	for (seq = from; rig_smc_log_get(seq, &c); seq++)
		pr_info("%3u %s %-20s x0 %#010lx arginfo %#05x args %#llx %#llx %#llx %#llx %#llx%s -> %ld %#llx %#llx %#llx\n",
			c.seq, c.fast ? "fast" : "std ", c.handler ?: "(unimplemented)",
			c.regs[0], c.arginfo, c.args[0], c.args[1], c.args[2],
			c.args[3], c.args[4], c.ext_pa ? " (ext)" : "",
			c.a0, c.res[0], c.res[1], c.res[2]);
}

unsigned int rig_smc_count(u8 owner, u8 svc, u8 cmd, unsigned int from)
{
	struct rig_smc_call c;
	unsigned int seq, n = 0;

	for (seq = from; rig_smc_log_get(seq, &c); seq++)
		n += c.owner == owner && c.svc == svc && c.cmd == cmd;

	return n;
}

static void rig_smc_set_inject(u8 svc, u8 cmd, unsigned int busy,
			       unsigned int interrupted)
{
	unsigned long flags;

	spin_lock_irqsave(&rig_smc_lock, flags);
	rig_smc_inj = (struct rig_smc_inject) {
		.svc = svc, .cmd = cmd, .busy = busy, .interrupted = interrupted,
	};
	spin_unlock_irqrestore(&rig_smc_lock, flags);
}

void rig_smc_inject_busy(u8 svc, u8 cmd, unsigned int times)
{
	rig_smc_set_inject(svc, cmd, times, 0);
}

/**
 * rig_smc_random_busy() - answer BUSY at random from now
 * @seed:	seed of the pseudo-random sequence (printed by the caller, so a
 *		failure can be replayed)
 * @percent:	chance in 100 that a yielding call is answered BUSY; 0 stops
 *
 * Return: how many calls were answered BUSY since the last call.
 */
unsigned int rig_smc_random_busy(u64 seed, unsigned int percent)
{
	unsigned long flags;
	unsigned int n;

	spin_lock_irqsave(&rig_smc_lock, flags);
	prandom_seed_state(&rig_smc_rnd, seed);
	rig_smc_busy_percent = min(percent, 100U);
	n = rig_smc_busy_answered;
	rig_smc_busy_answered = 0;
	spin_unlock_irqrestore(&rig_smc_lock, flags);

	return n;
}

void rig_smc_inject_interrupted(u8 svc, u8 cmd, unsigned int times)
{
	rig_smc_set_inject(svc, cmd, 0, times);
}

void rig_smc_inject_status(u8 svc, u8 cmd, long a0, u64 res0)
{
	unsigned long flags;

	spin_lock_irqsave(&rig_smc_lock, flags);
	rig_smc_inj = (struct rig_smc_inject) {
		.svc = svc, .cmd = cmd, .status = true, .a0 = a0, .res0 = res0,
	};
	spin_unlock_irqrestore(&rig_smc_lock, flags);
}
