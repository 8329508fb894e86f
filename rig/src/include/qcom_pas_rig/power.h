/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The rig's fake power domains, as the suites see them: 0 is "lcx", 1 is
 * "lmx".
 */

#ifndef __QCOM_PAS_RIG_POWER_H__
#define __QCOM_PAS_RIG_POWER_H__

#include <linux/types.h>

#define RIG_POWER_DOMAINS	2

int rig_power_get(unsigned int idx, bool *on, unsigned int *perf);

#endif /* __QCOM_PAS_RIG_POWER_H__ */
