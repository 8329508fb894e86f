/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * PAS ids of the peripherals on the rig, as TrustZone numbers them: the
 * values the drivers under test pass (qcom_q6v5_pas.c's match data,
 * iris_firmware.c's IRIS_PAS_ID). Only #defines: the rig's device tree
 * includes this file too.
 */

#ifndef __QCOM_PAS_RIG_PAS_IDS_H__
#define __QCOM_PAS_RIG_PAS_IDS_H__

#define RIG_PAS_ID_ADSP		1	/* qcom,sa8775p-adsp-pas */
#define RIG_PAS_ID_WCSS		6	/* qcom,qcs404-wcss-pas */
#define RIG_PAS_ID_VIDEO	9	/* iris */
#define RIG_PAS_ID_CDSP		18	/* qcom,qcs404-cdsp-pas */
#define RIG_PAS_ID_LPAICP	0x56	/* qcom,shikra-lpaicp-pas */
#define RIG_PAS_ID_LPAICP_DTB	0x57	/* its dtb image */

#endif /* __QCOM_PAS_RIG_PAS_IDS_H__ */
