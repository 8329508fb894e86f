// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fake TrustZone Peripheral Authentication Service for the Qualcomm PAS
 * test rig: the state machine, and the calls as secure monitor calls.
 *
 * Per PAS id it keeps the state TrustZone keeps and refuses what TrustZone
 * refuses: init_image before mem_setup (required for a relocatable image)
 * before authentication; authentication only when every loaded segment
 * matches its SHA-384 digest in the metadata's hash table (rig_tz_image.c)
 * and, whenever Linux owns the stream that fetches the image, only when an
 * SHM bridge covers exactly the carveout and what the processor will reach
 * is in place in the page tables of that stream's domain
 * (rig_tz_mappings.c). Calls that break these rules are logged as
 * violations (naming the region and the bit), which the suites require to
 * stay at zero.
 *
 * TrustZone sees only registers: a PAS id and physical addresses. It reads
 * the metadata at the address init_image is given and relies on that buffer
 * until the authentication; it finds the carveout and the stream from the
 * machine's description (rig_tz_peripherals.c), not from what the caller
 * holds. It refuses as the PAS service does, with x0 = 0 and its own status
 * in x1, which qcom_scm's wrappers hand on.
 *
 * The fake can fail any counted call on request (rig_tz_fail_call()), and
 * acts as a TrustZone with or without the resource-table call, chosen at
 * boot (rig_tz.gen=, rig_tz_abi.c).
 */

#include <linux/device.h>
#include <linux/elf.h>
#include <linux/rsc_table.h>
#include <linux/slab.h>
#include <linux/soc/qcom/mdt_loader.h>
#include <qcom_pas_rig/pas_ids.h>

#include "rig_fakes.h"
#include "rig_tz.h"
#include "rig_tz_smc.h"

/* The PAS service's statuses in x1 (TrustZone's own values are not public) */
#define RIG_PAS_E_UNKNOWN	1	/* no room for another peripheral */
#define RIG_PAS_E_STATE		2	/* call out of order */
#define RIG_PAS_E_METADATA	3	/* metadata rejected, released or changed */
#define RIG_PAS_E_IMAGE		4	/* image or its memory refused */

struct rig_tz rig_tz = {
	.lock = __MUTEX_INITIALIZER(rig_tz.lock),
	.vlock = __SPIN_LOCK_UNLOCKED(rig_tz.vlock),
};

/**
 * rig_tz_violate() - count and log a call that breaks TrustZone's rules
 * @fmt:	what was wrong, naming the peripheral, the region and the bit
 *
 * May be called from a fast (atomic) call.
 */
void rig_tz_violate(const char *fmt, ...)
{
	unsigned long flags;
	va_list args;

	spin_lock_irqsave(&rig_tz.vlock, flags);
	va_start(args, fmt);
	vsnprintf(rig_tz.violation, sizeof(rig_tz.violation), fmt, args);
	va_end(args);
	rig_tz.violations++;
	spin_unlock_irqrestore(&rig_tz.vlock, flags);

	pr_err("rig_tz: violation: %s\n", rig_tz.violation);
}

/**
 * rig_tz_call() - count a call into TrustZone, with rig_tz.lock held
 *
 * Return: the errno to fail the call with when it is the one
 * rig_tz_fail_call() asked for, else 0.
 */
int rig_tz_call(void)
{
	rig_tz.cnt.calls++;
	if (rig_tz.fail_nth && !--rig_tz.fail_nth) {
		rig_tz.cnt.injected++;
		return rig_tz.fail_err;
	}

	return 0;
}

/**
 * rig_tz_find() - what TrustZone knows about a peripheral
 * @pas_id:	its PAS id
 * @create:	make an idle entry for it if there is none
 *
 * Return: the entry, NULL if there is none (and none could be made).
 */
struct rig_tz_pas *rig_tz_find(u32 pas_id, bool create)
{
	struct rig_tz_pas *free = NULL;
	int i;

	for (i = 0; i < RIG_TZ_MAX_PAS; i++) {
		if (rig_tz.pas[i].used && rig_tz.pas[i].pas_id == pas_id)
			return &rig_tz.pas[i];
		if (!rig_tz.pas[i].used && !free)
			free = &rig_tz.pas[i];
	}

	if (!create || !free)
		return NULL;

	free->used = true;
	free->pas_id = pas_id;
	free->state = RIG_TZ_IDLE;

	return free;
}

/* TrustZone forgets the image: back to idle */
static void rig_tz_reset(struct rig_tz_pas *pas)
{
	kfree(pas->mdata);
	pas->mdata = NULL;
	pas->table = NULL;
	pas->domain = NULL;
	pas->nr_regions = 0;
	pas->state = RIG_TZ_IDLE;
}

/* A refusal of the PAS service: x0 0, its status in x1 */
static void rig_tz_refuse(struct rig_smc_call *c, u64 status)
{
	c->a0 = RIG_SMC_OK;
	c->res[0] = status;
}

static void rig_tz_ok(struct rig_smc_call *c)
{
	c->a0 = RIG_SMC_OK;
	c->res[0] = 0;
}

/*
 * A call failed on request: the errno as the SCM status qcom_scm turns
 * back into it (qcom_scm_remap_error()), so that the caller sees @err.
 */
static void rig_tz_injected(struct rig_smc_call *c, int err)
{
	switch (err) {
	case -EINVAL:
		c->a0 = RIG_SMC_EINVAL_ARG;
		break;
	case -EOPNOTSUPP:
		c->a0 = RIG_SMC_EOPNOTSUPP;
		break;
	case -ENOMEM:
		c->a0 = RIG_SMC_ENOMEM;
		break;
	default:
		c->a0 = RIG_SMC_ERROR;
		break;
	}
}

/*
 * Count a call (in @counter too, if not NULL), and fail it if asked to.
 * Takes rig_tz.lock, which the caller releases.
 */
static bool rig_tz_enter(struct rig_smc_call *c, unsigned int *counter)
{
	int err;

	mutex_lock(&rig_tz.lock);
	if (counter)
		(*counter)++;
	err = rig_tz_call();
	if (err)
		rig_tz_injected(c, err);

	return !err;
}

/*
 * The metadata as qcom_mdt_read_metadata() lays it out: the ELF header and
 * program headers (the first program header's bytes), then the hash
 * segment. TrustZone works out its length from the headers.
 */
static size_t rig_tz_mdata_len(phys_addr_t pa)
{
	const struct elf32_hdr *ehdr = rig_smc_phys(pa, sizeof(*ehdr));
	const struct elf32_phdr *phdrs;
	size_t hdr_len;
	unsigned int i;

	if (!ehdr || memcmp(ehdr->e_ident, ELFMAG, SELFMAG) ||
	    ehdr->e_phentsize != sizeof(*phdrs) || ehdr->e_phnum < 2)
		return 0;
	hdr_len = ehdr->e_phoff + ehdr->e_phnum * sizeof(*phdrs);
	phdrs = rig_smc_phys(pa + ehdr->e_phoff, ehdr->e_phnum * sizeof(*phdrs));
	if (!phdrs || phdrs[0].p_filesz < hdr_len)
		return 0;

	for (i = 1; i < ehdr->e_phnum; i++)
		if ((phdrs[i].p_flags & QCOM_MDT_TYPE_MASK) == QCOM_MDT_TYPE_HASH)
			return phdrs[0].p_filesz + phdrs[i].p_filesz;

	return 0;
}

/* Every peripheral of the rig's machine is one this TrustZone supports */
static void rig_tz_pas_supported(struct rig_smc_call *c)
{
	c->a0 = RIG_SMC_OK;
	c->res[0] = 1;
}

/* INIT_IMAGE(pas_id, metadata RW) */
static void rig_tz_pas_init_image(struct rig_smc_call *c)
{
	u32 pas_id = c->args[0];
	phys_addr_t pa = c->args[1];
	struct rig_tz_pas *pas;
	size_t len;
	void *buf;

	if (!rig_tz_enter(c, &rig_tz.cnt.init_image))
		goto out;

	pas = rig_tz_find(pas_id, true);
	if (!pas) {
		rig_tz_refuse(c, RIG_PAS_E_UNKNOWN);
		goto out;
	}
	if (pas->state == RIG_TZ_RUNNING) {
		rig_tz_violate("init_image of PAS %u while it runs", pas_id);
		rig_tz_refuse(c, RIG_PAS_E_STATE);
		goto out;
	}

	/* A new image replaces whatever was set up before */
	rig_tz_reset(pas);

	len = rig_tz_mdata_len(pa);
	buf = len ? rig_smc_phys(pa, len) : NULL;
	if (!buf) {
		rig_smc_fail(c, RIG_SMC_EINVAL_ADDR, "argument 1: no metadata at %pa", &pa);
		goto out;
	}
	pas->mdata = kmemdup(buf, len, GFP_KERNEL);
	if (!pas->mdata) {
		c->a0 = RIG_SMC_ENOMEM;
		goto out;
	}
	pas->mdata_len = len;
	pas->mdata_pa = pa;
	/* Whether it had to be, TrustZone knows at the authentication */
	pas->mdata_bridged = rig_smc_bridged(pa, len, NULL);

	if (rig_tz_parse_metadata(pas)) {
		pr_err("rig_tz: PAS %u: metadata rejected\n", pas_id);
		rig_tz_reset(pas);
		rig_tz_refuse(c, RIG_PAS_E_METADATA);
		goto out;
	}

	pas->state = RIG_TZ_INIT;
	rig_tz_ok(c);
out:
	mutex_unlock(&rig_tz.lock);
}

/* MEM_SETUP(pas_id, addr, size) */
static void rig_tz_pas_mem_setup(struct rig_smc_call *c)
{
	u32 pas_id = c->args[0];
	struct rig_tz_pas *pas;

	if (!rig_tz_enter(c, &rig_tz.cnt.mem_setup))
		goto out;

	pas = rig_tz_find(pas_id, false);
	if (!pas || pas->state != RIG_TZ_INIT) {
		rig_tz_violate("mem_setup of PAS %u without init_image", pas_id);
		rig_tz_refuse(c, RIG_PAS_E_STATE);
		goto out;
	}
	if (c->args[2] < pas->span) {
		rig_tz_violate("mem_setup of PAS %u: %#llx bytes for an image of %#zx",
			       pas_id, c->args[2], pas->span);
		rig_tz_refuse(c, RIG_PAS_E_IMAGE);
		goto out;
	}

	pas->setup_addr = c->args[1];
	pas->setup_size = c->args[2];
	pas->state = RIG_TZ_SETUP;
	rig_tz_ok(c);
out:
	mutex_unlock(&rig_tz.lock);
}

/*
 * GET_RSCTABLE(pas_id, input RO, input size, output RW, output size): five
 * arguments, so x5 points to the extra-arguments buffer. A table larger
 * than the output buffer is refused with x0 -1, x2
 * RSCTABLE_BUFFER_NOT_SUFFICIENT and x3 the size needed, which qcom_scm
 * retries with; x3 is the table's size otherwise. Without a table of its
 * own for the peripheral TrustZone returns an empty one (a header); a
 * table only claimed (over 1 GiB) is larger than any output buffer.
 */
static void rig_tz_pas_get_rsc_table(struct rig_smc_call *c)
{
	phys_addr_t in = c->args[1], out = c->args[3];
	size_t in_size = c->args[2], out_size = c->args[4];
	struct resource_table empty = { .ver = 1 };
	const void *table = &empty;
	struct rig_tz_pas *pas;
	size_t size = sizeof(empty);
	void *buf;

	if (!rig_tz_enter(c, &rig_tz.cnt.get_rsc_table))
		goto out;
	if (!rig_smc_buf_ok(c, 1, in, in_size) || !rig_smc_buf_ok(c, 3, out, out_size))
		goto out;

	pas = rig_tz_find(c->args[0], false);
	if (pas && (pas->rsc || pas->rsc_size)) {
		table = pas->rsc;
		size = pas->rsc_size;
	}

	c->res[1] = 0;
	c->res[2] = size;
	if (size > out_size) {
		/* Not a violation: the caller retries with the size given */
		c->a0 = RIG_SMC_ERROR;
		c->res[1] = RIG_RSCTABLE_BUFFER_NOT_SUFFICIENT;
		goto out;
	}
	buf = rig_smc_phys(out, out_size);
	if (!buf || !table) {
		rig_smc_fail(c, RIG_SMC_EINVAL_ADDR, "argument 3: %pa not writable%s", &out,
			     table ? "" : " or a claimed table fits it");
		goto out;
	}
	memcpy(buf, table, size);
	rig_tz_ok(c);
out:
	mutex_unlock(&rig_tz.lock);
}

static bool rig_tz_rsc_available(void)
{
	return rig_smc_gen_rsc_table();
}

/* What TrustZone authenticates: its own view of the image, not the caller's */
static void rig_tz_image(const struct rig_tz_pas *pas, phys_addr_t *base,
			 size_t *size)
{
	*base = pas->relocatable ? pas->setup_addr : pas->min_addr;
	*size = pas->relocatable ? pas->setup_size : pas->span;
}

/*
 * The metadata still where init_image was given it, bridged and unchanged.
 * Only where Linux owns the stream: on a hypervisor's path the hypervisor
 * bridges (and holds) what TrustZone reads, and v7.3 frees the buffer of an
 * init_image without a context as soon as the call returns.
 */
static bool rig_tz_check_mdata(struct rig_tz_pas *pas, bool linux_stream)
{
	const void *buf = rig_smc_phys(pas->mdata_pa, pas->mdata_len);

	if (!linux_stream)
		return true;
	if (rig_smc_bridging() &&
	    (!pas->mdata_bridged || !rig_smc_bridged(pas->mdata_pa, pas->mdata_len, NULL))) {
		rig_tz_violate("auth of PAS %u: metadata %pa+%#zx not inside an SHM bridge",
			       pas->pas_id, &pas->mdata_pa, pas->mdata_len);
		return false;
	}
	if (!buf || memcmp(buf, pas->mdata, pas->mdata_len)) {
		rig_tz_violate("auth of PAS %u: metadata %pa+%#zx changed since init_image",
			       pas->pas_id, &pas->mdata_pa, pas->mdata_len);
		return false;
	}

	return true;
}

static int rig_tz_auth(struct rig_tz_pas *pas, u32 pas_id)
{
	struct rig_tz_stream s = {};
	phys_addr_t base;
	u64 handle;
	size_t size;
	int ret;

	if (!pas || (pas->state != RIG_TZ_INIT && pas->state != RIG_TZ_SETUP)) {
		rig_tz_violate("auth of PAS %u without init_image", pas_id);
		return RIG_PAS_E_STATE;
	}
	if (pas->relocatable && pas->state != RIG_TZ_SETUP) {
		rig_tz_violate("auth of relocatable PAS %u without mem_setup", pas_id);
		return RIG_PAS_E_STATE;
	}

	rig_tz_image(pas, &base, &size);
	ret = rig_tz_find_stream(pas_id, base, size, &s);
	if (ret)
		return RIG_PAS_E_IMAGE;

	ret = RIG_PAS_E_METADATA;
	if (!rig_tz_check_mdata(pas, s.linux_stream))
		goto out;

	ret = RIG_PAS_E_IMAGE;
	if (s.linux_stream) {
		/* TrustZone reads the image through a bridge over the carveout */
		if (rig_smc_bridging() && !rig_smc_bridge_exactly(s.mem, s.size, &handle)) {
			rig_tz_violate("auth of PAS %u: no SHM bridge over the carveout %pa+%#zx",
				       pas_id, &s.mem, s.size);
			goto out;
		}
		if (base < s.mem || base + size > s.mem + s.size) {
			rig_tz_violate("auth of PAS %u: image %pa+%#zx outside the bridge %pa+%#zx",
				       pas_id, &base, size, &s.mem, s.size);
			goto out;
		}
		if (rig_tz_check_mappings(pas, &s, base, size))
			goto out;
	}

	if (rig_tz_check_hashes(pas, base, size))
		goto out;

	pas->last = (struct rig_tz_auth) {
		.pa = s.size ? s.mem : base,
		.size = s.size ?: size,
		.image_pa = base,
		.image_size = size,
		.bridge_pa = rig_smc_bridge_exactly(s.mem, s.size, NULL) ? s.mem : 0,
		.bridge_size = rig_smc_bridge_exactly(s.mem, s.size, NULL) ? s.size : 0,
		.mapped = !!pas->domain,
		.regions = pas->nr_regions,
	};
	pas->state = RIG_TZ_RUNNING;
	rig_tz.cnt.auth_ok++;
	ret = 0;
out:
	if (s.dev)
		put_device(s.dev);

	return ret;
}

/* AUTH_AND_RESET(pas_id) */
static void rig_tz_pas_auth_and_reset(struct rig_smc_call *c)
{
	u32 pas_id = c->args[0];
	int status;

	if (!rig_tz_enter(c, &rig_tz.cnt.auth)) {
		mutex_unlock(&rig_tz.lock);
		return;
	}
	status = rig_tz_auth(rig_tz_find(pas_id, false), pas_id);
	mutex_unlock(&rig_tz.lock);

	rig_tz_refuse(c, status);
	if (!status)
		rig_smp2p_booted(pas_id);
}

/* SHUTDOWN(pas_id): shutting down an idle peripheral is harmless */
static void rig_tz_pas_shutdown(struct rig_smc_call *c)
{
	u32 pas_id = c->args[0];
	struct rig_tz_pas *pas;
	bool done = false;

	if (!rig_tz_enter(c, &rig_tz.cnt.shutdown))
		goto out;

	pas = rig_tz_find(pas_id, false);
	if (pas && pas->refuse_shutdown) {
		/* Not a violation: TrustZone may refuse */
		pas->refuse_shutdown--;
		rig_tz.cnt.shutdown_refused++;
		if (pas->refuse_status > 0)
			rig_tz_refuse(c, pas->refuse_status);
		else
			c->a0 = pas->refuse_status;
		goto out;
	}
	if (pas)
		rig_tz_reset(pas);
	rig_tz_ok(c);
	done = true;
out:
	mutex_unlock(&rig_tz.lock);

	if (done)
		rig_smp2p_shut_down(pas_id);
}

/* SET_REMOTE_STATE(state, pas_id) */
static void rig_tz_set_remote_state(struct rig_smc_call *c)
{
	if (rig_tz_enter(c, NULL))
		rig_tz_ok(c);
	mutex_unlock(&rig_tz.lock);
}

/*
 * VIDEO_VAR(cp_start, cp_size, cp_nonpixel_start, cp_nonpixel_size): the
 * video processor's protected ranges, told after its firmware runs (the
 * order in which iris and venus make it).
 */
static void rig_tz_video_var(struct rig_smc_call *c)
{
	struct rig_tz_pas *pas;

	if (!rig_tz_enter(c, &rig_tz.cnt.video_var))
		goto out;

	pas = rig_tz_find(RIG_PAS_ID_VIDEO, false);
	if (!pas || pas->state != RIG_TZ_RUNNING) {
		rig_tz_violate("content protection before video runs: %#llx+%#llx, %#llx+%#llx",
			       c->args[0], c->args[1], c->args[2], c->args[3]);
		rig_tz_refuse(c, RIG_PAS_E_STATE);
		goto out;
	}
	rig_tz_ok(c);
out:
	mutex_unlock(&rig_tz.lock);
}

/* Calls qcom_scm's probe makes that QEMU has nothing behind: accepted */
static void rig_tz_accept(struct rig_smc_call *c)
{
	rig_tz_ok(c);
}

#define RIG_SIP		ARM_SMCCC_OWNER_SIP

const struct rig_smc_handler rig_smc_pas_handlers[] = {
	{ RIG_SIP, RIG_SVC_PIL, RIG_PIL_IS_SUPPORTED, "PAS_IS_SUPPORTED", 1,
	  .std_only = true, .handle = rig_tz_pas_supported },
	{ RIG_SIP, RIG_SVC_PIL, RIG_PIL_INIT_IMAGE, "PAS_INIT_IMAGE",
	  2 | RIG_SMC_A(1, RIG_SMC_RW), .std_only = true,
	  .handle = rig_tz_pas_init_image },
	{ RIG_SIP, RIG_SVC_PIL, RIG_PIL_MEM_SETUP, "PAS_MEM_SETUP", 3,
	  .std_only = true, .handle = rig_tz_pas_mem_setup },
	{ RIG_SIP, RIG_SVC_PIL, RIG_PIL_AUTH_AND_RESET, "PAS_AUTH_AND_RESET", 1,
	  .std_only = true, .handle = rig_tz_pas_auth_and_reset },
	{ RIG_SIP, RIG_SVC_PIL, RIG_PIL_SHUTDOWN, "PAS_SHUTDOWN", 1,
	  .std_only = true, .handle = rig_tz_pas_shutdown },
	{ RIG_SIP, RIG_SVC_PIL, RIG_PIL_GET_RSCTABLE, "PAS_GET_RSCTABLE",
	  5 | RIG_SMC_A(1, RIG_SMC_RO) | RIG_SMC_A(3, RIG_SMC_RW), .std_only = true,
	  .available = rig_tz_rsc_available, .handle = rig_tz_pas_get_rsc_table },
	{ RIG_SIP, RIG_SVC_BOOT, RIG_BOOT_SET_REMOTE_STATE, "SET_REMOTE_STATE", 2,
	  .std_only = true, .handle = rig_tz_set_remote_state },
	{ RIG_SIP, RIG_SVC_MP, RIG_MP_VIDEO_VAR, "MP_VIDEO_VAR", 4,
	  .std_only = true, .handle = rig_tz_video_var },
	{ RIG_SIP, RIG_SVC_BOOT, RIG_BOOT_SDI_CONFIG, "BOOT_SDI_CONFIG", 2,
	  .handle = rig_tz_accept },
	{ RIG_SIP, RIG_SVC_BOOT, RIG_BOOT_SET_DLOAD_MODE, "BOOT_SET_DLOAD_MODE", 2,
	  .handle = rig_tz_accept },
};

const unsigned int rig_smc_nr_pas_handlers = ARRAY_SIZE(rig_smc_pas_handlers);
