// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fake SMMU for the Qualcomm PAS test rig: what a client may reach, read
 * back from the live page tables as the hardware's table walker would: the
 * output address through iova_to_phys(), the permissions and memory type
 * from the leaf entry that io-pgtable's walk returns (AP[2:1], AttrIndx
 * through the MAIR, XN), never from the prot the caller passed. The fake
 * TrustZone and the suites check mappings with it.
 */

#include <linux/bitfield.h>
#include <linux/io-pgtable.h>
#include <linux/iommu.h>
#include <linux/sizes.h>
#include <qcom_pas_rig/smmu.h>

#include "rig_smmu.h"

/*
 * Stage-1 long-descriptor leaf attributes (Arm ARM D8.3), read back from
 * the entries io-pgtable-arm writes: the hardware's view, kept separate
 * from io-pgtable-arm's own (private) definitions on purpose.
 */
#define RIG_PTE_TYPE		GENMASK_ULL(1, 0)
#define RIG_PTE_TYPE_BLOCK	1
#define RIG_PTE_TYPE_PAGE	3
#define RIG_PTE_ATTRINDX	GENMASK_ULL(4, 2)
#define RIG_PTE_AP_UNPRIV	BIT_ULL(6)
#define RIG_PTE_AP_RDONLY	BIT_ULL(7)
#define RIG_PTE_AF		BIT_ULL(10)
#define RIG_PTE_PXN		BIT_ULL(53)
#define RIG_PTE_UXN		BIT_ULL(54)
/* MAIR attribute: Device memory has outer attributes 0b0000 */
#define RIG_MAIR_OUTER		GENMASK(7, 4)
#define RIG_MAIR_WBRWA		0xff
#define RIG_LPAE_LEVELS		4

/**
 * rig_smmu_domain_read() - read one translation back from the page tables
 * @domain:	a rig paging domain
 * @iova:	IOVA to translate
 * @pa:		on success, the physical address @iova translates to
 * @pgsize:	on success, the size of the leaf entry that maps @iova
 * @prot:	on success, the access the leaf entry grants, as IOMMU_* flags:
 *		IOMMU_READ for any valid stage-1 leaf, IOMMU_WRITE unless
 *		AP[2] (read-only), IOMMU_PRIV unless AP[1] (EL0 access),
 *		IOMMU_MMIO for a Device memory type and IOMMU_CACHE for
 *		write-back Normal memory (AttrIndx through the MAIR),
 *		IOMMU_NOEXEC when XN is set
 *
 * The output address comes from io-pgtable's iova_to_phys(), the
 * attributes from the leaf entry its pgtable_walk() returns, as the SMMU's
 * table walker would see them.
 *
 * Return: 0 on success, -ENOENT if @iova is not mapped.
 */
int rig_smmu_domain_read(struct iommu_domain *domain, unsigned long iova,
			 phys_addr_t *pa, size_t *pgsize, int *prot)
{
	struct rig_smmu_domain *rd = to_rig_domain(domain);
	struct io_pgtable *iop = io_pgtable_ops_to_pgtable(rd->pgtbl);
	struct arm_lpae_io_pgtable_walk_data wd = {};
	unsigned int attr;
	int lvl;
	u64 pte;

	if (rd->pgtbl->pgtable_walk(rd->pgtbl, iova, &wd))
		return -ENOENT;

	/* The walk records one entry per level it visits, the leaf last */
	for (lvl = RIG_LPAE_LEVELS - 1; lvl >= 0 && !wd.ptes[lvl]; lvl--)
		;
	if (lvl < 1)
		return -ENOENT;
	pte = wd.ptes[lvl];
	if (FIELD_GET(RIG_PTE_TYPE, pte) !=
	    (lvl == RIG_LPAE_LEVELS - 1 ? RIG_PTE_TYPE_PAGE : RIG_PTE_TYPE_BLOCK) ||
	    !(pte & RIG_PTE_AF))
		return -ENOENT;

	/* 4K granule: 4K pages at level 3, 2M blocks at 2, 1G blocks at 1 */
	*pgsize = SZ_4K << (9 * (RIG_LPAE_LEVELS - 1 - lvl));
	*pa = rd->pgtbl->iova_to_phys(rd->pgtbl, iova);

	attr = (iop->cfg.arm_lpae_s1_cfg.mair >>
		(8 * FIELD_GET(RIG_PTE_ATTRINDX, pte))) & 0xff;
	*prot = IOMMU_READ;
	if (!(pte & RIG_PTE_AP_RDONLY))
		*prot |= IOMMU_WRITE;
	if (!(pte & RIG_PTE_AP_UNPRIV))
		*prot |= IOMMU_PRIV;
	if (!FIELD_GET(RIG_MAIR_OUTER, attr))
		*prot |= IOMMU_MMIO;
	else if (attr == RIG_MAIR_WBRWA)
		*prot |= IOMMU_CACHE;
	if ((pte & (RIG_PTE_PXN | RIG_PTE_UXN)) == (RIG_PTE_PXN | RIG_PTE_UXN))
		*prot |= IOMMU_NOEXEC;

	return 0;
}

/* The first attribute in which @got differs from @want, in words */
static const char *rig_smmu_prot_diff(int got, int want)
{
	int diff = got ^ want;

	if (diff & IOMMU_WRITE)
		return got & IOMMU_WRITE ? "writable, asked read-only" :
					   "read-only, asked writable";
	if (diff & IOMMU_MMIO)
		return got & IOMMU_MMIO ? "device memory, asked Normal" :
					  "Normal memory, asked device";
	if (diff & IOMMU_NOEXEC)
		return got & IOMMU_NOEXEC ? "no-exec, asked executable" :
					    "executable, asked no-exec";
	if (diff & IOMMU_PRIV)
		return got & IOMMU_PRIV ? "privileged only, asked unprivileged" :
					  "unprivileged, asked privileged";
	if (diff & IOMMU_CACHE)
		return got & IOMMU_CACHE ? "cacheable, asked non-cacheable" :
					   "non-cacheable, asked cacheable";

	return "unexpected attributes";
}

/**
 * rig_smmu_domain_check() - check a range against the page tables
 * @domain:	a rig paging domain
 * @iova:	first IOVA of the range
 * @pa:		physical address @iova must translate to
 * @size:	size of the range
 * @prot:	the exact IOMMU_* flags (as rig_smmu_domain_read() decodes them)
 *		every leaf of the range must have
 * @why:	on failure, what is wrong, naming the address and the bit
 * @len:	size of @why
 *
 * Return: 0 if every leaf entry of the range maps the matching physical
 * range with exactly @prot, -EACCES otherwise.
 */
int rig_smmu_domain_check(struct iommu_domain *domain, unsigned long iova,
			  phys_addr_t pa, size_t size, int prot, char *why,
			  size_t len)
{
	size_t off, pgsize;
	phys_addr_t got_pa;
	int got;

	for (off = 0; off < size; off += pgsize - ((iova + off) & (pgsize - 1))) {
		if (rig_smmu_domain_read(domain, iova + off, &got_pa, &pgsize, &got)) {
			snprintf(why, len, "IOVA %#lx not mapped", iova + off);
			return -EACCES;
		}
		if (got_pa != pa + off) {
			snprintf(why, len, "IOVA %#lx maps %pa, not %pa", iova + off,
				 &got_pa, &(phys_addr_t){ pa + off });
			return -EACCES;
		}
		if (got != prot) {
			snprintf(why, len, "IOVA %#lx %s", iova + off,
				 rig_smmu_prot_diff(got, prot));
			return -EACCES;
		}
	}

	return 0;
}

/**
 * rig_smmu_domain_covers() - check that a range is mapped contiguously
 * @domain:	a rig paging domain
 * @iova:	first IOVA of the range
 * @pa:		physical address @iova must translate to
 * @size:	size of the range
 * @prot:	IOMMU_* flags every page of the range must have (at least)
 *
 * Walks the range through the domain's page tables, as the hardware would
 * (rig_smmu_domain_read()).
 *
 * Return: true if every page of the range is mapped to the matching
 * physical page with at least @prot.
 */
bool rig_smmu_domain_covers(struct iommu_domain *domain, unsigned long iova,
			    phys_addr_t pa, size_t size, int prot)
{
	size_t off, pgsize;
	phys_addr_t got_pa;
	int got;

	for (off = 0; off < size; off += pgsize - ((iova + off) & (pgsize - 1))) {
		if (rig_smmu_domain_read(domain, iova + off, &got_pa, &pgsize, &got) ||
		    got_pa != pa + off || (got & prot) != prot)
			return false;
	}

	return true;
}
