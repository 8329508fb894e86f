// SPDX-License-Identifier: GPL-2.0-only
/*
 * qcom,devmem for the Qualcomm PAS test rig: the windows a node describes,
 * one reader for the fake TrustZone (which checks them in the page tables
 * at authentication) and for the suites (which compute the expected
 * mappings from them), and the access both require of a window.
 */

#include <dt-bindings/remoteproc/qcom,pas-common.h>
#include <linux/iommu.h>
#include <linux/of.h>
#include <qcom_pas_rig/regions.h>

/**
 * rig_devmem_read() - read a node's qcom,devmem windows
 * @np:		the node
 * @windows:	room for RIG_DEVMEM_MAX_WINDOWS windows
 *
 * As the binding lays an entry out: <device-address physical-address size
 * access>, the addresses in the #address-cells of the node's parent, the
 * size in its #size-cells, access QCOM_PAS_DEVMEM_RO or QCOM_PAS_DEVMEM_RW.
 *
 * Return: the number of windows (0 without the property), -EINVAL if the
 * property is not whole entries, has more than the binding allows, or an
 * access the binding does not define.
 */
int rig_devmem_read(struct device_node *np, struct rig_window *windows)
{
	int na = of_n_addr_cells(np);
	int ns = of_n_size_cells(np);
	int cells = 2 * na + ns + 1;
	const __be32 *p;
	int len, n, i;

	p = of_get_property(np, "qcom,devmem", &len);
	if (!p)
		return 0;

	n = len / (cells * sizeof(*p));
	if (na > 2 || ns > 2 || !len || len % (cells * sizeof(*p)) ||
	    n > RIG_DEVMEM_MAX_WINDOWS)
		return -EINVAL;

	for (i = 0; i < n; i++, p += cells) {
		windows[i] = (struct rig_window) {
			.da = of_read_number(p, na),
			.pa = of_read_number(p + na, na),
			.size = of_read_number(p + 2 * na, ns),
			.access = be32_to_cpup(p + 2 * na + ns),
		};
		if (windows[i].access != QCOM_PAS_DEVMEM_RO &&
		    windows[i].access != QCOM_PAS_DEVMEM_RW)
			return -EINVAL;
	}

	return n;
}

/**
 * rig_devmem_prot() - the access a window is mapped with
 * @access:	QCOM_PAS_DEVMEM_RO or QCOM_PAS_DEVMEM_RW
 *
 * Return: IOMMU_* flags: Device memory, no-exec, read, and write exactly
 * for QCOM_PAS_DEVMEM_RW.
 */
int rig_devmem_prot(u32 access)
{
	int prot = IOMMU_READ | IOMMU_MMIO | IOMMU_NOEXEC;

	if (access == QCOM_PAS_DEVMEM_RW)
		prot |= IOMMU_WRITE;

	return prot;
}
