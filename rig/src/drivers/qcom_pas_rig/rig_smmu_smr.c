// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fake SMMU for the Qualcomm PAS test rig: stream matching, as arm-smmu
 * does it (drivers/iommu/arm/arm-smmu/arm-smmu.c: arm_smmu_find_sme(),
 * arm_smmu_master_alloc_smes(), arm_smmu_device_group()).
 *
 * Each "iommus" entry of a master, <SID mask>, takes a stream match
 * register (SMR) that matches every stream ID equal to SID outside the
 * mask. An entry that an existing SMR covers shares that SMR, and masters
 * sharing an SMR share one IOMMU group: a domain attached to one reaches
 * all, and iommu_attach_device() refuses a group of two. An entry that
 * overlaps an existing SMR without being covered by it is refused when
 * the master is probed, as arm-smmu refuses it: the two SMRs would match
 * one stream, a stream match conflict the hardware reports as a global
 * fault (GFSR.SMCF). The SMRs the boot firmware left valid, which
 * arm-smmu-qcom keeps at EL2, take part: "qcom-pas-rig,boot-smrs" lists
 * them. A stream that no SMR matches faults: rig_smmu_stream_matches()
 * tells the fake TrustZone how many SMRs match a stream.
 */

#include <linux/iommu.h>
#include <linux/mutex.h>
#include <linux/of.h>
#include <linux/slab.h>
#include <qcom_pas_rig/smmu.h>

#include "rig_fakes.h"
#include "rig_smmu.h"

/* As many stream-match groups as SC8280XP's and SA8775p's apps SMMU */
#define RIG_SMMU_NUM_SMRS	256
#define RIG_SMMU_SID_MASK	0xffff

/**
 * struct rig_smmu_smr - a stream match register and its stream-to-context
 *			 entry
 * @id:		the stream ID it matches
 * @mask:	the ID bits it ignores
 * @boot:	left valid by the boot firmware
 * @masters:	iommus entries of probed masters that use it
 * @group:	the IOMMU group of those masters
 */
struct rig_smmu_smr {
	u16 id;
	u16 mask;
	bool boot;
	unsigned int masters;
	struct iommu_group *group;
};

/* The SMRs a master uses, one per iommus entry (dev_iommu_priv) */
struct rig_smmu_master {
	unsigned int num;
	int idx[] __counted_by(num);
};

static DEFINE_MUTEX(rig_smmu_smr_lock);
static struct rig_smmu_smr rig_smmu_smrs[RIG_SMMU_NUM_SMRS];

static bool rig_smmu_smr_valid(const struct rig_smmu_smr *smr)
{
	return smr->boot || smr->masters;
}

/*
 * The SMR for <@id @mask>: one that covers it, else a free one; -EINVAL
 * for one that overlaps it without covering it, -ENOSPC when all are used
 */
static int rig_smmu_smr_find(u16 id, u16 mask)
{
	int i, free = -ENOSPC;

	for (i = 0; i < RIG_SMMU_NUM_SMRS; i++) {
		const struct rig_smmu_smr *smr = &rig_smmu_smrs[i];

		if (!rig_smmu_smr_valid(smr)) {
			if (free < 0)
				free = i;
			continue;
		}
		if ((mask & smr->mask) == mask && !((id ^ smr->id) & ~smr->mask))
			return i;
		if (!((id ^ smr->id) & ~(smr->mask | mask)))
			return -EINVAL;
	}

	return free;
}

static void rig_smmu_smr_put(int idx)
{
	struct rig_smmu_smr *smr = &rig_smmu_smrs[idx];

	if (!--smr->masters)
		smr->group = NULL;
}

/**
 * rig_smmu_smr_init() - take the SMRs the boot firmware left valid
 * @np:		the SMMU's node, "qcom-pas-rig,boot-smrs" = <SID mask> ...
 *
 * Return: 0, or -EINVAL for a malformed list or entries that conflict.
 */
int rig_smmu_smr_init(struct device_node *np)
{
	int i, n, idx;
	u32 id, mask;

	n = of_property_count_u32_elems(np, "qcom-pas-rig,boot-smrs");
	if (n == -EINVAL)
		return 0;
	if (n < 0 || n % 2)
		return -EINVAL;

	mutex_lock(&rig_smmu_smr_lock);
	for (i = 0; i < n; i += 2) {
		of_property_read_u32_index(np, "qcom-pas-rig,boot-smrs", i, &id);
		of_property_read_u32_index(np, "qcom-pas-rig,boot-smrs", i + 1, &mask);
		idx = rig_smmu_smr_find(id, mask);
		if (idx < 0 || rig_smmu_smr_valid(&rig_smmu_smrs[idx]))
			break;
		rig_smmu_smrs[idx] = (struct rig_smmu_smr) {
			.id = id, .mask = mask, .boot = true,
		};
	}
	mutex_unlock(&rig_smmu_smr_lock);

	return i < n ? -EINVAL : 0;
}

/**
 * rig_smmu_smr_alloc() - give a master the SMRs of its iommus entries
 * @dev:	the master, its fwspec naming the rig's SMMU
 *
 * Return: 0, -ENOMEM, -ENOSPC, or -EINVAL for a stream match conflict.
 */
int rig_smmu_smr_alloc(struct device *dev)
{
	struct iommu_fwspec *fwspec = dev_iommu_fwspec_get(dev);
	struct rig_smmu_master *master;
	unsigned int i;
	int idx = 0;

	master = kzalloc(struct_size(master, idx, fwspec->num_ids), GFP_KERNEL);
	if (!master)
		return -ENOMEM;

	mutex_lock(&rig_smmu_smr_lock);
	for (i = 0; i < fwspec->num_ids; i++) {
		u16 id = fwspec->ids[i] & RIG_SMMU_SID_MASK;
		u16 mask = fwspec->ids[i] >> 16;

		idx = rig_smmu_smr_find(id, mask);
		if (idx < 0) {
			dev_err(dev, "stream %#x mask %#x: %s\n", id, mask,
				idx == -EINVAL ? "stream match conflict with an SMR in use" :
				"no free SMR");
			break;
		}
		if (!rig_smmu_smr_valid(&rig_smmu_smrs[idx]))
			rig_smmu_smrs[idx] = (struct rig_smmu_smr) { .id = id, .mask = mask };
		rig_smmu_smrs[idx].masters++;
		master->num = i + 1;
		master->idx[i] = idx;
	}
	if (idx < 0) {
		while (master->num)
			rig_smmu_smr_put(master->idx[--master->num]);
		kfree(master);
	} else {
		dev_iommu_priv_set(dev, master);
	}
	mutex_unlock(&rig_smmu_smr_lock);

	return idx < 0 ? idx : 0;
}

/**
 * rig_smmu_smr_free() - release a master's SMRs
 * @dev:	the master
 */
void rig_smmu_smr_free(struct device *dev)
{
	struct rig_smmu_master *master = dev_iommu_priv_get(dev);
	unsigned int i;

	mutex_lock(&rig_smmu_smr_lock);
	for (i = 0; i < master->num; i++)
		rig_smmu_smr_put(master->idx[i]);
	mutex_unlock(&rig_smmu_smr_lock);
	dev_iommu_priv_set(dev, NULL);
	kfree(master);
}

/**
 * rig_smmu_smr_group() - the IOMMU group of a master: that of the masters it
 *			  shares an SMR with, or a new one
 * @dev:	the master
 *
 * Return: the group, or ERR_PTR(-EINVAL) if its SMRs belong to two groups.
 */
struct iommu_group *rig_smmu_smr_group(struct device *dev)
{
	struct rig_smmu_master *master = dev_iommu_priv_get(dev);
	struct iommu_group *group = NULL;
	unsigned int i;

	mutex_lock(&rig_smmu_smr_lock);
	for (i = 0; i < master->num; i++) {
		struct iommu_group *g = rig_smmu_smrs[master->idx[i]].group;

		if (g && group && g != group) {
			group = ERR_PTR(-EINVAL);
			goto out;
		}
		group = g ?: group;
	}
	if (group) {
		group = iommu_group_ref_get(group);
		goto out;
	}
	group = generic_device_group(dev);
	if (!IS_ERR(group))
		for (i = 0; i < master->num; i++)
			rig_smmu_smrs[master->idx[i]].group = group;
out:
	mutex_unlock(&rig_smmu_smr_lock);

	return group;
}

/**
 * rig_smmu_stream_matches() - how many valid SMRs match a stream ID
 * @sid:	the stream ID a master emits
 *
 * Return: 0 (the stream's transactions fault), 1, or more (a stream match
 * conflict).
 */
unsigned int rig_smmu_stream_matches(u16 sid)
{
	unsigned int i, n = 0;

	mutex_lock(&rig_smmu_smr_lock);
	for (i = 0; i < RIG_SMMU_NUM_SMRS; i++) {
		const struct rig_smmu_smr *smr = &rig_smmu_smrs[i];

		n += rig_smmu_smr_valid(smr) && !((sid ^ smr->id) & ~smr->mask);
	}
	mutex_unlock(&rig_smmu_smr_lock);

	return n;
}
