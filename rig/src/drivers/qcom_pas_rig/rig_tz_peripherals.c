// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fake TrustZone for the Qualcomm PAS test rig: the peripherals it knows,
 * and what it requires of each when Linux owns its stream. This is the
 * rig's hardware truth table: where the carveout sits in the peripheral's
 * address space (identity: at its physical address; video runs its
 * firmware at 0), the access the page tables must grant there (read/write,
 * executable, Normal memory, privileged only for video), and the
 * device-memory windows its firmware reaches, which the operating system
 * maps when TrustZone has no resource-table call. The windows come from the
 * hardware's side, never from the node the driver reads: a node that
 * describes them wrongly fails the authentication.
 */

#include <linux/iommu.h>
#include <linux/kernel.h>
#include <qcom_pas_rig/hw_sa8775p.h>
#include <qcom_pas_rig/pas_ids.h>
#include <qcom_pas_rig/regions.h>

#include "rig_tz.h"

/* Video's firmware is reachable from privileged accesses only */
#define RIG_TZ_VIDEO_PROT	(RIG_CARVEOUT_PROT | IOMMU_PRIV)

/*
 * The LPAICP is no SoC's: the rig places its two register blocks in QEMU
 * virt's unused platform-bus MMIO (0xc000000), never System RAM, and its
 * firmware reads the first and writes the second.
 */
static const struct rig_hw_window rig_hw_lpaicp_windows[] = {
	{ .pa = 0xc000000, .size = 0x1000, .prot = RIG_HW_RO },
	{ .pa = 0xc010000, .size = 0x4000, .prot = RIG_HW_RW },
};

static const struct rig_tz_periph rig_tz_periphs[] = {
	{ RIG_PAS_ID_ADSP, "adsp", true, 0, RIG_CARVEOUT_PROT,
	  rig_hw_sa8775p_adsp_windows, ARRAY_SIZE(rig_hw_sa8775p_adsp_windows) },
	{ RIG_PAS_ID_VIDEO, "video", false, 0, RIG_TZ_VIDEO_PROT },
	{ RIG_PAS_ID_LPAICP, "lpaicp", true, 0, RIG_CARVEOUT_PROT,
	  rig_hw_lpaicp_windows, ARRAY_SIZE(rig_hw_lpaicp_windows) },
	{ RIG_PAS_ID_LPAICP_DTB, "lpaicp dtb", true, 0, RIG_CARVEOUT_PROT },
};

/**
 * rig_tz_periph() - what TrustZone requires of a peripheral
 * @pas_id:	its PAS id
 *
 * Return: its entry, NULL for a peripheral this TrustZone does not know.
 */
const struct rig_tz_periph *rig_tz_periph(u32 pas_id)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(rig_tz_periphs); i++)
		if (rig_tz_periphs[i].pas_id == pas_id)
			return &rig_tz_periphs[i];

	return NULL;
}
