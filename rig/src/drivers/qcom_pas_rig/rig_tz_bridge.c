// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fake TrustZone for the Qualcomm PAS test rig: SHM bridges as TrustZone
 * keeps them.
 *
 * SHM_BRIDGE_ENABLE (MP 0x1c, no arguments): from then on TrustZone uses
 * only buffers inside a bridge. result[0] 0 = enabled, 4 = not supported.
 *
 * SHM_BRIDGE_CREATE (MP 0x1e, four values), the layout qcom_tzmem (and
 * Qualcomm's downstream qtee_shmbridge) use:
 *   x2 pfn_and_ns_perm_flags  physical address | the non-secure VMs'
 *                             permissions, 3 bits per VM (R 4, W 2, X 1),
 *                             first VM in the highest group
 *   x3 ipfn_and_s_perm_flags  intermediate physical address | TrustZone's
 *                             own permissions
 *   x4 size_and_flags         size | number of VMs << 9; bit 1 (owned by a
 *                             hypervisor VM) and bits 2..4 (its
 *                             permissions) only with a hypervisor
 *   x5 ns_vmids               16 bits per VM, first VM in the highest group
 *   -> x1 status, x2 handle (qcom_scm: result[0], result[1])
 * SHM_BRIDGE_DELETE (MP 0x1d, one value): the handle.
 *
 * The rig has no hypervisor: the IPA is the PA, the only non-secure VM is
 * HLOS (VMID 3), and hypervisor flags are refused.
 *
 * Two kinds of bridges exist, told apart by the memory under them: those
 * over a carveout (reserved memory outside the kernel's linear map), which
 * the SCM backend creates just before an authentication and deletes right
 * after it, and those over qcom_tzmem's pool areas (memory the kernel
 * allocated), which live as long as the pool.
 */

#define pr_fmt(fmt) "rig_tz: " fmt

#include <linux/firmware/qcom/qcom_scm.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/sizes.h>
#include <linux/spinlock.h>

#include "rig_tz.h"
#include "rig_tz_smc.h"

#define RIG_SMC_MAX_BRIDGES	64
#define RIG_SHM_FLAGS_MASK	0xfffULL
#define RIG_SHM_NUM_VM_SHIFT	9
#define RIG_SHM_NUM_VM_MASK	0x7
#define RIG_SHM_MAX_VMS		4
#define RIG_SHM_PERM_BITS	3
#define RIG_SHM_VM_BITS		16
/*
 * Refusal of an overlapping bridge, in result[0] (a guess: TrustZone's
 * access-control errors are not public; any nonzero value fails v7.3)
 */
#define RIG_SHM_E_OVERLAP	15

struct rig_smc_bridge {
	bool used;
	u64 handle;
	phys_addr_t pa;
	size_t size;
	u32 ns_perms;
	u32 tz_perm;
	unsigned int nr_vms;
};

static DEFINE_SPINLOCK(rig_smc_bridge_lock);
static struct rig_smc_bridge rig_smc_bridges[RIG_SMC_MAX_BRIDGES];
static u64 rig_smc_next_handle = 0xb1d60000;
static bool rig_smc_bridge_enabled;

static bool rig_smc_bridge_available(void)
{
	return rig_smc_gen_bridges();
}

/* A carveout: memory outside the linear map (no-map reserved memory) */
static bool rig_smc_over_carveout(phys_addr_t pa)
{
	return !pfn_is_map_memory(PHYS_PFN(pa));
}

bool rig_smc_bridging(void)
{
	return READ_ONCE(rig_smc_bridge_enabled);
}

static void rig_smc_bridge_enable(struct rig_smc_call *c)
{
	WRITE_ONCE(rig_smc_bridge_enabled, true);
	c->a0 = RIG_SMC_OK;
	c->res[0] = 0;
	pr_info("SHM bridging enabled: TrustZone now uses bridged buffers only\n");
}

static struct rig_smc_bridge *rig_smc_overlap(phys_addr_t pa, size_t size)
{
	unsigned int i;

	for (i = 0; i < RIG_SMC_MAX_BRIDGES; i++) {
		struct rig_smc_bridge *b = &rig_smc_bridges[i];

		if (b->used && pa < b->pa + b->size && b->pa < pa + size)
			return b;
	}

	return NULL;
}

static void rig_smc_bridge_create(struct rig_smc_call *c)
{
	u64 pfn_perm = c->args[0], ipfn_perm = c->args[1];
	u64 size_flags = c->args[2], vmids = c->args[3];
	phys_addr_t pa = pfn_perm & ~RIG_SHM_FLAGS_MASK;
	phys_addr_t ipa = ipfn_perm & ~RIG_SHM_FLAGS_MASK;
	size_t size = size_flags & ~RIG_SHM_FLAGS_MASK;
	u32 flags = size_flags & RIG_SHM_FLAGS_MASK;
	u32 ns_perms = pfn_perm & RIG_SHM_FLAGS_MASK;
	u32 tz_perm = ipfn_perm & RIG_SHM_FLAGS_MASK;
	unsigned int nr_vms = (flags >> RIG_SHM_NUM_VM_SHIFT) & RIG_SHM_NUM_VM_MASK;
	struct rig_smc_bridge *b;
	unsigned long irqflags;
	unsigned int i;

	if (!rig_smc_bridging()) {
		rig_smc_fail(c, RIG_SMC_EOPNOTSUPP,
			     "bridge created before SHM bridging was enabled");
		return;
	}
	if (flags & ~(RIG_SHM_NUM_VM_MASK << RIG_SHM_NUM_VM_SHIFT)) {
		rig_smc_fail(c, RIG_SMC_EINVAL_ARG,
			     "size_and_flags %#llx: flags %#x (size not page-aligned, or hypervisor flags without a hypervisor)",
			     size_flags, flags);
		return;
	}
	if (!size) {
		rig_smc_fail(c, RIG_SMC_EINVAL_ARG, "size_and_flags %#llx: size 0", size_flags);
		return;
	}
	if (nr_vms < 1 || nr_vms > RIG_SHM_MAX_VMS) {
		rig_smc_fail(c, RIG_SMC_EINVAL_ARG,
			     "size_and_flags %#llx: %u VMs (size not page-aligned?)",
			     size_flags, nr_vms);
		return;
	}
	if (ipa != pa) {
		rig_smc_fail(c, RIG_SMC_EINVAL_ARG, "IPA %pa differs from PA %pa (no hypervisor)",
			     &ipa, &pa);
		return;
	}
	if (!(tz_perm & QCOM_SCM_PERM_READ) || tz_perm & ~QCOM_SCM_PERM_RWX) {
		rig_smc_fail(c, RIG_SMC_EINVAL_ARG,
			     "ipfn_and_s_perm_flags %#llx: TrustZone permissions %#x (address not page-aligned?)",
			     ipfn_perm, tz_perm);
		return;
	}
	if (ns_perms >> (RIG_SHM_PERM_BITS * nr_vms)) {
		rig_smc_fail(c, RIG_SMC_EINVAL_ARG,
			     "pfn_and_ns_perm_flags %#llx: permissions %#x for %u VMs (address not page-aligned?)",
			     pfn_perm, ns_perms, nr_vms);
		return;
	}
	if (nr_vms < RIG_SHM_MAX_VMS && vmids >> (RIG_SHM_VM_BITS * nr_vms)) {
		rig_smc_fail(c, RIG_SMC_EINVAL_ARG, "ns_vmids %#llx: more than %u VMs", vmids,
			     nr_vms);
		return;
	}
	for (i = 0; i < nr_vms; i++) {
		u32 vmid = (vmids >> (RIG_SHM_VM_BITS * i)) & 0xffff;
		u32 perm = (ns_perms >> (RIG_SHM_PERM_BITS * i)) & 0x7;

		if (vmid != QCOM_SCM_VMID_HLOS) {
			rig_smc_fail(c, RIG_SMC_EINVAL_ARG,
				     "ns_vmids %#llx: VMID %u is not a VM here",
				     vmids, vmid);
			return;
		}
		if (!(perm & QCOM_SCM_PERM_READ) || perm & QCOM_SCM_PERM_EXEC) {
			rig_smc_fail(c, RIG_SMC_EINVAL_ARG, "VM %u permissions %#x (need R, no X)",
				     vmid, perm);
			return;
		}
	}
	if (!memblock_is_region_memory(pa, size)) {
		rig_smc_fail(c, RIG_SMC_EINVAL_ADDR, "%pa+%#zx is not memory", &pa, size);
		return;
	}

	spin_lock_irqsave(&rig_smc_bridge_lock, irqflags);
	b = rig_smc_overlap(pa, size);
	if (b) {
		phys_addr_t opa = b->pa;
		size_t osize = b->size;

		spin_unlock_irqrestore(&rig_smc_bridge_lock, irqflags);
		c->a0 = RIG_SMC_OK;
		rig_smc_fail(c, RIG_SMC_OK, "%pa+%#zx overlaps bridge %pa+%#zx", &pa, size,
			     &opa, osize);
		c->res[0] = RIG_SHM_E_OVERLAP;
		return;
	}
	for (i = 0; i < RIG_SMC_MAX_BRIDGES && rig_smc_bridges[i].used; i++)
		;
	if (i == RIG_SMC_MAX_BRIDGES) {
		spin_unlock_irqrestore(&rig_smc_bridge_lock, irqflags);
		rig_smc_fail(c, RIG_SMC_ENOMEM, "no room for another bridge");
		return;
	}
	b = &rig_smc_bridges[i];
	*b = (struct rig_smc_bridge) {
		.used = true, .handle = rig_smc_next_handle++, .pa = pa,
		.size = size, .ns_perms = ns_perms, .tz_perm = tz_perm,
		.nr_vms = nr_vms,
	};
	c->a0 = RIG_SMC_OK;
	c->res[0] = 0;
	c->res[1] = b->handle;
	spin_unlock_irqrestore(&rig_smc_bridge_lock, irqflags);

	mutex_lock(&rig_tz.lock);
	if (rig_smc_over_carveout(pa))
		rig_tz.cnt.bridges_created++;
	else
		rig_tz.cnt.pool_bridges++;
	mutex_unlock(&rig_tz.lock);
}

static void rig_smc_bridge_delete(struct rig_smc_call *c)
{
	unsigned long flags;
	unsigned int i;

	spin_lock_irqsave(&rig_smc_bridge_lock, flags);
	for (i = 0; i < RIG_SMC_MAX_BRIDGES; i++) {
		struct rig_smc_bridge *b = &rig_smc_bridges[i];

		if (b->used && b->handle == c->args[0]) {
			b->used = false;
			spin_unlock_irqrestore(&rig_smc_bridge_lock, flags);
			c->a0 = RIG_SMC_OK;
			return;
		}
	}
	spin_unlock_irqrestore(&rig_smc_bridge_lock, flags);

	rig_smc_fail(c, RIG_SMC_EINVAL_ARG, "no bridge with handle %#llx", c->args[0]);
}

const struct rig_smc_handler rig_smc_bridge_handlers[] = {
	{ ARM_SMCCC_OWNER_SIP, RIG_SVC_MP, RIG_MP_SHM_BRIDGE_ENABLE,
	  "SHM_BRIDGE_ENABLE", 0, .available = rig_smc_bridge_available,
	  .handle = rig_smc_bridge_enable },
	{ ARM_SMCCC_OWNER_SIP, RIG_SVC_MP, RIG_MP_SHM_BRIDGE_CREATE,
	  "SHM_BRIDGE_CREATE", 4, .available = rig_smc_bridge_available,
	  .handle = rig_smc_bridge_create },
	{ ARM_SMCCC_OWNER_SIP, RIG_SVC_MP, RIG_MP_SHM_BRIDGE_DELETE,
	  "SHM_BRIDGE_DELETE", 1, .available = rig_smc_bridge_available,
	  .handle = rig_smc_bridge_delete },
};

const unsigned int rig_smc_nr_bridge_handlers = ARRAY_SIZE(rig_smc_bridge_handlers);

/* A live bridge over [pa, pa + size): exactly that range, or holding it */
static bool rig_smc_bridge_find(phys_addr_t pa, size_t size, bool exact, u64 *handle)
{
	unsigned long flags;
	bool found = false;
	unsigned int i;

	spin_lock_irqsave(&rig_smc_bridge_lock, flags);
	for (i = 0; i < RIG_SMC_MAX_BRIDGES && !found; i++) {
		struct rig_smc_bridge *b = &rig_smc_bridges[i];

		if (!b->used)
			continue;
		found = exact ? b->pa == pa && b->size == size :
				pa >= b->pa && pa + size <= b->pa + b->size;
		if (found && handle)
			*handle = b->handle;
	}
	spin_unlock_irqrestore(&rig_smc_bridge_lock, flags);

	return found;
}

/**
 * rig_smc_bridged() - is a range inside one live bridge
 * @pa:		start
 * @size:	size
 * @handle:	set to that bridge's handle, if not NULL
 *
 * Return: true if one live bridge covers the whole range.
 */
bool rig_smc_bridged(phys_addr_t pa, size_t size, u64 *handle)
{
	return rig_smc_bridge_find(pa, size, false, handle);
}

/**
 * rig_smc_bridge_exactly() - is there a live bridge over exactly this range
 * @pa:		start
 * @size:	size
 * @handle:	set to its handle, if not NULL
 *
 * Return: true if a live bridge starts at @pa and is @size long.
 */
bool rig_smc_bridge_exactly(phys_addr_t pa, size_t size, u64 *handle)
{
	return rig_smc_bridge_find(pa, size, true, handle);
}

/**
 * rig_smc_live_bridges() - count the bridges that exist now
 * @carveouts:	count those over carveouts, else those over pool areas
 *
 * Return: the number of such bridges.
 */
unsigned int rig_smc_live_bridges(bool carveouts)
{
	unsigned long flags;
	unsigned int i, n = 0;

	spin_lock_irqsave(&rig_smc_bridge_lock, flags);
	for (i = 0; i < RIG_SMC_MAX_BRIDGES; i++)
		n += rig_smc_bridges[i].used &&
		     rig_smc_over_carveout(rig_smc_bridges[i].pa) == carveouts;
	spin_unlock_irqrestore(&rig_smc_bridge_lock, flags);

	return n;
}
