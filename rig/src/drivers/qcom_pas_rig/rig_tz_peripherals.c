// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fake TrustZone for the Qualcomm PAS test rig: the peripherals it knows,
 * and what it requires of each when Linux owns its stream. This is the
 * rig's hardware truth table: where the carveout sits in the peripheral's
 * address space (identity: at its physical address; video runs its
 * firmware at 0), the access the page tables must grant there (read/write,
 * executable, Normal memory, privileged only for video), and whether the
 * operating system maps the node's qcom,devmem windows when TrustZone has
 * no resource-table call.
 */

#include <linux/iommu.h>
#include <linux/kernel.h>
#include <qcom_pas_rig/pas_ids.h>
#include <qcom_pas_rig/regions.h>

#include "rig_tz.h"

/* Video's firmware is reachable from privileged accesses only */
#define RIG_TZ_VIDEO_PROT	(RIG_CARVEOUT_PROT | IOMMU_PRIV)

static const struct rig_tz_periph rig_tz_periphs[] = {
	{ RIG_PAS_ID_ADSP,       "adsp",       true,  0, RIG_CARVEOUT_PROT, true },
	{ RIG_PAS_ID_VIDEO,      "video",      false, 0, RIG_TZ_VIDEO_PROT, false },
	{ RIG_PAS_ID_LPAICP,     "lpaicp",     true,  0, RIG_CARVEOUT_PROT, true },
	{ RIG_PAS_ID_LPAICP_DTB, "lpaicp dtb", true,  0, RIG_CARVEOUT_PROT, false },
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
