// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fake TrustZone Peripheral Authentication Service for the Qualcomm PAS
 * test rig: the state machine.
 *
 * Per PAS id it keeps the state TrustZone keeps and refuses what TrustZone
 * refuses: init_image before mem_setup (required for a relocatable image)
 * before authentication; authentication only when every loaded segment
 * matches its SHA-384 digest in the metadata's hash table (rig_tz_image.c)
 * and, whenever Linux owns the stream of the context's device (it is a
 * client of the rig's SMMU), only when what the processor will reach is in
 * place in the page tables of the device's domain (rig_tz_mappings.c).
 * Calls that break these rules are logged as violations (naming the region
 * and the bit), which the suites require to stay at zero.
 *
 * The SHM bridge of the SCM backend's prepare-and-auth-reset is modelled
 * as v7.3's __qcom_scm_pas_prepare_and_auth_reset() has it: created over
 * the carveout when the context asks for TrustZone memory (use_tzmem),
 * just before the authentication call, and deleted right after it, whatever
 * its result. The SCM backend's own code (qcom_tzmem_shm_bridge_create(),
 * the SCM calls) does not run in the rig.
 *
 * The fake can fail any call on request, and can act as a TrustZone with
 * or without the resource-table call (without, the default, as the older
 * TrustZone builds the series is for).
 */

#include <linux/firmware/qcom/qcom_pas.h>
#include <linux/rsc_table.h>
#include <linux/slab.h>
#include <qcom_pas_rig/smmu.h>

#include "rig_fakes.h"
#include "rig_tz.h"

struct rig_tz rig_tz = {
	.lock = __MUTEX_INITIALIZER(rig_tz.lock),
};

/**
 * rig_tz_violate() - count and log a call that breaks TrustZone's rules
 * @fmt:	what was wrong, naming the peripheral, the region and the bit
 */
void rig_tz_violate(const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	vsnprintf(rig_tz.violation, sizeof(rig_tz.violation), fmt, args);
	va_end(args);

	rig_tz.cnt.violations++;
	dev_err(rig_tz.dev, "violation: %s\n", rig_tz.violation);
}

/**
 * rig_tz_call() - count a call into TrustZone
 *
 * Return: the error to fail the call with when it is the one
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

/* TrustZone forgets the image: back to idle, bridge deleted */
static void rig_tz_reset(struct rig_tz_pas *pas)
{
	kfree(pas->mdata);
	pas->mdata = NULL;
	pas->table = NULL;
	pas->domain = NULL;
	pas->nr_regions = 0;
	pas->bridge = false;
	pas->state = RIG_TZ_IDLE;
}

bool rig_tz_supported(struct device *dev, u32 pas_id)
{
	return true;
}

int rig_tz_init_image(struct device *dev, u32 pas_id, const void *metadata,
		      size_t size, struct qcom_pas_context *ctx)
{
	struct rig_tz_pas *pas;
	void *buf = NULL;
	int ret;

	mutex_lock(&rig_tz.lock);
	rig_tz.cnt.init_image++;
	ret = rig_tz_call();
	if (ret)
		goto out;

	pas = rig_tz_find(pas_id, true);
	if (!pas) {
		ret = -ENOSPC;
		goto out;
	}

	if (pas->state == RIG_TZ_RUNNING) {
		rig_tz_violate("init_image of PAS %u while it runs", pas_id);
		ret = -EBUSY;
		goto out;
	}

	if (ctx && ctx->ptr)
		rig_tz_violate("init_image of PAS %u with earlier metadata still held",
			       pas_id);

	/* A new image replaces whatever was set up before */
	rig_tz_reset(pas);
	pas->linux_stream = ctx && rig_smmu_owns_stream(ctx->dev);

	pas->mdata = kmemdup(metadata, size, GFP_KERNEL);
	buf = ctx ? kmemdup(metadata, size, GFP_KERNEL) : NULL;
	if (!pas->mdata || (ctx && !buf)) {
		kfree(buf);
		rig_tz_reset(pas);
		ret = -ENOMEM;
		goto out;
	}
	pas->mdata_len = size;

	ret = rig_tz_parse_metadata(pas);
	if (ret) {
		dev_err(dev, "PAS %u: metadata rejected\n", pas_id);
		kfree(buf);
		rig_tz_reset(pas);
		goto out;
	}

	/* The caller keeps the buffer TrustZone uses until metadata_release */
	if (ctx) {
		ctx->ptr = buf;
		ctx->size = size;
		rig_tz.mdata_held++;
	}
	pas->state = RIG_TZ_INIT;
out:
	mutex_unlock(&rig_tz.lock);

	return ret;
}

void rig_tz_metadata_release(struct device *dev, struct qcom_pas_context *ctx)
{
	mutex_lock(&rig_tz.lock);
	rig_tz.cnt.metadata_release++;
	kfree(ctx->ptr);
	ctx->ptr = NULL;
	ctx->size = 0;
	rig_tz.mdata_held--;
	mutex_unlock(&rig_tz.lock);
}

int rig_tz_mem_setup(struct device *dev, u32 pas_id, phys_addr_t addr,
		     phys_addr_t size)
{
	struct rig_tz_pas *pas;
	int ret;

	mutex_lock(&rig_tz.lock);
	rig_tz.cnt.mem_setup++;
	ret = rig_tz_call();
	if (ret)
		goto out;

	pas = rig_tz_find(pas_id, false);
	if (!pas || pas->state != RIG_TZ_INIT) {
		rig_tz_violate("mem_setup of PAS %u without init_image", pas_id);
		ret = -EINVAL;
		goto out;
	}

	if (size < pas->span) {
		rig_tz_violate("mem_setup of PAS %u: %#llx bytes for an image of %#zx",
			       pas_id, (u64)size, pas->span);
		ret = -EINVAL;
		goto out;
	}

	pas->setup_addr = addr;
	pas->setup_size = size;
	pas->state = RIG_TZ_SETUP;
out:
	mutex_unlock(&rig_tz.lock);

	return ret;
}

void *rig_tz_get_rsc_table(struct device *dev, struct qcom_pas_context *ctx,
			   void *input_rt, size_t input_rt_size,
			   size_t *output_rt_size)
{
	struct resource_table *table;
	struct rig_tz_pas *pas;
	int ret;

	mutex_lock(&rig_tz.lock);
	rig_tz.cnt.get_rsc_table++;
	ret = rig_tz_call();
	if (!ret && !rig_tz.rsc_table) {
		rig_tz_violate("get_rsc_table of PAS %u on a TrustZone without the call",
			       ctx->pas_id);
		ret = -EOPNOTSUPP;
	}
	pas = ret ? NULL : rig_tz_find(ctx->pas_id, false);
	/* As v7.3's SCM backend copies it: kmemdup(), ZERO_SIZE_PTR for none */
	if (pas && pas->rsc) {
		table = kmemdup(pas->rsc, pas->rsc_size, GFP_KERNEL);
		*output_rt_size = pas->rsc_size;
		mutex_unlock(&rig_tz.lock);
		return table ?: ERR_PTR(-ENOMEM);
	}
	mutex_unlock(&rig_tz.lock);
	if (ret)
		return ERR_PTR(ret);

	/* No dynamic resources: an empty table */
	table = kzalloc_obj(*table);
	if (!table)
		return ERR_PTR(-ENOMEM);

	table->ver = 1;
	*output_rt_size = sizeof(*table);

	return table;
}

bool rig_tz_rsc_table_available(struct device *dev)
{
	bool available;

	mutex_lock(&rig_tz.lock);
	available = rig_tz.rsc_table;
	mutex_unlock(&rig_tz.lock);

	return available;
}

static int rig_tz_auth(u32 pas_id, struct qcom_pas_context *ctx)
{
	struct rig_tz_pas *pas;
	phys_addr_t base;
	size_t size;
	int ret;

	pas = rig_tz_find(pas_id, false);
	if (!pas || (pas->state != RIG_TZ_INIT && pas->state != RIG_TZ_SETUP)) {
		rig_tz_violate("auth of PAS %u without init_image", pas_id);
		return -EINVAL;
	}

	if (pas->relocatable && pas->state != RIG_TZ_SETUP) {
		rig_tz_violate("auth of relocatable PAS %u without mem_setup", pas_id);
		return -EINVAL;
	}

	/* What TrustZone authenticates: its own view, not the caller's */
	if (pas->relocatable) {
		base = pas->setup_addr;
		size = pas->setup_size;
	} else {
		base = pas->min_addr;
		size = pas->span;
	}

	if (ctx ? rig_smmu_owns_stream(ctx->dev) : pas->linux_stream) {
		if (!ctx) {
			rig_tz_violate("auth of PAS %u without its context, on a stream Linux owns",
				       pas_id);
			return -EACCES;
		}
		ret = rig_tz_check_mappings(pas, ctx, base, size);
		if (ret)
			return ret;
	}

	ret = rig_tz_check_hashes(pas, base, size);
	if (ret)
		return ret;

	pas->last = (struct rig_tz_auth) {
		.pa = ctx ? ctx->mem_phys : base,
		.size = ctx ? ctx->mem_size : size,
		.image_pa = base,
		.image_size = size,
		.bridge_pa = pas->bridge ? pas->bridge_pa : 0,
		.bridge_size = pas->bridge ? pas->bridge_size : 0,
		.mapped = !!pas->domain,
		.regions = pas->nr_regions,
	};
	pas->state = RIG_TZ_RUNNING;
	rig_tz.cnt.auth_ok++;

	return 0;
}

int rig_tz_auth_and_reset(struct device *dev, u32 pas_id)
{
	int ret;

	mutex_lock(&rig_tz.lock);
	rig_tz.cnt.auth++;
	ret = rig_tz_call();
	if (!ret)
		ret = rig_tz_auth(pas_id, NULL);
	mutex_unlock(&rig_tz.lock);

	if (!ret)
		rig_smp2p_booted(pas_id);

	return ret;
}

static bool rig_tz_bridge_overlaps(phys_addr_t pa, size_t size)
{
	int i;

	for (i = 0; i < RIG_TZ_MAX_PAS; i++) {
		struct rig_tz_pas *p = &rig_tz.pas[i];

		if (p->used && p->bridge && pa < p->bridge_pa + p->bridge_size &&
		    p->bridge_pa < pa + size)
			return true;
	}

	return false;
}

int rig_tz_prepare_and_auth_reset(struct device *dev,
				  struct qcom_pas_context *ctx)
{
	struct rig_tz_pas *pas;
	int ret;

	mutex_lock(&rig_tz.lock);
	rig_tz.cnt.auth++;
	ret = rig_tz_call();
	if (ret)
		goto out;

	pas = rig_tz_find(ctx->pas_id, false);
	if (!ctx->use_tzmem || !pas) {
		ret = rig_tz_auth(ctx->pas_id, ctx);
		goto out;
	}

	/* v7.3's SCM backend: a bridge over the carveout around the call */
	if (rig_tz_bridge_overlaps(ctx->mem_phys, ctx->mem_size)) {
		rig_tz_violate("PAS %u: SHM bridge over %pa+%#zx already exists",
			       ctx->pas_id, &ctx->mem_phys, ctx->mem_size);
		ret = -EEXIST;
		goto out;
	}
	pas->bridge = true;
	pas->bridge_pa = ctx->mem_phys;
	pas->bridge_size = ctx->mem_size;
	rig_tz.cnt.bridges_created++;

	ret = rig_tz_auth(ctx->pas_id, ctx);

	pas->bridge = false;
out:
	mutex_unlock(&rig_tz.lock);

	if (!ret)
		rig_smp2p_booted(ctx->pas_id);

	return ret;
}

int rig_tz_set_remote_state(struct device *dev, u32 state, u32 pas_id)
{
	int ret;

	mutex_lock(&rig_tz.lock);
	ret = rig_tz_call();
	mutex_unlock(&rig_tz.lock);

	return ret;
}

int rig_tz_shutdown(struct device *dev, u32 pas_id)
{
	struct rig_tz_pas *pas;
	int ret;

	mutex_lock(&rig_tz.lock);
	rig_tz.cnt.shutdown++;
	ret = rig_tz_call();
	if (ret)
		goto out;

	/* Shutting down an idle peripheral is harmless */
	pas = rig_tz_find(pas_id, false);
	if (pas && pas->refuse_shutdown) {
		pas->refuse_shutdown--;
		rig_tz.cnt.shutdown_refused++;
		ret = pas->refuse_err;
		goto out;
	}
	if (pas)
		rig_tz_reset(pas);
out:
	mutex_unlock(&rig_tz.lock);

	if (!ret)
		rig_smp2p_shut_down(pas_id);

	return ret;
}
