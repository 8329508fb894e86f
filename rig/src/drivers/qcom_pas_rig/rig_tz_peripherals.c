// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fake TrustZone for the Qualcomm PAS test rig: the peripherals it knows,
 * and what it requires of each when Linux owns its stream. This is the
 * rig's hardware truth table: where the carveout sits in the peripheral's
 * address space (identity: at its physical address; video runs its
 * firmware at 0), the access the page tables must grant there (read/write,
 * executable, Normal memory, privileged only for video), and the
 * device-memory windows its firmware reaches, which the operating system
 * maps when TrustZone has no resource-table call. The windows come from the
 * hardware's side, never from the node the driver reads: a node that
 * describes them wrongly fails the authentication.
 *
 * TrustZone is told a PAS id and addresses, nothing of Linux's devices. It
 * finds where an image runs from the machine's description: the carveout
 * is the /reserved-memory region that holds the image, and the stream that
 * fetches it is that of the device whose node names the region in its
 * memory-region (for video, of the device made from its video-firmware
 * child: without one, a hypervisor owns the firmware stream).
 */

#include <linux/iommu.h>
#include <linux/kernel.h>
#include <linux/of.h>
#include <linux/of_address.h>
#include <linux/of_platform.h>
#include <linux/platform_device.h>
#include <qcom_pas_rig/hw_sa8775p.h>
#include <qcom_pas_rig/smmu.h>
#include <qcom_pas_rig/pas_ids.h>
#include <qcom_pas_rig/regions.h>

#include "rig_tz.h"

/* Video's firmware is reachable from privileged accesses only */
#define RIG_TZ_VIDEO_PROT	(RIG_CARVEOUT_PROT | IOMMU_PRIV)

/*
 * The LPAICP is no SoC's: the rig places its two register blocks in QEMU
 * virt's unused platform-bus MMIO (0xc000000), never System RAM, and its
 * firmware reads the first and writes the second.
 */
static const struct rig_hw_window rig_hw_lpaicp_windows[] = {
	{ .pa = 0xc000000, .size = 0x1000, .prot = RIG_HW_RO },
	{ .pa = 0xc010000, .size = 0x4000, .prot = RIG_HW_RW },
};

static const struct rig_tz_periph rig_tz_periphs[] = {
	{ RIG_PAS_ID_ADSP, "adsp", true, 0, RIG_CARVEOUT_PROT,
	  rig_hw_sa8775p_adsp_windows, ARRAY_SIZE(rig_hw_sa8775p_adsp_windows) },
	{ RIG_PAS_ID_VIDEO, "video", false, 0, RIG_TZ_VIDEO_PROT },
	{ RIG_PAS_ID_LPAICP, "lpaicp", true, 0, RIG_CARVEOUT_PROT,
	  rig_hw_lpaicp_windows, ARRAY_SIZE(rig_hw_lpaicp_windows) },
	{ RIG_PAS_ID_LPAICP_DTB, "lpaicp dtb", true, 0, RIG_CARVEOUT_PROT },
};

/**
 * rig_tz_periph() - what TrustZone requires of a peripheral
 * @pas_id:	its PAS id
 *
 * Return: its entry, NULL for a peripheral this TrustZone does not know.
 */
const struct rig_tz_periph *rig_tz_periph(u32 pas_id)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(rig_tz_periphs); i++)
		if (rig_tz_periphs[i].pas_id == pas_id)
			return &rig_tz_periphs[i];

	return NULL;
}

/* The /reserved-memory region holding [image, image + size) */
static struct device_node *rig_tz_carveout(phys_addr_t image, size_t size,
					   struct resource *res)
{
	struct device_node *rmem, *np;

	rmem = of_find_node_by_path("/reserved-memory");
	if (!rmem)
		return NULL;

	for_each_child_of_node(rmem, np) {
		if (of_address_to_resource(np, 0, res))
			continue;
		if (image >= res->start && image + size - 1 <= res->end)
			break;
	}
	of_node_put(rmem);

	return np;
}

static bool rig_tz_names_region(struct device_node *np, struct device_node *region)
{
	struct device_node *r;
	bool found = false;
	int i;

	for (i = 0; !found && (r = of_parse_phandle(np, "memory-region", i)); i++) {
		found = r == region;
		of_node_put(r);
	}

	return found;
}

/* The device whose stream fetches the image of a node's peripheral */
static struct device *rig_tz_node_stream(struct device_node *np, bool video,
					 bool *linux_stream)
{
	struct platform_device *pdev;
	struct device_node *fw = NULL;

	*linux_stream = false;
	if (video) {
		fw = of_get_child_by_name(np, "video-firmware");
		if (!fw)
			return NULL;
		np = fw;
	}
	pdev = of_find_device_by_node(np);
	of_node_put(fw);
	if (!pdev)
		return NULL;

	*linux_stream = rig_smmu_owns_stream(&pdev->dev);

	return &pdev->dev;
}

/**
 * rig_tz_find_stream() - where an image runs, from the machine's description
 * @pas_id:	the peripheral's PAS id
 * @image:	the image as TrustZone authenticates it
 * @size:	its size
 * @s:		filled in; put_device(@s->dev) when done
 *
 * Of the enabled nodes naming the carveout, the first whose stream Linux
 * owns and whose device exists (nodes may share a carveout; only one of
 * them loads at a time).
 *
 * An image outside every carveout, or whose carveout no device with a
 * stream Linux owns names, runs on a stream Linux does not own (v7.3's path
 * without iommus, or a hypervisor's): @s->linux_stream false.
 *
 * Return: 0.
 */
int rig_tz_find_stream(u32 pas_id, phys_addr_t image, size_t size,
		       struct rig_tz_stream *s)
{
	bool video = pas_id == RIG_PAS_ID_VIDEO, linux_stream;
	struct device_node *region, *np;
	struct resource res;
	struct device *dev;

	*s = (struct rig_tz_stream) {};
	region = rig_tz_carveout(image, size, &res);
	if (!region)
		return 0;
	s->mem = res.start;
	s->size = resource_size(&res);

	for_each_node_with_property(np, "memory-region") {
		if (!of_device_is_available(np) || !rig_tz_names_region(np, region))
			continue;
		dev = rig_tz_node_stream(np, video, &linux_stream);
		if (!dev)
			continue;
		if (!s->dev || (linux_stream && !s->linux_stream)) {
			if (s->dev)
				put_device(s->dev);
			s->dev = dev;
			s->linux_stream = linux_stream;
		} else {
			put_device(dev);
		}
	}
	of_node_put(region);

	return 0;
}
