// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fake TrustZone for the Qualcomm PAS test rig: where Linux reaches it, the
 * secure monitor call itself.
 *
 * Where: every SMC the kernel makes through the SMCCC helpers goes through
 * __arm_smccc_smc() (arch/arm64/kernel/smccc-call.S): qcom_scm-smc.c's
 * arm_smccc_smc_quirk(), qcom_scm-legacy.c's arm_smccc_smc(), PSCI's SMC
 * conduit. The probe is on the symbol itself: arm64's SYM_FUNC_START()
 * (arch/arm64/include/asm/linkage.h) puts "bti c" first in every assembly
 * function, unconditionally (with or without ARM64_BTI_KERNEL, which GCC
 * cannot build), and "bti c" is a hint the kprobe decoder accepts
 * (aarch64_insn_is_steppable_hint()). The symbol is in .text, not in
 * __kprobes/.entry.text/.noinstr, and not NOKPROBE_SYMBOL(): not
 * blacklisted. The pre-handler sets the PC to rig_smc_emulate(), a C
 * function with __arm_smccc_smc()'s exact prototype, and returns 1 (the
 * instruction is not stepped): the emulator receives x0..x7 and the res and
 * quirk pointers from the caller's stack as __arm_smccc_smc() would, runs
 * in the caller's context (sleepable for qcom_scm's yielding calls, atomic
 * for its fast calls) and returns to the caller's link register.
 * Everything above __arm_smccc_smc() runs unmodified, qcom_scm-smc.c's
 * INTERRUPTED loop included.
 *
 * Were "smc #0" the first instruction (an assembly function without the
 * landing pad), arm64's kprobe decoder would refuse it as
 * exception-generating (arch/arm64/kernel/probes/decode-insn.c,
 * INSN_REJECTED: register_kprobe() -EINVAL). The fallback, also used with
 * rig_tz.sites on the command line, goes one instruction up: a kprobe on
 * every "bl __arm_smccc_smc" (or tail-call "b") in the kernel's text, found
 * by decoding the text at boot. Branches are simulated by kprobes, never
 * stepped; the pre-handler does what the branch does, but to the emulator.
 * Call-site probes miss calls through a function pointer to
 * __arm_smccc_smc (ACPI's FFH only, not built here) and module text; a
 * missed call executes a real SMC, which QEMU virt without EL3 makes an
 * undefined instruction: an oops, not a silent pass.
 *
 * Registered at arch_initcall: qcom_scm's driver registers at
 * subsys_initcall and probes at once, making SMCs (the rig's other fakes
 * register at subsys_initcall too, but drivers/qcom_pas_rig links after
 * drivers/firmware). Kprobes are ready from early_initcall.
 */

#define pr_fmt(fmt) "rig_tz: " fmt

#include <linux/arm-smccc.h>
#include <linux/init.h>
#include <linux/kprobes.h>
#include <linux/moduleparam.h>
#include <linux/panic.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <asm/insn.h>
#include <asm/sections.h>

#include "rig_tz_smc.h"

/* Its parameters are rig_tz.*, whichever file declares them */
#undef MODULE_PARAM_PREFIX
#define MODULE_PARAM_PREFIX "rig_tz."

#define RIG_SMC_MAX_SITES	32

struct rig_smc_site {
	struct kprobe kp;
	bool link;
};

static struct rig_smc_site *rig_smc_sites;
static unsigned int rig_smc_nr_sites;
static int rig_smc_entry_ret = -ENOENT;

/*
 * What runs instead of __arm_smccc_smc(): same prototype, same ABI. Like
 * the assembly, it writes x0..x3 to *res and, for the Qualcomm quirk,
 * x6 to quirk->state.a6 (the session id of an interrupted call).
 */
static noinline void rig_smc_emulate(unsigned long a0, unsigned long a1,
				     unsigned long a2, unsigned long a3,
				     unsigned long a4, unsigned long a5,
				     unsigned long a6, unsigned long a7,
				     struct arm_smccc_res *res,
				     struct arm_smccc_quirk *quirk)
{
	const unsigned long regs[8] = { a0, a1, a2, a3, a4, a5, a6, a7 };
	unsigned long x6 = 0;

	rig_smc_dispatch(regs, res, &x6);
	if (quirk && quirk->id == ARM_SMCCC_QUIRK_QCOM_A6)
		quirk->state.a6 = x6;
}

static int rig_smc_site_pre(struct kprobe *kp, struct pt_regs *regs)
{
	struct rig_smc_site *site = container_of(kp, struct rig_smc_site, kp);

	/* Do what the branch does, to the emulator */
	if (site->link)
		regs->regs[30] = (unsigned long)kp->addr + AARCH64_INSN_SIZE;
	instruction_pointer_set(regs, (unsigned long)rig_smc_emulate);

	/* The branch is not simulated: we are past it */
	return 1;
}

static int rig_smc_entry_pre(struct kprobe *kp, struct pt_regs *regs)
{
	/* At the entry: the link register already holds the return address */
	instruction_pointer_set(regs, (unsigned long)rig_smc_emulate);
	return 1;
}

static struct kprobe rig_smc_entry_kp = {
	.symbol_name	= "__arm_smccc_smc",
	.pre_handler	= rig_smc_entry_pre,
};

/* Every b/bl to __arm_smccc_smc in the kernel's text */
static int __init rig_smc_scan(void)
{
	unsigned long target = (unsigned long)__arm_smccc_smc;
	u32 *p, insn;
	int ret;

	rig_smc_sites = kcalloc(RIG_SMC_MAX_SITES, sizeof(*rig_smc_sites),
				GFP_KERNEL);
	if (!rig_smc_sites)
		return -ENOMEM;

	for (p = (u32 *)_stext; p < (u32 *)_etext; p++) {
		struct rig_smc_site *site;
		bool link;

		insn = le32_to_cpu(*(__le32 *)p);
		link = aarch64_insn_is_bl(insn);
		if (!link && !aarch64_insn_is_b(insn))
			continue;
		if ((unsigned long)p + aarch64_get_branch_offset(insn) != target)
			continue;

		if (rig_smc_nr_sites == RIG_SMC_MAX_SITES) {
			pr_err("too many call sites of __arm_smccc_smc\n");
			return -ENOSPC;
		}
		site = &rig_smc_sites[rig_smc_nr_sites];
		site->link = link;
		site->kp.addr = (kprobe_opcode_t *)p;
		site->kp.pre_handler = rig_smc_site_pre;
		ret = register_kprobe(&site->kp);
		pr_info("call site %pS (%s): kprobe %d%s\n", p, link ? "bl" : "b",
			ret, within_kprobe_blacklist((unsigned long)p) ?
			" (blacklisted)" : "");
		if (ret)
			return ret;
		rig_smc_nr_sites++;
	}

	return rig_smc_nr_sites ? 0 : -ENOENT;
}

/* rig_tz.nohook: leave SMCs alone, to see what QEMU does with one */
static bool rig_smc_nohook;
module_param_named(nohook, rig_smc_nohook, bool, 0444);
MODULE_PARM_DESC(nohook, "do not catch secure monitor calls");

/* rig_tz.sites: probe the call sites even where the entry could be */
static bool rig_smc_force_sites;
module_param_named(sites, rig_smc_force_sites, bool, 0444);
MODULE_PARM_DESC(sites, "catch SMCs at the call sites of __arm_smccc_smc");

static int __init rig_smc_hook_init(void)
{
	unsigned long entry = (unsigned long)__arm_smccc_smc;
	u32 insn = le32_to_cpu(*(__le32 *)entry);
	int ret;

	if (rig_smc_nohook) {
		pr_warn("not catching SMCs (rig_tz.nohook)\n");
		return 0;
	}

	pr_info("__arm_smccc_smc at %pS: first instruction %#010x (%s), %sblacklisted\n",
		(void *)entry, insn,
		aarch64_insn_is_exception(insn) ? "exception-generating" :
		aarch64_insn_is_hint(insn) ? "hint" : "other",
		within_kprobe_blacklist(entry) ? "" : "not ");

	rig_smc_entry_ret = register_kprobe(&rig_smc_entry_kp);
	pr_info("kprobe on __arm_smccc_smc: %d\n", rig_smc_entry_ret);
	if (!rig_smc_entry_ret && rig_smc_force_sites) {
		unregister_kprobe(&rig_smc_entry_kp);
		rig_smc_entry_ret = -ECANCELED;
		pr_info("rig_tz.sites: using the call sites instead\n");
	}
	if (!rig_smc_entry_ret)
		return 0;

	ret = rig_smc_scan();
	if (ret)
		panic("rig_tz: no way to catch SMCs (%d): every TrustZone call would fault\n",
		      ret);
	else
		pr_info("%u call sites of __arm_smccc_smc redirected to the fake TrustZone\n",
			rig_smc_nr_sites);

	return ret;
}
arch_initcall(rig_smc_hook_init);
