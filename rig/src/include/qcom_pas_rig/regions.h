/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What a remote processor of the rig reaches, as both the fake TrustZone
 * and the suites see it: its carveouts, and the qcom,devmem windows of its
 * node (one reader for both, so that both see the same windows), with the
 * access each is mapped with.
 */

#ifndef __QCOM_PAS_RIG_REGIONS_H__
#define __QCOM_PAS_RIG_REGIONS_H__

#include <linux/iommu.h>
#include <linux/types.h>

struct device_node;

/* A carveout: read/write, executable, Normal memory */
#define RIG_CARVEOUT_PROT	(IOMMU_READ | IOMMU_WRITE)

/* The most windows the binding allows a node (its maxItems) */
#define RIG_DEVMEM_MAX_WINDOWS	64

/**
 * struct rig_window - one window of qcom,devmem, as the node describes it
 * @da:		device address
 * @pa:		physical address
 * @size:	size in bytes
 * @access:	QCOM_PAS_DEVMEM_RO or QCOM_PAS_DEVMEM_RW; 0 for a carveout
 */
struct rig_window {
	u64 da;
	u64 pa;
	u64 size;
	u32 access;
};

int rig_devmem_read(struct device_node *np, struct rig_window *windows);
int rig_devmem_prot(u32 access);

#endif /* __QCOM_PAS_RIG_REGIONS_H__ */
