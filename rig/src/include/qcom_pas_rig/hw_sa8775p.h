/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hardware's side of the rig for SA8775p: what the ADSP firmware needs
 * mapped into its stream besides its carveout, kept apart from every device
 * tree the series ships or the rig boots, so that a check against it can
 * fail when a node is wrong.
 *
 * Source: the ADSP device-memory windows published with the SA8775p
 * "Peripheral Image Loader support for Qualcomm SoCs" RFC (Mukesh Ojha,
 * linux-arm-msm, Oct 2024), never merged: identity mapped (device address
 * equal to the physical address), access 1 = read, 3 = read|write. All of
 * them lie in the global clock controller's block (gcc@100000, reg
 * 0x100000 + 0xc7018 in lemans.dtsi). Nothing was published for the CDSPs
 * or GPDSPs.
 *
 * Readers: scripts/check-el2-dtbs compares the lemans -el2 DTBs' ADSP
 * qcom,devmem with this table; the fake TrustZone requires these windows
 * in the ADSP's page tables at authentication (rig_tz_peripherals.c).
 */

#ifndef __QCOM_PAS_RIG_HW_SA8775P_H__
#define __QCOM_PAS_RIG_HW_SA8775P_H__

#include <qcom_pas_rig/hw.h>

static const struct rig_hw_window rig_hw_sa8775p_adsp_windows[] = {
	{ .pa = 0x110000, .size = 0x4000, .prot = RIG_HW_RO },
	{ .pa = 0x123000, .size = 0x1000, .prot = RIG_HW_RW },
	{ .pa = 0x124000, .size = 0x3000, .prot = RIG_HW_RW },
	{ .pa = 0x127000, .size = 0x2000, .prot = RIG_HW_RW },
	{ .pa = 0x12a000, .size = 0x3000, .prot = RIG_HW_RW },
	{ .pa = 0x12e000, .size = 0x1000, .prot = RIG_HW_RW },
	{ .pa = 0x12f000, .size = 0x1000, .prot = RIG_HW_RO },
	{ .pa = 0x144000, .size = 0x1000, .prot = RIG_HW_RO },
	{ .pa = 0x148000, .size = 0x1000, .prot = RIG_HW_RO },
	{ .pa = 0x149000, .size = 0xe000, .prot = RIG_HW_RW },
	{ .pa = 0x157000, .size = 0x1000, .prot = RIG_HW_RW },
	{ .pa = 0x158000, .size = 0xd000, .prot = RIG_HW_RW },
	{ .pa = 0x165000, .size = 0x1000, .prot = RIG_HW_RW },
	{ .pa = 0x172000, .size = 0x1000, .prot = RIG_HW_RW },
	{ .pa = 0x173000, .size = 0x8000, .prot = RIG_HW_RW },
	{ .pa = 0x17b000, .size = 0x2000, .prot = RIG_HW_RW },
	{ .pa = 0x17f000, .size = 0x1000, .prot = RIG_HW_RW },
	{ .pa = 0x184000, .size = 0x1000, .prot = RIG_HW_RO },
};

#endif /* __QCOM_PAS_RIG_HW_SA8775P_H__ */
