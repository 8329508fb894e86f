// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fake TrustZone for the Qualcomm PAS test rig: content protection.
 *
 * After the authentication, iris (as venus) tells TrustZone the video
 * processor's protected address ranges with
 * qcom_scm_mem_protect_video_var(), a direct SCM call that no qcom_pas_ops
 * backend serves (under QEMU it would dereference a NULL __scm). The rig
 * answers it here instead, reached through a kprobe on the SCM function's
 * entry that resumes execution in this file's function, with the caller's
 * arguments and return address: the SCM function itself never runs. The
 * call is counted as a TrustZone call (rig_tz_fail_call() can refuse it)
 * and is a violation unless the video firmware runs, the order in which
 * both base drivers make it.
 */

#include <linux/kprobes.h>
#include <linux/ptrace.h>
#include <qcom_pas_rig/pas_ids.h>

#include "rig_tz.h"

static int rig_tz_video_var(u32 cp_start, u32 cp_size, u32 cp_nonpixel_start,
			    u32 cp_nonpixel_size)
{
	struct rig_tz_pas *pas;
	int ret;

	mutex_lock(&rig_tz.lock);
	rig_tz.cnt.video_var++;
	ret = rig_tz_call();
	if (ret)
		goto out;

	pas = rig_tz_find(RIG_PAS_ID_VIDEO, false);
	if (!pas || pas->state != RIG_TZ_RUNNING) {
		rig_tz_violate("content protection before video runs: %#x+%#x, non-pixel %#x+%#x",
			       cp_start, cp_size, cp_nonpixel_start, cp_nonpixel_size);
		ret = -EINVAL;
	}
out:
	mutex_unlock(&rig_tz.lock);

	return ret;
}

static int rig_tz_video_var_redirect(struct kprobe *kp, struct pt_regs *regs)
{
	instruction_pointer_set(regs, (unsigned long)rig_tz_video_var);

	/* Resume there: the probed instruction is not stepped */
	return 1;
}

static struct kprobe rig_tz_video_var_probe = {
	.symbol_name	= "qcom_scm_mem_protect_video_var",
	.pre_handler	= rig_tz_video_var_redirect,
};

/**
 * rig_tz_video_cp_register() - answer the content-protection call from now on
 *
 * Return: 0 on success, the kprobe's error otherwise.
 */
int rig_tz_video_cp_register(void)
{
	return register_kprobe(&rig_tz_video_var_probe);
}
