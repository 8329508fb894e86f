/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The rig's fake SMP2P, as the suites see it: the remote processor's side
 * of the lines, which a suite can raise (a crash) or keep quiet (a remote
 * that never signals ready, with or without handing over).
 */

#ifndef __QCOM_PAS_RIG_SMP2P_H__
#define __QCOM_PAS_RIG_SMP2P_H__

#include <linux/types.h>

/* SMP2P lines, in the order of the rig's interrupt specifiers */
enum rig_smp2p_line {
	RIG_SMP2P_WDOG,
	RIG_SMP2P_FATAL,
	RIG_SMP2P_READY,
	RIG_SMP2P_HANDOVER,
	RIG_SMP2P_STOP_ACK,
	RIG_SMP2P_NR,
};

int rig_smp2p_raise(u32 pas_id, enum rig_smp2p_line line);
/* What a remote signals once TrustZone released it from reset */
enum rig_smp2p_boot {
	RIG_SMP2P_BOOTS,		/* handover, then ready */
	RIG_SMP2P_SILENT,		/* nothing: it hangs */
	RIG_SMP2P_HANDOVER_ONLY,	/* handover, never ready */
};

void rig_smp2p_set_boot(enum rig_smp2p_boot mode);

#endif /* __QCOM_PAS_RIG_SMP2P_H__ */
