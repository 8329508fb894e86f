// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fake TrustZone for the Qualcomm PAS test rig: the image, as TrustZone
 * reads it. The metadata init_image hands over is an ELF header and program
 * header table followed by the hash segment, whose MBN header gives a table
 * of one SHA-384 digest per program header; authentication hashes every
 * loaded segment where TrustZone itself places it.
 */

#include <crypto/sha2.h>
#include <linux/device.h>
#include <linux/elf.h>
#include <linux/io.h>
#include <linux/sizes.h>
#include <linux/soc/qcom/mdt_loader.h>

#include "rig_tz.h"

/* Where the digest table starts after the MBN header, by header version */
#define RIG_MBN_V6_TABLE	168
#define RIG_MBN_V7_TABLE	288

static const struct elf32_phdr *rig_tz_phdrs(const struct rig_tz_pas *pas)
{
	const struct elf32_hdr *ehdr = pas->mdata;

	return pas->mdata + ehdr->e_phoff;
}

static bool rig_tz_loadable(const struct elf32_phdr *phdr)
{
	return phdr->p_type == PT_LOAD && phdr->p_memsz &&
	       (phdr->p_flags & QCOM_MDT_TYPE_MASK) != QCOM_MDT_TYPE_HASH;
}

/**
 * rig_tz_parse_metadata() - check the metadata as TrustZone would
 * @pas:	the peripheral, with its copy of the metadata
 *
 * The headers (the first program header's bytes) must match entry 0 of the
 * hash table; the loadable segments give where the image goes and whether
 * it is relocatable.
 *
 * Return: 0 if TrustZone accepts the metadata, -EINVAL otherwise.
 */
int rig_tz_parse_metadata(struct rig_tz_pas *pas)
{
	const struct elf32_hdr *ehdr = pas->mdata;
	const struct elf32_phdr *phdrs, *phdr;
	u8 digest[SHA384_DIGEST_SIZE];
	size_t hdr_len, hash_len, table_off, max_addr = 0;
	unsigned int i, hash = 0;
	const u32 *mbn;

	if (pas->mdata_len < sizeof(*ehdr) ||
	    memcmp(ehdr->e_ident, ELFMAG, SELFMAG) ||
	    ehdr->e_phentsize != sizeof(*phdr) || ehdr->e_phnum < 2)
		return -EINVAL;

	hdr_len = ehdr->e_phoff + ehdr->e_phnum * sizeof(*phdr);
	phdrs = pas->mdata + ehdr->e_phoff;
	if (hdr_len > pas->mdata_len || hdr_len > phdrs[0].p_filesz)
		return -EINVAL;

	for (i = 1; i < ehdr->e_phnum; i++) {
		if ((phdrs[i].p_flags & QCOM_MDT_TYPE_MASK) == QCOM_MDT_TYPE_HASH) {
			hash = i;
			break;
		}
	}
	if (!hash)
		return -EINVAL;

	/* The hash segment follows the first program header's bytes */
	hash_len = pas->mdata_len - phdrs[0].p_filesz;
	if (phdrs[0].p_filesz > pas->mdata_len || hash_len != phdrs[hash].p_filesz ||
	    hash_len < RIG_MBN_V6_TABLE)
		return -EINVAL;

	mbn = pas->mdata + phdrs[0].p_filesz;
	switch (mbn[1]) {
	case 6:
		table_off = RIG_MBN_V6_TABLE;
		break;
	case 7:
		table_off = RIG_MBN_V7_TABLE;
		break;
	default:
		return -EINVAL;
	}
	if (mbn[5] < ehdr->e_phnum * SHA384_DIGEST_SIZE ||
	    table_off + mbn[5] > hash_len)
		return -EINVAL;
	pas->table = (const u8 *)mbn + table_off;

	sha384(pas->mdata, hdr_len, digest);
	if (memcmp(digest, pas->table, SHA384_DIGEST_SIZE))
		return -EINVAL;

	pas->relocatable = false;
	pas->min_addr = PHYS_ADDR_MAX;
	for (i = 0; i < ehdr->e_phnum; i++) {
		phdr = &phdrs[i];
		if (!rig_tz_loadable(phdr))
			continue;
		if (phdr->p_filesz > phdr->p_memsz)
			return -EINVAL;
		if (phdr->p_flags & QCOM_MDT_RELOCATABLE)
			pas->relocatable = true;
		pas->min_addr = min_t(phys_addr_t, pas->min_addr, phdr->p_paddr);
		max_addr = max_t(size_t, max_addr,
				 ALIGN(phdr->p_paddr + phdr->p_memsz, SZ_4K));
	}
	if (pas->min_addr >= max_addr)
		return -EINVAL;
	pas->span = max_addr - pas->min_addr;

	return 0;
}

/**
 * rig_tz_check_hashes() - check every loaded segment against its digest
 * @pas:	the peripheral, with parsed metadata
 * @base:	the memory TrustZone authenticates the image in
 * @size:	its size
 *
 * Return: 0 if every segment is inside that memory and matches its digest,
 * -EACCES if one does not, -ENOMEM if the memory cannot be mapped.
 */
int rig_tz_check_hashes(struct rig_tz_pas *pas, phys_addr_t base, size_t size)
{
	const struct elf32_hdr *ehdr = pas->mdata;
	const struct elf32_phdr *phdrs = rig_tz_phdrs(pas);
	u8 digest[SHA384_DIGEST_SIZE];
	void __iomem *mem;
	phys_addr_t pa;
	unsigned int i;
	int ret = 0;

	mem = ioremap_wc(base, size);
	if (!mem)
		return -ENOMEM;

	for (i = 1; i < ehdr->e_phnum; i++) {
		const struct elf32_phdr *phdr = &phdrs[i];

		if (!rig_tz_loadable(phdr) || !phdr->p_filesz)
			continue;

		if (pas->relocatable)
			pa = pas->setup_addr + (phdr->p_paddr - pas->min_addr);
		else
			pa = phdr->p_paddr;

		if (pa < base || pa + phdr->p_filesz > base + size) {
			pr_err("rig_tz: PAS %u: segment %u at %pa outside its memory\n",
			       pas->pas_id, i, &pa);
			ret = -EACCES;
			break;
		}

		sha384((__force const u8 *)mem + (pa - base), phdr->p_filesz, digest);
		if (memcmp(digest, pas->table + i * SHA384_DIGEST_SIZE,
			   SHA384_DIGEST_SIZE)) {
			pr_err("rig_tz: PAS %u: segment %u does not match its hash\n",
			       pas->pas_id, i);
			rig_tz.cnt.hash_mismatch++;
			ret = -EACCES;
			break;
		}
	}

	iounmap(mem);

	return ret;
}
