/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The fake SMMU's paging domain, shared by its driver (rig_smmu.c), the
 * record of what it maps (rig_smmu_maps.c) and the reader of its page
 * tables (rig_smmu_walk.c).
 */

#ifndef __QCOM_PAS_RIG_SMMU_INTERNAL_H__
#define __QCOM_PAS_RIG_SMMU_INTERNAL_H__

#include <linux/iommu.h>
#include <linux/list.h>

struct device_node;
struct io_pgtable_ops;

/**
 * struct rig_smmu_domain - a paging domain of the rig's SMMU
 * @domain:	the IOMMU core's domain
 * @pgtbl:	its ARM LPAE stage-1 page tables
 * @dev:	the last device attached, for the messages
 * @attached:	@dev is attached now
 * @maps:	what was mapped, one &struct rig_smmu_map a map_pages() call
 * @node:	in the list of live domains
 */
struct rig_smmu_domain {
	struct iommu_domain domain;
	struct io_pgtable_ops *pgtbl;
	struct device *dev;
	bool attached;
	struct list_head maps;
	struct list_head node;
};

static inline struct rig_smmu_domain *to_rig_domain(struct iommu_domain *domain)
{
	return container_of(domain, struct rig_smmu_domain, domain);
}

/**
 * struct rig_smmu_map - one map_pages() call's worth of mapping, split when
 *			 partly unmapped
 * @node:	in its domain's @maps
 * @iova:	first device address
 * @pa:		first physical address
 * @size:	bytes
 */
struct rig_smmu_map {
	struct list_head node;
	unsigned long iova;
	phys_addr_t pa;
	size_t size;
};

/* The record of a domain's mappings (rig_smmu_maps.c), under the SMMU's lock */
bool rig_smmu_maps_overlap(struct rig_smmu_domain *rd, unsigned long iova,
			   size_t size);
size_t rig_smmu_maps_covered(struct rig_smmu_domain *rd, unsigned long iova,
			     size_t size);
size_t rig_smmu_maps_forget(struct rig_smmu_domain *rd, unsigned long iova,
			    size_t size);
int rig_smmu_maps_find_pa(struct rig_smmu_domain *rd, phys_addr_t pa,
			  unsigned long *iova);
size_t rig_smmu_maps_bytes(struct rig_smmu_domain *rd);

/* Stream matching (rig_smmu_smr.c) */
int rig_smmu_smr_init(struct device_node *np);
int rig_smmu_smr_alloc(struct device *dev);
void rig_smmu_smr_free(struct device *dev);
struct iommu_group *rig_smmu_smr_group(struct device *dev);

#endif /* __QCOM_PAS_RIG_SMMU_INTERNAL_H__ */
