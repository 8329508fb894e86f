/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hardware's side of the rig: what a firmware needs mapped into its
 * stream besides its carveout, in tables kept apart from every device tree
 * the driver under test reads (hw_sa8775p.h, and the fake TrustZone's own
 * table for the emulated LPAICP).
 */

#ifndef __QCOM_PAS_RIG_HW_H__
#define __QCOM_PAS_RIG_HW_H__

#include <linux/iommu.h>
#include <linux/types.h>

/**
 * struct rig_hw_window - a device-memory window a firmware needs
 * @pa:		physical address, also the device address it is reached at
 * @size:	size in bytes
 * @prot:	IOMMU_READ, and IOMMU_WRITE where the firmware writes
 */
struct rig_hw_window {
	phys_addr_t pa;
	size_t size;
	int prot;
};

#define RIG_HW_RO	IOMMU_READ
#define RIG_HW_RW	(IOMMU_READ | IOMMU_WRITE)

#endif /* __QCOM_PAS_RIG_HW_H__ */
