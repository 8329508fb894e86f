// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fake TrustZone for the Qualcomm PAS test rig: the mapping policy.
 *
 * Whenever Linux owns the stream that fetches the image, TrustZone
 * authenticates only when (besides the SHM bridge over the carveout that
 * rig_tz_pas.c checks) what the processor will reach is in place, read
 * back from the live page tables of the stream's domain:
 *  - the whole carveout where and with the access the peripherals' table
 *    (rig_tz_peripherals.c) says;
 *  - without the resource-table call, every device-memory window the
 *    peripherals' table says the firmware reaches (the hardware's side,
 *    not the node's qcom,devmem), at its physical address, Device memory,
 *    no-exec, read, and write exactly where the firmware writes;
 *  - with the resource-table call, every device-memory entry of the table
 *    it has for the peripheral, at its device address, with its flags.
 * While a peripheral runs, TrustZone refuses an unmap of any of these and
 * reports the free of their domain.
 */

#include <linux/iommu.h>
#include <linux/of.h>
#include <linux/rsc_table.h>
#include <linux/slab.h>
#include <qcom_pas_rig/hw.h>
#include <qcom_pas_rig/smmu.h>

#include "rig_fakes.h"
#include "rig_tz.h"
#include "rig_tz_smc.h"

static void rig_tz_add_region(struct rig_tz_pas *pas, unsigned long iova,
			      size_t size, int window, bool rsc)
{
	if (WARN_ON(pas->nr_regions == RIG_TZ_MAX_REGIONS))
		return;

	pas->regions[pas->nr_regions++] = (struct rig_tz_region) {
		.iova = iova, .size = size, .window = window, .rsc = rsc,
	};
}

/*
 * The device-memory entries of the resource table TrustZone has for the
 * peripheral: the firmware reaches each at its device address, with exactly
 * the entry's IOMMU flags, whether or not Linux asked for the table.
 */
static int rig_tz_check_rsc(struct rig_tz_pas *pas, struct iommu_domain *domain)
{
	const struct resource_table *table = pas->rsc;
	const struct fw_rsc_devmem *d;
	const struct fw_rsc_hdr *hdr;
	char why[96];
	u32 i, off;

	/* No bytes at all: nothing to map */
	if (!pas->rsc_size)
		return 0;
	if (pas->rsc_size < sizeof(*table) ||
	    pas->rsc_size < struct_size(table, offset, table->num)) {
		rig_tz_violate("auth of PAS %u: malformed resource table accepted",
			       pas->pas_id);
		return -EINVAL;
	}

	for (i = 0; i < table->num; i++) {
		off = table->offset[i];
		if (off > pas->rsc_size || pas->rsc_size - off < sizeof(*hdr) + sizeof(*d)) {
			rig_tz_violate("auth of PAS %u: malformed resource %u accepted",
				       pas->pas_id, i);
			return -EINVAL;
		}
		hdr = pas->rsc + off;
		if (hdr->type != RSC_DEVMEM)
			continue;
		d = (const void *)hdr->data;
		if (rig_smmu_domain_check(domain, d->da, d->pa, d->len, d->flags, why,
					  sizeof(why))) {
			rig_tz_violate("auth of PAS %u: resource %u %#x->%#x+%#x: %s",
				       pas->pas_id, i, d->pa, d->da, d->len, why);
			return -EACCES;
		}
		rig_tz_add_region(pas, d->da, d->len, i, true);
	}

	return 0;
}

/* The device-memory windows the peripheral's firmware reaches */
static int rig_tz_check_windows(struct rig_tz_pas *pas,
				const struct rig_tz_periph *periph,
				struct iommu_domain *domain)
{
	int prot = IOMMU_READ | IOMMU_MMIO | IOMMU_NOEXEC;
	const struct rig_hw_window *w;
	char why[96];
	unsigned int i;

	for (i = 0; i < periph->num_windows; i++) {
		w = &periph->windows[i];
		if (!rig_smmu_domain_check(domain, w->pa, w->pa, w->size,
					   prot | (w->prot & IOMMU_WRITE), why,
					   sizeof(why))) {
			rig_tz_add_region(pas, w->pa, w->size, i, false);
			continue;
		}
		rig_tz_violate("auth of PAS %u: qcom,devmem window %u %pa+%#zx: %s",
			       pas->pas_id, i, &w->pa, w->size, why);
		return -EACCES;
	}

	return 0;
}

/*
 * The processor's fetches carry the stream IDs of the device's iommus
 * entries: exactly one stream match register must match each, or the
 * fetch faults (none) or the SMMU raises a stream match conflict (two).
 */
static int rig_tz_check_streams(struct rig_tz_pas *pas, struct device *dev)
{
	struct iommu_fwspec *fwspec = dev_iommu_fwspec_get(dev);
	unsigned int i, n;
	u16 sid;

	for (i = 0; fwspec && i < fwspec->num_ids; i++) {
		sid = fwspec->ids[i] & 0xffff;
		n = rig_smmu_stream_matches(sid);
		if (n != 1) {
			rig_tz_violate("auth of PAS %u: stream %#x of %s matched by %u SMRs: %s",
				       pas->pas_id, sid, dev_name(dev), n,
				       n ? "stream match conflict" : "its fetches fault");
			return -EACCES;
		}
	}

	return 0;
}

/**
 * rig_tz_check_mappings() - what the processor will reach, before it is
 *			     released from reset
 * @pas:	the peripheral being authenticated
 * @s:		where it runs: its carveout and the device of its stream
 * @image:	where TrustZone reads the image
 * @image_size:	its size
 *
 * Records the regions checked: they must stay mapped while it runs.
 *
 * Return: 0 if everything is in place, negative errno (and a violation)
 * otherwise.
 */
int rig_tz_check_mappings(struct rig_tz_pas *pas, const struct rig_tz_stream *s,
			  phys_addr_t image, size_t image_size)
{
	const struct rig_tz_periph *periph = rig_tz_periph(pas->pas_id);
	struct iommu_domain *domain;
	unsigned long da;
	char why[96];
	int ret;

	pas->nr_regions = 0;
	domain = rig_smmu_dev_paging_domain(s->dev);

	if (!periph) {
		rig_tz_violate("auth of PAS %u: not a peripheral this TrustZone knows",
			       pas->pas_id);
		return -EINVAL;
	}

	if (!domain) {
		rig_tz_violate("auth of PAS %u: %s has no paging domain",
			       pas->pas_id, dev_name(s->dev));
		return -EACCES;
	}

	ret = rig_tz_check_streams(pas, s->dev);
	if (ret)
		return ret;

	da = periph->identity ? s->mem : periph->da;
	if (rig_smmu_domain_check(domain, da, s->mem, s->size, periph->prot, why,
				  sizeof(why))) {
		rig_tz_violate("auth of PAS %u: carveout %pa+%#zx at %#lx: %s",
			       pas->pas_id, &s->mem, s->size, da, why);
		return -EACCES;
	}
	rig_tz_add_region(pas, da, s->size, -1, false);

	if (!rig_smc_gen_rsc_table()) {
		ret = rig_tz_check_windows(pas, periph, domain);
		if (ret)
			return ret;
	}

	if (rig_smc_gen_rsc_table() && pas->rsc) {
		ret = rig_tz_check_rsc(pas, domain);
		if (ret)
			return ret;
	}

	pas->domain = domain;

	return 0;
}

/**
 * rig_tz_check_unmap() - TrustZone's view of an IOMMU unmap
 * @domain:	domain the range is unmapped from
 * @iova:	first IOVA of the range
 * @size:	size of the range
 *
 * Called by the rig's SMMU before it unmaps: unmapping any part of what a
 * peripheral that has not been shut down uses (its carveout, its qcom,devmem
 * windows) is a violation, and is refused.
 *
 * Return: 0 if the unmap may go ahead, -EBUSY if it is refused.
 */
int rig_tz_check_unmap(struct iommu_domain *domain, unsigned long iova,
		       size_t size)
{
	char what[32];
	int i, ret = 0;
	unsigned int j;

	mutex_lock(&rig_tz.lock);
	for (i = 0; i < RIG_TZ_MAX_PAS; i++) {
		struct rig_tz_pas *pas = &rig_tz.pas[i];

		if (!pas->used || pas->state != RIG_TZ_RUNNING ||
		    pas->domain != domain)
			continue;

		for (j = 0; j < pas->nr_regions; j++) {
			const struct rig_tz_region *r = &pas->regions[j];

			if (iova >= r->iova + r->size || r->iova >= iova + size)
				continue;
			if (r->window < 0)
				strscpy(what, "the carveout");
			else if (r->rsc)
				snprintf(what, sizeof(what), "resource %d", r->window);
			else
				snprintf(what, sizeof(what), "qcom,devmem window %d", r->window);
			rig_tz_violate("unmap of %#lx+%#zx from %s of running PAS %u",
				       iova, size, what, pas->pas_id);
			ret = -EBUSY;
			break;
		}
	}
	mutex_unlock(&rig_tz.lock);

	return ret;
}

/**
 * rig_tz_check_domain_free() - TrustZone's view of a domain going away
 * @domain:	domain being freed
 *
 * Freeing the domain of a peripheral that has not been shut down is a
 * violation; TrustZone forgets the domain either way.
 */
void rig_tz_check_domain_free(struct iommu_domain *domain)
{
	int i;

	mutex_lock(&rig_tz.lock);
	for (i = 0; i < RIG_TZ_MAX_PAS; i++) {
		struct rig_tz_pas *pas = &rig_tz.pas[i];

		if (!pas->used || pas->domain != domain)
			continue;
		if (pas->state == RIG_TZ_RUNNING)
			rig_tz_violate("domain of running PAS %u freed", pas->pas_id);
		pas->domain = NULL;
		pas->nr_regions = 0;
	}
	mutex_unlock(&rig_tz.lock);
}
