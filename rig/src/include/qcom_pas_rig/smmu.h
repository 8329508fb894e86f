/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The rig's fake SMMU, as the suites see it: its counters, its fault
 * injection, and what a client can reach, read back from the live page
 * tables.
 */

#ifndef __QCOM_PAS_RIG_SMMU_H__
#define __QCOM_PAS_RIG_SMMU_H__

#include <linux/sizes.h>
#include <linux/types.h>

struct device;
struct iommu_domain;

/* Leaf sizes of the rig's SMMU (ARM LPAE, 4K granule) */
enum rig_leaf {
	RIG_LEAF_4K,
	RIG_LEAF_2M,
	RIG_LEAF_1G,
	RIG_LEAF_NR,
};

/* The page sizes of its paging domains */
#define RIG_SMMU_PGSIZES	(SZ_4K | SZ_2M | SZ_1G)

/**
 * struct rig_smmu_counters - what the fake SMMU has seen
 * @map_calls:		iommu_map() calls that completed (one iotlb_sync_map each)
 * @map_pages:		map_pages() calls, including failed ones
 * @map_failed:		map_pages() calls that failed
 * @unmap_pages:	unmap_pages() calls
 * @unmap_refused:	unmap_pages() calls refused (TrustZone's memory in use)
 * @leaves:		leaf entries mapped, by page size
 * @unleaves:		leaf entries unmapped, by page size
 * @tlb_syncs:		iotlb_sync() calls
 * @domains:		paging domains allocated
 * @domains_freed:	paging domains freed
 * @leaked_domains:	paging domains freed with mappings left in them
 * @leaked_bytes:	bytes still mapped in those domains
 * @misuse:		what the IOMMU core forbids: a map over a mapping, an
 *			unmap of what was never mapped, a free of a domain a
 *			device is attached to (never reset: see
 *			rig_smmu_reset_counters())
 */
struct rig_smmu_counters {
	unsigned long map_calls;
	unsigned long map_pages;
	unsigned long map_failed;
	unsigned long unmap_pages;
	unsigned long unmap_refused;
	unsigned long leaves[RIG_LEAF_NR];
	unsigned long unleaves[RIG_LEAF_NR];
	unsigned long tlb_syncs;
	unsigned long domains;
	unsigned long domains_freed;
	unsigned long leaked_domains;
	unsigned long leaked_bytes;
	unsigned long misuse;
};

enum rig_leaf rig_smmu_leaf(size_t pgsize);
void rig_smmu_get_counters(struct rig_smmu_counters *c);
void rig_smmu_reset_counters(void);
void rig_smmu_fail_map_pages(unsigned int nth);
bool rig_smmu_is_rig_domain(struct iommu_domain *domain);
bool rig_smmu_owns_stream(struct device *dev);
struct iommu_domain *rig_smmu_dev_paging_domain(struct device *dev);
size_t rig_smmu_mapped_bytes(struct device *dev);
int rig_smmu_find_iova(struct device *dev, phys_addr_t pa, unsigned long *iova,
		       int *prot);

/* What the live page tables grant, as the SMMU's table walker reads them */
int rig_smmu_domain_read(struct iommu_domain *domain, unsigned long iova,
			 phys_addr_t *pa, size_t *pgsize, int *prot);
int rig_smmu_domain_check(struct iommu_domain *domain, unsigned long iova,
			  phys_addr_t pa, size_t size, int prot, char *why,
			  size_t len);
bool rig_smmu_domain_covers(struct iommu_domain *domain, unsigned long iova,
			    phys_addr_t pa, size_t size, int prot);

#endif /* __QCOM_PAS_RIG_SMMU_H__ */
