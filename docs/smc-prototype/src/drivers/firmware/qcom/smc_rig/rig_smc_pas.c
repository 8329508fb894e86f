// SPDX-License-Identifier: GPL-2.0-only
/*
 * Prototype: the PAS calls, and the other calls qcom_scm makes, behind the
 * SMC decoder.
 *
 * The state machine here is a stand-in, small on purpose, for the rig's
 * rig_tz.c: per PAS id idle -> init_image -> (mem_setup) -> auth -> running
 * -> shutdown. What it adds is what only the SMC level can see: the
 * metadata is read from the physical address init_image is given (inside a
 * bridge once bridging is on), is relied upon until the authentication (its
 * checksum must not change, and it must still be bridged), and the carveout
 * must be under a bridge of exactly its size at the authentication.
 *
 * Refusals of the PAS service are returned as TrustZone returns them: x0 =
 * 0 and the service's status in x1, which qcom_scm's wrappers hand to their
 * callers as a positive number ("ret ? : res.result[0]").
 */

#define pr_fmt(fmt) "rig_smc: " fmt

#include <linux/crc32.h>
#include <linux/elf.h>
#include <linux/mutex.h>
#include <linux/remoteproc.h>
#include <linux/sizes.h>
#include <linux/soc/qcom/mdt_loader.h>

#include "rig_smc.h"

#define RIG_SMC_MAX_PAS		8
#define RIG_SMC_VIDEO_PAS_ID	9

/* PAS service statuses in x1 (TrustZone's own values are not public) */
#define RIG_PAS_E_UNKNOWN	1	/* not a peripheral of this SoC */
#define RIG_PAS_E_STATE		2	/* call out of order */
#define RIG_PAS_E_METADATA	3	/* metadata rejected or changed */
#define RIG_PAS_E_IMAGE		4	/* image not readable by TrustZone */

enum rig_smc_pas_state {
	RIG_PAS_IDLE,
	RIG_PAS_INIT,
	RIG_PAS_SETUP,
	RIG_PAS_RUNNING,
};

struct rig_smc_pas {
	bool used;
	u32 id;
	/* The peripheral's carveout, and whether Linux owns its stream */
	phys_addr_t mem;
	size_t mem_size;
	bool linux_stream;

	enum rig_smc_pas_state state;
	phys_addr_t mdata_pa;
	size_t mdata_len;
	u32 mdata_crc;
	phys_addr_t setup_pa;
	size_t setup_size;

	unsigned int refuse_shutdown;
	u64 refuse_status;
};

/* Yielding calls only: under rig_smc_std_lock; test setters take this too */
static DEFINE_MUTEX(rig_smc_pas_lock);
static struct rig_smc_pas rig_smc_pas[RIG_SMC_MAX_PAS];
static size_t rig_smc_rsc_size = sizeof(struct resource_table);

static struct rig_smc_pas *rig_smc_pas_find(u32 id)
{
	unsigned int i;

	for (i = 0; i < RIG_SMC_MAX_PAS; i++)
		if (rig_smc_pas[i].used && rig_smc_pas[i].id == id)
			return &rig_smc_pas[i];

	return NULL;
}

/* Must this peripheral's buffers be bridged? (Linux owns its stream) */
static bool rig_smc_pas_bridged(const struct rig_smc_pas *pas)
{
	return pas->linux_stream && rig_smc_bridging();
}

static void rig_smc_pas_refuse(struct rig_smc_call *c, u64 status,
			       const char *fmt, ...)
{
	char why[160];
	va_list args;

	va_start(args, fmt);
	vsnprintf(why, sizeof(why), fmt, args);
	va_end(args);

	rig_smc_fail(c, RIG_SMC_OK, "%s", why);
	c->res[0] = status;
}

/*
 * The metadata as qcom_mdt_read_metadata() lays it out: the ELF header and
 * program headers (the first program header's bytes), then the hash
 * segment. TrustZone works out its length from the headers.
 */
static size_t rig_smc_mdata_len(phys_addr_t pa)
{
	const struct elf32_hdr *ehdr = rig_smc_phys(pa, sizeof(*ehdr));
	const struct elf32_phdr *phdrs;
	size_t hdr_len, len;
	unsigned int i;

	if (!ehdr || memcmp(ehdr->e_ident, ELFMAG, SELFMAG) ||
	    ehdr->e_phentsize != sizeof(*phdrs) || !ehdr->e_phnum)
		return 0;
	hdr_len = ehdr->e_phoff + ehdr->e_phnum * sizeof(*phdrs);
	phdrs = rig_smc_phys(pa + ehdr->e_phoff, ehdr->e_phnum * sizeof(*phdrs));
	if (!phdrs || phdrs[0].p_filesz < hdr_len)
		return 0;

	len = phdrs[0].p_filesz;
	for (i = 1; i < ehdr->e_phnum; i++)
		if ((phdrs[i].p_flags & QCOM_MDT_TYPE_MASK) == QCOM_MDT_TYPE_HASH)
			return len + phdrs[i].p_filesz;

	return 0;
}

static void rig_smc_pas_supported(struct rig_smc_call *c)
{
	guard(mutex)(&rig_smc_pas_lock);
	c->a0 = RIG_SMC_OK;
	c->res[0] = !!rig_smc_pas_find(c->args[0]);
}

static void rig_smc_pas_init_image(struct rig_smc_call *c)
{
	phys_addr_t pa = c->args[1];
	struct rig_smc_pas *pas;
	size_t len;
	void *buf;

	guard(mutex)(&rig_smc_pas_lock);
	pas = rig_smc_pas_find(c->args[0]);
	if (!pas)
		return rig_smc_pas_refuse(c, RIG_PAS_E_UNKNOWN, "PAS %llu unknown", c->args[0]);
	if (pas->state == RIG_PAS_RUNNING)
		return rig_smc_pas_refuse(c, RIG_PAS_E_STATE, "PAS %u runs", pas->id);

	len = rig_smc_mdata_len(pa);
	if (!len)
		return rig_smc_pas_refuse(c, RIG_PAS_E_METADATA,
					  "argument 1: no metadata at %pa", &pa);
	if (rig_smc_pas_bridged(pas) && !rig_smc_bridged(pa, len, NULL))
		return rig_smc_fail(c, RIG_SMC_EINVAL_ADDR,
				    "argument 1: metadata %pa+%#zx not inside an SHM bridge",
				    &pa, len);
	buf = rig_smc_phys(pa, len);
	if (!buf)
		return rig_smc_fail(c, RIG_SMC_EINVAL_ADDR,
				    "argument 1: metadata %pa+%#zx not readable", &pa, len);

	pas->mdata_pa = pa;
	pas->mdata_len = len;
	pas->mdata_crc = crc32_le(~0, buf, len);
	pas->setup_pa = 0;
	pas->setup_size = 0;
	pas->state = RIG_PAS_INIT;
	c->a0 = RIG_SMC_OK;
	c->res[0] = 0;
}

static void rig_smc_pas_mem_setup(struct rig_smc_call *c)
{
	struct rig_smc_pas *pas;

	guard(mutex)(&rig_smc_pas_lock);
	pas = rig_smc_pas_find(c->args[0]);
	if (!pas || pas->state != RIG_PAS_INIT)
		return rig_smc_pas_refuse(c, RIG_PAS_E_STATE,
					  "PAS %llu: mem_setup without init_image", c->args[0]);

	pas->setup_pa = c->args[1];
	pas->setup_size = c->args[2];
	pas->state = RIG_PAS_SETUP;
	c->a0 = RIG_SMC_OK;
	c->res[0] = 0;
}

/*
 * Where the rig's own checks plug in: rig_tz_auth() (hashes, live page
 * tables, qcom,devmem) would run here, with the peripheral found from the
 * PAS id rather than from a context TrustZone never sees.
 */
static void rig_smc_pas_auth(struct rig_smc_call *c)
{
	struct rig_smc_pas *pas;
	phys_addr_t image;
	size_t size;
	void *buf;

	guard(mutex)(&rig_smc_pas_lock);
	pas = rig_smc_pas_find(c->args[0]);
	if (!pas || (pas->state != RIG_PAS_INIT && pas->state != RIG_PAS_SETUP))
		return rig_smc_pas_refuse(c, RIG_PAS_E_STATE,
					  "auth of PAS %llu without init_image", c->args[0]);

	/* TrustZone relies on the metadata buffer until now */
	if (rig_smc_pas_bridged(pas) &&
	    !rig_smc_bridged(pas->mdata_pa, pas->mdata_len, NULL))
		return rig_smc_pas_refuse(c, RIG_PAS_E_METADATA,
					  "auth of PAS %u: metadata %pa+%#zx no longer bridged",
					  pas->id, &pas->mdata_pa, pas->mdata_len);
	buf = rig_smc_phys(pas->mdata_pa, pas->mdata_len);
	if (!buf || crc32_le(~0, buf, pas->mdata_len) != pas->mdata_crc)
		return rig_smc_pas_refuse(c, RIG_PAS_E_METADATA,
					  "auth of PAS %u: metadata %pa+%#zx changed since init_image",
					  pas->id, &pas->mdata_pa, pas->mdata_len);

	/* TrustZone reads the image: under a bridge over exactly the carveout */
	image = pas->setup_size ? pas->setup_pa : pas->mem;
	size = pas->setup_size ?: pas->mem_size;
	if (rig_smc_pas_bridged(pas)) {
		if (!rig_smc_bridge_exactly(pas->mem, pas->mem_size))
			return rig_smc_pas_refuse(c, RIG_PAS_E_IMAGE,
						  "auth of PAS %u: no SHM bridge over exactly the carveout %pa+%#zx",
						  pas->id, &pas->mem, pas->mem_size);
		if (!rig_smc_bridged(image, size, NULL))
			return rig_smc_pas_refuse(c, RIG_PAS_E_IMAGE,
						  "auth of PAS %u: image %pa+%#zx outside the SHM bridge",
						  pas->id, &image, size);
	}

	pas->state = RIG_PAS_RUNNING;
	c->a0 = RIG_SMC_OK;
	c->res[0] = 0;
}

static void rig_smc_pas_shutdown(struct rig_smc_call *c)
{
	struct rig_smc_pas *pas;

	guard(mutex)(&rig_smc_pas_lock);
	c->a0 = RIG_SMC_OK;
	c->res[0] = 0;
	pas = rig_smc_pas_find(c->args[0]);
	if (!pas)
		return rig_smc_pas_refuse(c, RIG_PAS_E_UNKNOWN, "PAS %llu unknown", c->args[0]);
	if (pas->refuse_shutdown) {
		/* Not a violation: TrustZone may refuse */
		pas->refuse_shutdown--;
		c->res[0] = pas->refuse_status;
		return;
	}
	pas->state = RIG_PAS_IDLE;
}

/*
 * GET_RSCTABLE (PIL 0x21): pas_id, input table (RO) and its size, output
 * buffer (RW) and its size: five arguments, so x5 points to the
 * extra-arguments buffer. A table larger than the output buffer is
 * refused with x2 = RSCTABLE_BUFFER_NOT_SUFFICIENT and x3 = the size
 * needed, which qcom_scm retries with; x3 is the table's size otherwise.
 */
static bool rig_smc_rsc_available(void)
{
	return rig_smc_gen == RIG_SMC_GEN_RSCTABLE;
}

static void rig_smc_pas_get_rsc_table(struct rig_smc_call *c)
{
	phys_addr_t in = c->args[1], out = c->args[3];
	size_t in_size = c->args[2], out_size = c->args[4];
	size_t size = READ_ONCE(rig_smc_rsc_size);
	struct resource_table *table;
	struct rig_smc_pas *pas;

	guard(mutex)(&rig_smc_pas_lock);
	pas = rig_smc_pas_find(c->args[0]);
	if (!pas)
		return rig_smc_pas_refuse(c, RIG_PAS_E_UNKNOWN, "PAS %llu unknown", c->args[0]);
	if (!rig_smc_buf_ok(c, 1, in, in_size) || !rig_smc_buf_ok(c, 3, out, out_size))
		return;
	if (in_size < sizeof(*table))
		return rig_smc_fail(c, RIG_SMC_EINVAL_ARG, "argument 2: input table of %zu bytes",
				    in_size);

	c->res[2] = size;
	if (size > out_size) {
		/* Not a violation: the caller retries with the size given */
		c->a0 = RIG_SMC_ERROR;
		c->res[1] = RIG_RSCTABLE_BUFFER_NOT_SUFFICIENT;
		return;
	}
	table = rig_smc_phys(out, out_size);
	if (!table)
		return rig_smc_fail(c, RIG_SMC_EINVAL_ADDR, "argument 3 not writable");
	memset(table, 0, size);
	if (size >= sizeof(*table))
		table->ver = 1;
	c->a0 = RIG_SMC_OK;
	c->res[0] = 0;
}

static void rig_smc_set_remote_state(struct rig_smc_call *c)
{
	c->a0 = RIG_SMC_OK;
	c->res[0] = 0;
}

/* Content protection: after the video firmware runs (iris, venus) */
static void rig_smc_video_var(struct rig_smc_call *c)
{
	struct rig_smc_pas *pas;

	guard(mutex)(&rig_smc_pas_lock);
	pas = rig_smc_pas_find(RIG_SMC_VIDEO_PAS_ID);
	if (!pas || pas->state != RIG_PAS_RUNNING)
		return rig_smc_pas_refuse(c, RIG_PAS_E_STATE,
					  "content protection before video runs: %#llx+%#llx, non-pixel %#llx+%#llx",
					  c->args[0], c->args[1], c->args[2], c->args[3]);
	c->a0 = RIG_SMC_OK;
	c->res[0] = 0;
}

/* Calls qcom_scm's probe makes that QEMU has nothing behind: accepted */
static void rig_smc_accept(struct rig_smc_call *c)
{
	c->a0 = RIG_SMC_OK;
	c->res[0] = 0;
}

#define RIG_A(i, t)		((t) << (4 + 2 * (i)))

const struct rig_smc_handler rig_smc_pas_handlers[] = {
	{ ARM_SMCCC_OWNER_SIP, RIG_SVC_PIL, RIG_PIL_IS_SUPPORTED, "PAS_IS_SUPPORTED",
	  1, .std_only = true, .handle = rig_smc_pas_supported },
	{ ARM_SMCCC_OWNER_SIP, RIG_SVC_PIL, RIG_PIL_INIT_IMAGE, "PAS_INIT_IMAGE",
	  2 | RIG_A(1, RIG_SMC_RW), .std_only = true, .handle = rig_smc_pas_init_image },
	{ ARM_SMCCC_OWNER_SIP, RIG_SVC_PIL, RIG_PIL_MEM_SETUP, "PAS_MEM_SETUP",
	  3, .std_only = true, .handle = rig_smc_pas_mem_setup },
	{ ARM_SMCCC_OWNER_SIP, RIG_SVC_PIL, RIG_PIL_AUTH_AND_RESET, "PAS_AUTH_AND_RESET",
	  1, .std_only = true, .handle = rig_smc_pas_auth },
	{ ARM_SMCCC_OWNER_SIP, RIG_SVC_PIL, RIG_PIL_SHUTDOWN, "PAS_SHUTDOWN",
	  1, .std_only = true, .handle = rig_smc_pas_shutdown },
	{ ARM_SMCCC_OWNER_SIP, RIG_SVC_PIL, RIG_PIL_GET_RSCTABLE, "PAS_GET_RSCTABLE",
	  5 | RIG_A(1, RIG_SMC_RO) | RIG_A(3, RIG_SMC_RW), .std_only = true,
	  .available = rig_smc_rsc_available, .handle = rig_smc_pas_get_rsc_table },
	{ ARM_SMCCC_OWNER_SIP, RIG_SVC_BOOT, RIG_BOOT_SET_REMOTE_STATE, "SET_REMOTE_STATE",
	  2, .std_only = true, .handle = rig_smc_set_remote_state },
	{ ARM_SMCCC_OWNER_SIP, RIG_SVC_MP, RIG_MP_VIDEO_VAR, "MP_VIDEO_VAR",
	  4, .std_only = true, .handle = rig_smc_video_var },
	{ ARM_SMCCC_OWNER_SIP, RIG_SVC_BOOT, RIG_BOOT_SDI_CONFIG, "BOOT_SDI_CONFIG",
	  2, .handle = rig_smc_accept },
	{ ARM_SMCCC_OWNER_SIP, RIG_SVC_BOOT, RIG_BOOT_SET_DLOAD_MODE, "BOOT_SET_DLOAD_MODE",
	  2, .handle = rig_smc_accept },
};
const unsigned int rig_smc_nr_pas_handlers = ARRAY_SIZE(rig_smc_pas_handlers);

/**
 * rig_smc_pas_add() - declare a peripheral of this TrustZone
 * @pas_id:	PAS id
 * @mem:	its carveout
 * @size:	carveout size
 * @linux_stream: Linux owns its stream: buffers and carveout must be bridged
 */
int rig_smc_pas_add(u32 pas_id, phys_addr_t mem, size_t size, bool linux_stream)
{
	struct rig_smc_pas *pas;
	unsigned int i;

	guard(mutex)(&rig_smc_pas_lock);
	pas = rig_smc_pas_find(pas_id);
	for (i = 0; !pas && i < RIG_SMC_MAX_PAS; i++)
		if (!rig_smc_pas[i].used)
			pas = &rig_smc_pas[i];
	if (!pas)
		return -ENOSPC;

	*pas = (struct rig_smc_pas) {
		.used = true, .id = pas_id, .mem = mem, .mem_size = size,
		.linux_stream = linux_stream,
	};

	return 0;
}

void rig_smc_pas_forget(u32 pas_id)
{
	struct rig_smc_pas *pas;

	guard(mutex)(&rig_smc_pas_lock);
	pas = rig_smc_pas_find(pas_id);
	if (pas)
		pas->used = false;
}

void rig_smc_pas_set_rsc_size(size_t size)
{
	WRITE_ONCE(rig_smc_rsc_size, size);
}

void rig_smc_pas_refuse_shutdown(u32 pas_id, unsigned int times, u64 status)
{
	struct rig_smc_pas *pas;

	guard(mutex)(&rig_smc_pas_lock);
	pas = rig_smc_pas_find(pas_id);
	if (pas) {
		pas->refuse_shutdown = times;
		pas->refuse_status = status;
	}
}

bool rig_smc_pas_running(u32 pas_id)
{
	struct rig_smc_pas *pas;

	guard(mutex)(&rig_smc_pas_lock);
	pas = rig_smc_pas_find(pas_id);

	return pas && pas->state == RIG_PAS_RUNNING;
}
