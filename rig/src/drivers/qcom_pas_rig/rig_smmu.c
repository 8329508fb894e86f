// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fake SMMU for the Qualcomm PAS test rig.
 *
 * An IOMMU driver for the "qcom-pas-rig,smmu" node: stream IDs come from
 * "iommus" (<SID mask>, as on arm-smmu) through of_xlate and are matched
 * and grouped as arm-smmu matches them (rig_smmu_smr.c), default domains
 * are identity (client DMA stays direct, as with a bypassed stream), a
 * blocked stream faults, and paging domains use the kernel's ARM LPAE
 * stage-1 page tables, so page sizes, alignment and partial failures
 * behave as on arm-smmu. Nothing is translated for real; what a client
 * may reach is read back from the live page tables (rig_smmu_walk.c). The
 * rig records what was mapped (rig_smmu_maps.c) to find a physical address
 * again, to count bytes and to hold the IOMMU core's contracts (no map over
 * a mapping, no unmap of what was never mapped, no free of an attached
 * domain), counts the calls, can fail the Nth map_pages() call, and asks
 * the fake TrustZone before it unmaps or frees what a running peripheral
 * uses.
 */

#include <linux/io-pgtable.h>
#include <linux/iommu.h>
#include <linux/list.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/sizes.h>
#include <linux/spinlock.h>
#include <qcom_pas_rig/smmu.h>

#include "rig_fakes.h"
#include "rig_smmu.h"

#define RIG_SMMU_IAS	48

struct rig_smmu {
	struct iommu_device iommu;
	struct device *dev;
};

static DEFINE_SPINLOCK(rig_smmu_lock);
static LIST_HEAD(rig_smmu_domains);
static struct rig_smmu_counters rig_smmu_cnt;
static unsigned int rig_smmu_fail_nth;
static struct rig_smmu *rig_smmu_instance;

static const struct iommu_ops rig_smmu_ops;
static const struct iommu_domain_ops rig_smmu_domain_ops;

/**
 * rig_smmu_is_rig_domain() - tell whether a domain is a rig paging domain
 * @domain:	IOMMU domain, may be NULL
 *
 * Return: true for a paging domain of the rig's SMMU.
 */
bool rig_smmu_is_rig_domain(struct iommu_domain *domain)
{
	return domain && domain->ops == &rig_smmu_domain_ops;
}

/**
 * rig_smmu_leaf() - the counter slot of a leaf size
 * @pgsize:	a page size of the rig's SMMU
 *
 * Return: its &enum rig_leaf.
 */
enum rig_leaf rig_smmu_leaf(size_t pgsize)
{
	switch (pgsize) {
	case SZ_1G:
		return RIG_LEAF_1G;
	case SZ_2M:
		return RIG_LEAF_2M;
	default:
		return RIG_LEAF_4K;
	}
}

static struct iommu_domain *rig_smmu_domain_alloc_paging(struct device *dev)
{
	struct io_pgtable_cfg cfg = {
		.pgsize_bitmap	= RIG_SMMU_PGSIZES,
		.ias		= RIG_SMMU_IAS,
		.oas		= RIG_SMMU_IAS,
		.coherent_walk	= true,
		/* No TLB to invalidate: nothing is translated for real */
		.iommu_dev	= rig_smmu_instance->dev,
	};
	struct rig_smmu_domain *rd;

	rd = kzalloc_obj(*rd);
	if (!rd)
		return ERR_PTR(-ENOMEM);

	rd->pgtbl = alloc_io_pgtable_ops(ARM_64_LPAE_S1, &cfg, rd);
	if (!rd->pgtbl) {
		kfree(rd);
		return ERR_PTR(-ENOMEM);
	}

	INIT_LIST_HEAD(&rd->maps);
	rd->domain.ops = &rig_smmu_domain_ops;
	rd->domain.pgsize_bitmap = cfg.pgsize_bitmap;
	rd->domain.geometry.aperture_end = (1ULL << cfg.ias) - 1;
	rd->domain.geometry.force_aperture = true;

	spin_lock(&rig_smmu_lock);
	list_add_tail(&rd->node, &rig_smmu_domains);
	rig_smmu_cnt.domains++;
	spin_unlock(&rig_smmu_lock);

	return &rd->domain;
}

/*
 * What the IOMMU core forbids and an IOMMU driver cannot tell its caller
 * (io-pgtable only warns, or frees under the hardware): counted and named,
 * and every case fails on the count.
 */
static void rig_smmu_misuse(const char *fmt, ...)
{
	struct va_format vaf;
	va_list args;

	va_start(args, fmt);
	vaf.fmt = fmt;
	vaf.va = &args;
	dev_err(rig_smmu_instance->dev, "IOMMU API misuse: %pV\n", &vaf);
	va_end(args);

	spin_lock(&rig_smmu_lock);
	rig_smmu_cnt.misuse++;
	spin_unlock(&rig_smmu_lock);
}

static void rig_smmu_domain_free(struct iommu_domain *domain)
{
	struct rig_smmu_domain *rd = to_rig_domain(domain);
	struct rig_smmu_map *map, *tmp;
	size_t left = 0;

	/* The stream would keep translating through freed page tables */
	if (rd->attached)
		rig_smmu_misuse("domain freed while %s is attached to it",
				dev_name(rd->dev));

	spin_lock(&rig_smmu_lock);
	list_del(&rd->node);
	list_for_each_entry_safe(map, tmp, &rd->maps, node) {
		left += map->size;
		list_del(&map->node);
		kfree(map);
	}
	rig_smmu_cnt.domains_freed++;
	if (left) {
		rig_smmu_cnt.leaked_domains++;
		rig_smmu_cnt.leaked_bytes += left;
	}
	spin_unlock(&rig_smmu_lock);

	if (left)
		dev_err(rig_smmu_instance->dev, "domain of %s freed with %#zx bytes mapped\n",
			rd->dev ? dev_name(rd->dev) : "no device", left);

	rig_tz_check_domain_free(domain);

	free_io_pgtable_ops(rd->pgtbl);
	kfree(rd);
}

/* A device leaves @old for another domain: @old is no longer attached */
static void rig_smmu_leave(struct iommu_domain *old)
{
	if (!rig_smmu_is_rig_domain(old))
		return;

	spin_lock(&rig_smmu_lock);
	to_rig_domain(old)->attached = false;
	spin_unlock(&rig_smmu_lock);
}

static int rig_smmu_attach_dev(struct iommu_domain *domain, struct device *dev,
			       struct iommu_domain *old)
{
	rig_smmu_leave(old);

	spin_lock(&rig_smmu_lock);
	to_rig_domain(domain)->dev = dev;
	to_rig_domain(domain)->attached = true;
	spin_unlock(&rig_smmu_lock);

	return 0;
}

static int rig_smmu_map_pages(struct iommu_domain *domain, unsigned long iova,
			      phys_addr_t paddr, size_t pgsize, size_t pgcount,
			      int prot, gfp_t gfp, size_t *mapped)
{
	struct rig_smmu_domain *rd = to_rig_domain(domain);
	struct rig_smmu_map *map;
	size_t count = pgcount;
	bool fail = false;
	int ret;

	map = kzalloc_obj(*map, gfp);
	if (!map)
		return -ENOMEM;

	/* io-pgtable refuses it too, with a warning and -EEXIST */
	spin_lock(&rig_smmu_lock);
	fail = rig_smmu_maps_overlap(rd, iova, pgsize * pgcount);
	spin_unlock(&rig_smmu_lock);
	if (fail) {
		rig_smmu_misuse("map of %#lx+%#zx over an existing mapping",
				iova, pgsize * pgcount);
		kfree(map);
		return -EEXIST;
	}

	spin_lock(&rig_smmu_lock);
	rig_smmu_cnt.map_pages++;
	if (rig_smmu_fail_nth && !--rig_smmu_fail_nth) {
		/* Fail half way, as a table allocation failure would */
		rig_smmu_cnt.map_failed++;
		count = pgcount / 2;
		fail = true;
	}
	spin_unlock(&rig_smmu_lock);

	ret = 0;
	if (count)
		ret = rd->pgtbl->map_pages(rd->pgtbl, iova, paddr, pgsize, count,
					   prot, gfp, mapped);
	if (fail && !ret)
		ret = -ENOMEM;

	if (!*mapped) {
		kfree(map);
		return ret;
	}

	map->iova = iova;
	map->pa = paddr;
	map->size = *mapped;

	spin_lock(&rig_smmu_lock);
	list_add_tail(&map->node, &rd->maps);
	rig_smmu_cnt.leaves[rig_smmu_leaf(pgsize)] += *mapped / pgsize;
	spin_unlock(&rig_smmu_lock);

	return ret;
}

static size_t rig_smmu_unmap_pages(struct iommu_domain *domain,
				   unsigned long iova, size_t pgsize,
				   size_t pgcount,
				   struct iommu_iotlb_gather *gather)
{
	struct rig_smmu_domain *rd = to_rig_domain(domain);
	size_t size = pgsize * pgcount;
	size_t unmapped, lost;

	/* The SMMU is TrustZone's to protect while a peripheral runs on it */
	if (rig_tz_check_unmap(domain, iova, pgsize * pgcount)) {
		spin_lock(&rig_smmu_lock);
		rig_smmu_cnt.unmap_pages++;
		rig_smmu_cnt.unmap_refused++;
		spin_unlock(&rig_smmu_lock);
		return 0;
	}

	spin_lock(&rig_smmu_lock);
	unmapped = rig_smmu_maps_covered(rd, iova, size);
	spin_unlock(&rig_smmu_lock);
	if (unmapped != size)
		rig_smmu_misuse("unmap of %#lx+%#zx, of which %#zx was never mapped",
				iova, size, size - unmapped);

	unmapped = rd->pgtbl->unmap_pages(rd->pgtbl, iova, pgsize, pgcount,
					  gather);

	spin_lock(&rig_smmu_lock);
	rig_smmu_cnt.unmap_pages++;
	rig_smmu_cnt.unleaves[rig_smmu_leaf(pgsize)] += unmapped / pgsize;
	lost = rig_smmu_maps_forget(rd, iova, unmapped);
	/* Still mapped but no longer recorded: fail the run */
	rig_smmu_cnt.leaked_bytes += lost;
	spin_unlock(&rig_smmu_lock);

	return unmapped;
}

static int rig_smmu_iotlb_sync_map(struct iommu_domain *domain,
				   unsigned long iova, size_t size)
{
	spin_lock(&rig_smmu_lock);
	rig_smmu_cnt.map_calls++;
	spin_unlock(&rig_smmu_lock);

	return 0;
}

static void rig_smmu_iotlb_sync(struct iommu_domain *domain,
				struct iommu_iotlb_gather *gather)
{
	spin_lock(&rig_smmu_lock);
	rig_smmu_cnt.tlb_syncs++;
	spin_unlock(&rig_smmu_lock);
}

static phys_addr_t rig_smmu_iova_to_phys(struct iommu_domain *domain,
					 dma_addr_t iova)
{
	struct rig_smmu_domain *rd = to_rig_domain(domain);

	return rd->pgtbl->iova_to_phys(rd->pgtbl, iova);
}

static const struct iommu_domain_ops rig_smmu_domain_ops = {
	.attach_dev	= rig_smmu_attach_dev,
	.map_pages	= rig_smmu_map_pages,
	.unmap_pages	= rig_smmu_unmap_pages,
	.iotlb_sync_map	= rig_smmu_iotlb_sync_map,
	.iotlb_sync	= rig_smmu_iotlb_sync,
	.iova_to_phys	= rig_smmu_iova_to_phys,
	.free		= rig_smmu_domain_free,
};

static int rig_smmu_identity_attach(struct iommu_domain *domain,
				    struct device *dev,
				    struct iommu_domain *old)
{
	rig_smmu_leave(old);

	return 0;
}

static struct iommu_domain rig_smmu_identity_domain = {
	.type = IOMMU_DOMAIN_IDENTITY,
	.ops = &(const struct iommu_domain_ops) {
		.attach_dev = rig_smmu_identity_attach,
	},
};

/*
 * A stream whose transactions fault, as arm-smmu's blocked domain (S2CR type
 * FAULT): where the IOMMU core blocks a group (a claim of DMA ownership),
 * it uses this rather than allocate an empty paging domain.
 */
static int rig_smmu_blocked_attach(struct iommu_domain *domain,
				   struct device *dev,
				   struct iommu_domain *old)
{
	rig_smmu_leave(old);

	return 0;
}

static struct iommu_domain rig_smmu_blocked_domain = {
	.type = IOMMU_DOMAIN_BLOCKED,
	.ops = &(const struct iommu_domain_ops) {
		.attach_dev = rig_smmu_blocked_attach,
	},
};

static struct iommu_device *rig_smmu_probe_device(struct device *dev)
{
	struct iommu_fwspec *fwspec = dev_iommu_fwspec_get(dev);
	int ret;

	if (!fwspec || !rig_smmu_instance ||
	    fwspec->iommu_fwnode != dev_fwnode(rig_smmu_instance->dev))
		return ERR_PTR(-ENODEV);

	ret = rig_smmu_smr_alloc(dev);

	return ret ? ERR_PTR(ret) : &rig_smmu_instance->iommu;
}

static int rig_smmu_def_domain_type(struct device *dev)
{
	return IOMMU_DOMAIN_IDENTITY;
}

static int rig_smmu_of_xlate(struct device *dev,
			     const struct of_phandle_args *args)
{
	u32 id = args->args[0];

	/* <SID mask> as on arm-smmu; iommu-map gives the SID alone */
	if (args->args_count > 1)
		id |= args->args[1] << 16;

	return iommu_fwspec_add_ids(dev, &id, 1);
}

static const struct iommu_ops rig_smmu_ops = {
	.identity_domain	= &rig_smmu_identity_domain,
	.blocked_domain		= &rig_smmu_blocked_domain,
	.domain_alloc_paging	= rig_smmu_domain_alloc_paging,
	.probe_device		= rig_smmu_probe_device,
	.release_device		= rig_smmu_smr_free,
	.device_group		= rig_smmu_smr_group,
	.def_domain_type	= rig_smmu_def_domain_type,
	.of_xlate		= rig_smmu_of_xlate,
	.owner			= THIS_MODULE,
};

static struct rig_smmu_domain *rig_smmu_dev_domain(struct device *dev)
{
	struct iommu_domain *domain = iommu_get_domain_for_dev(dev);

	return rig_smmu_is_rig_domain(domain) ? to_rig_domain(domain) : NULL;
}

/**
 * rig_smmu_find_iova() - find where a device's domain maps a physical address
 * @dev:	client device of the rig's SMMU
 * @pa:		physical address
 * @iova:	on success, the IOVA mapping @pa
 * @prot:	on success, the access the page tables grant there, as
 *		rig_smmu_domain_read() decodes it (may be NULL)
 *
 * Return: 0 on success, -ENODEV if @dev is not attached to a rig paging
 * domain, -ENOENT if @pa is not mapped there.
 */
int rig_smmu_find_iova(struct device *dev, phys_addr_t pa, unsigned long *iova,
		       int *prot)
{
	struct rig_smmu_domain *rd = rig_smmu_dev_domain(dev);
	phys_addr_t got_pa;
	size_t pgsize;
	int got, ret;

	if (!rd)
		return -ENODEV;

	spin_lock(&rig_smmu_lock);
	ret = rig_smmu_maps_find_pa(rd, pa, iova);
	spin_unlock(&rig_smmu_lock);
	if (ret)
		return ret;

	if (rig_smmu_domain_read(&rd->domain, *iova, &got_pa, &pgsize, &got) ||
	    got_pa != pa)
		return -ENOENT;
	if (prot)
		*prot = got;

	return 0;
}

/**
 * rig_smmu_owns_stream() - tell whether Linux drives a device's stream
 * @dev:	any device
 *
 * Return: true if @dev is a client of the rig's SMMU ("iommus" or
 * "iommu-map" naming it), i.e. Linux, not a hypervisor, owns its
 * translation.
 */
bool rig_smmu_owns_stream(struct device *dev)
{
	struct iommu_fwspec *fwspec = dev_iommu_fwspec_get(dev);

	return fwspec && rig_smmu_instance &&
	       fwspec->iommu_fwnode == dev_fwnode(rig_smmu_instance->dev);
}

/**
 * rig_smmu_dev_paging_domain() - the rig paging domain a device is attached to
 * @dev:	client device of the rig's SMMU
 *
 * Return: the domain, NULL if @dev is not attached to a rig paging domain.
 */
struct iommu_domain *rig_smmu_dev_paging_domain(struct device *dev)
{
	struct rig_smmu_domain *rd = rig_smmu_dev_domain(dev);

	return rd ? &rd->domain : NULL;
}

/**
 * rig_smmu_mapped_bytes() - bytes mapped in a device's current domain
 * @dev:	client device of the rig's SMMU
 *
 * Return: the bytes mapped, 0 if @dev is not attached to a paging domain.
 */
size_t rig_smmu_mapped_bytes(struct device *dev)
{
	struct rig_smmu_domain *rd = rig_smmu_dev_domain(dev);
	size_t bytes;

	if (!rd)
		return 0;

	spin_lock(&rig_smmu_lock);
	bytes = rig_smmu_maps_bytes(rd);
	spin_unlock(&rig_smmu_lock);

	return bytes;
}

/**
 * rig_smmu_get_counters() - read the fake SMMU's counters
 * @c:	filled with a snapshot of the counters
 */
void rig_smmu_get_counters(struct rig_smmu_counters *c)
{
	spin_lock(&rig_smmu_lock);
	*c = rig_smmu_cnt;
	spin_unlock(&rig_smmu_lock);
}

/**
 * rig_smmu_reset_counters() - zero the counters and cancel fault injection
 *
 * All but @misuse: a misuse between a case's last check and the next
 * case's reset must still fail a check, so it stays counted for the boot.
 */
void rig_smmu_reset_counters(void)
{
	unsigned long misuse;

	spin_lock(&rig_smmu_lock);
	misuse = rig_smmu_cnt.misuse;
	memset(&rig_smmu_cnt, 0, sizeof(rig_smmu_cnt));
	rig_smmu_cnt.misuse = misuse;
	rig_smmu_fail_nth = 0;
	spin_unlock(&rig_smmu_lock);
}

/**
 * rig_smmu_fail_map_pages() - fail a future map_pages() call
 * @nth:	fail the @nth map_pages() call from now (1 = the next one),
 *		0 to cancel
 *
 * The failing call maps half of its pages (none for a single page) and
 * then returns -ENOMEM, as when a page-table allocation fails part way.
 */
void rig_smmu_fail_map_pages(unsigned int nth)
{
	spin_lock(&rig_smmu_lock);
	rig_smmu_fail_nth = nth;
	spin_unlock(&rig_smmu_lock);
}

static int rig_smmu_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct rig_smmu *smmu;
	int ret;

	if (rig_smmu_instance)
		return -EBUSY;

	smmu = devm_kzalloc(dev, sizeof(*smmu), GFP_KERNEL);
	if (!smmu)
		return -ENOMEM;

	ret = rig_smmu_smr_init(dev->of_node);
	if (ret)
		return dev_err_probe(dev, ret, "malformed qcom-pas-rig,boot-smrs\n");

	smmu->dev = dev;
	rig_smmu_instance = smmu;

	ret = iommu_device_sysfs_add(&smmu->iommu, dev, NULL, "%s", dev_name(dev));
	if (ret)
		goto err_instance;

	ret = iommu_device_register(&smmu->iommu, &rig_smmu_ops, dev);
	if (ret)
		goto err_sysfs;

	return 0;

err_sysfs:
	iommu_device_sysfs_remove(&smmu->iommu);
err_instance:
	rig_smmu_instance = NULL;
	return dev_err_probe(dev, ret, "cannot register the rig SMMU\n");
}

static const struct of_device_id rig_smmu_of_match[] = {
	{ .compatible = "qcom-pas-rig,smmu" },
	{ }
};

static struct platform_driver rig_smmu_driver = {
	.probe = rig_smmu_probe,
	.driver = {
		.name = "qcom-pas-rig-smmu",
		.of_match_table = rig_smmu_of_match,
		.suppress_bind_attrs = true,
	},
};

static int __init rig_smmu_init(void)
{
	return platform_driver_register(&rig_smmu_driver);
}
subsys_initcall(rig_smmu_init);
