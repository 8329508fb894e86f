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

/* <device-address physical-address size attributes> per window */
#define RIG_DEVMEM_CELLS	4
/* The most windows the binding allows a node */
#define RIG_DEVMEM_MAX_WINDOWS	64

/**
 * struct rig_window - one window of qcom,devmem, as the node describes it
 * @da:		device address
 * @pa:		physical address
 * @size:	size in bytes
 * @attrs:	QCOM_DEVMEM_* attributes
 */
struct rig_window {
	u32 da;
	u32 pa;
	u32 size;
	u32 attrs;
};

int rig_devmem_read(const struct device_node *np, struct rig_window *windows);
int rig_devmem_prot(u32 attrs);

#endif /* __QCOM_PAS_RIG_REGIONS_H__ */
