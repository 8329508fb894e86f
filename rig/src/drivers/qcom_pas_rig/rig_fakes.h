/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * How the fakes reach each other, as the hardware would: the SMMU asks
 * TrustZone before it unmaps or frees what a running peripheral uses,
 * TrustZone asks the SMMU which stream match registers match a stream,
 * and TrustZone tells the remote processor's SMP2P side that it came out
 * of reset or was shut down. Not for the suites.
 */

#ifndef __QCOM_PAS_RIG_FAKES_H__
#define __QCOM_PAS_RIG_FAKES_H__

#include <linux/types.h>

struct iommu_domain;

int rig_tz_check_unmap(struct iommu_domain *domain, unsigned long iova,
		       size_t size);
void rig_tz_check_domain_free(struct iommu_domain *domain);

unsigned int rig_smmu_stream_matches(u16 sid);

void rig_smp2p_booted(u32 pas_id);
void rig_smp2p_shut_down(u32 pas_id);

#endif /* __QCOM_PAS_RIG_FAKES_H__ */
