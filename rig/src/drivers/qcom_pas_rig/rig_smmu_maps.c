// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fake SMMU for the Qualcomm PAS test rig: the record of what a paging
 * domain maps, one entry a map_pages() call, split as parts are unmapped.
 * It answers what the page tables cannot answer cheaply: whether a range
 * overlaps a mapping (a map over it is refused, as io-pgtable refuses it),
 * how much of a range is mapped (an unmap of the rest is a misuse), where
 * a physical address is mapped, and how many bytes are. The caller holds
 * the SMMU's lock.
 */

#include <linux/slab.h>

#include "rig_smmu.h"

/**
 * rig_smmu_maps_overlap() - tell whether a range overlaps a mapping
 * @rd:		the domain
 * @iova:	first device address
 * @size:	bytes
 *
 * Return: true if any byte of the range is mapped.
 */
bool rig_smmu_maps_overlap(struct rig_smmu_domain *rd, unsigned long iova,
			   size_t size)
{
	struct rig_smmu_map *map;

	list_for_each_entry(map, &rd->maps, node)
		if (map->iova < iova + size && iova < map->iova + map->size)
			return true;

	return false;
}

/**
 * rig_smmu_maps_covered() - count the mapped bytes of a range
 * @rd:		the domain
 * @iova:	first device address
 * @size:	bytes
 *
 * Return: how many bytes of the range are mapped (the record's entries do
 * not overlap: a map over a mapping is refused).
 */
size_t rig_smmu_maps_covered(struct rig_smmu_domain *rd, unsigned long iova,
			     size_t size)
{
	unsigned long end = iova + size;
	struct rig_smmu_map *map;
	size_t covered = 0;

	list_for_each_entry(map, &rd->maps, node) {
		unsigned long lo = max(iova, map->iova);
		unsigned long hi = min(end, map->iova + map->size);

		if (lo < hi)
			covered += hi - lo;
	}

	return covered;
}

/**
 * rig_smmu_maps_forget() - drop a range from the record, splitting entries
 * @rd:		the domain
 * @iova:	first device address
 * @size:	bytes
 *
 * Return: the bytes still mapped that the record lost (no memory to split
 * an entry): the caller counts them as leaked, which fails the run.
 */
size_t rig_smmu_maps_forget(struct rig_smmu_domain *rd, unsigned long iova,
			    size_t size)
{
	unsigned long end = iova + size;
	struct rig_smmu_map *map, *tmp, *tail;
	size_t lost = 0;

	list_for_each_entry_safe(map, tmp, &rd->maps, node) {
		unsigned long m_end = map->iova + map->size;

		if (m_end <= iova || map->iova >= end)
			continue;

		if (map->iova < iova && m_end > end) {
			tail = kmalloc_obj(*tail, GFP_ATOMIC);
			if (tail) {
				tail->iova = end;
				tail->pa = map->pa + (end - map->iova);
				tail->size = m_end - end;
				list_add(&tail->node, &map->node);
			} else {
				lost += m_end - end;
			}
			map->size = iova - map->iova;
		} else if (map->iova < iova) {
			map->size = iova - map->iova;
		} else if (m_end > end) {
			map->pa += end - map->iova;
			map->size = m_end - end;
			map->iova = end;
		} else {
			list_del(&map->node);
			kfree(map);
		}
	}

	return lost;
}

/**
 * rig_smmu_maps_find_pa() - find where a domain maps a physical address
 * @rd:		the domain
 * @pa:		physical address
 * @iova:	on success, the device address mapping @pa
 *
 * Return: 0 on success, -ENOENT if @pa is not mapped.
 */
int rig_smmu_maps_find_pa(struct rig_smmu_domain *rd, phys_addr_t pa,
			  unsigned long *iova)
{
	struct rig_smmu_map *map;

	list_for_each_entry(map, &rd->maps, node) {
		if (pa >= map->pa && pa - map->pa < map->size) {
			*iova = map->iova + (pa - map->pa);
			return 0;
		}
	}

	return -ENOENT;
}

/**
 * rig_smmu_maps_bytes() - count the bytes a domain maps
 * @rd:		the domain
 *
 * Return: the bytes mapped.
 */
size_t rig_smmu_maps_bytes(struct rig_smmu_domain *rd)
{
	struct rig_smmu_map *map;
	size_t bytes = 0;

	list_for_each_entry(map, &rd->maps, node)
		bytes += map->size;

	return bytes;
}
