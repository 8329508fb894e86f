/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The fake SMMU's paging domain, shared by its driver (rig_smmu.c) and the
 * reader of its page tables (rig_smmu_walk.c).
 */

#ifndef __QCOM_PAS_RIG_SMMU_INTERNAL_H__
#define __QCOM_PAS_RIG_SMMU_INTERNAL_H__

#include <linux/iommu.h>
#include <linux/list.h>

struct io_pgtable_ops;

/**
 * struct rig_smmu_domain - a paging domain of the rig's SMMU
 * @domain:	the IOMMU core's domain
 * @pgtbl:	its ARM LPAE stage-1 page tables
 * @dev:	the last device attached, for the messages
 * @maps:	what was mapped, one &struct rig_smmu_map a map_pages() call
 * @node:	in the list of live domains
 */
struct rig_smmu_domain {
	struct iommu_domain domain;
	struct io_pgtable_ops *pgtbl;
	struct device *dev;
	struct list_head maps;
	struct list_head node;
};

static inline struct rig_smmu_domain *to_rig_domain(struct iommu_domain *domain)
{
	return container_of(domain, struct rig_smmu_domain, domain);
}

#endif /* __QCOM_PAS_RIG_SMMU_INTERNAL_H__ */
