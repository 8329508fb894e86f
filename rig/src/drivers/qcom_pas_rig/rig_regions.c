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
 * Return: the number of windows (0 without the property), -EINVAL if the
 * property is not whole windows or has too many, or the error of reading it.
 */
int rig_devmem_read(const struct device_node *np, struct rig_window *windows)
{
	int n = of_property_count_u32_elems(np, "qcom,devmem");
	int ret;

	if (n <= 0)
		return 0;
	if (n % RIG_DEVMEM_CELLS || n / RIG_DEVMEM_CELLS > RIG_DEVMEM_MAX_WINDOWS)
		return -EINVAL;

	ret = of_property_read_u32_array(np, "qcom,devmem", (u32 *)windows, n);

	return ret ?: n / RIG_DEVMEM_CELLS;
}

/**
 * rig_devmem_prot() - the access a window is mapped with
 * @attrs:	its QCOM_DEVMEM_* attributes
 *
 * Return: IOMMU_* flags: Device memory, no-exec, read, and write exactly
 * when @attrs asks for it.
 */
int rig_devmem_prot(u32 attrs)
{
	int prot = IOMMU_READ | IOMMU_MMIO | IOMMU_NOEXEC;

	if (attrs & QCOM_DEVMEM_WRITE)
		prot |= IOMMU_WRITE;

	return prot;
}
