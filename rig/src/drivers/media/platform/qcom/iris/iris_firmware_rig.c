// SPDX-License-Identifier: GPL-2.0-only
/*
 * The fixture and the checks of iris' firmware load tests on the Qualcomm
 * PAS test rig (iris_firmware_rig_test.c): an iris core of the tests' own
 * on a rig node, and what every load, unload and failure must leave
 * behind in the rig's fake SMMU and TrustZone.
 */

#include <kunit/test.h>
#include <linux/device.h>
#include <linux/firmware/qcom/qcom_pas.h>
#include <linux/iommu.h>
#include <linux/of.h>
#include <linux/of_platform.h>
#include <linux/of_reserved_mem.h>
#include <linux/platform_device.h>
#include <qcom_pas_rig/test.h>

#include "iris_firmware.h"
#include "iris_firmware_rig.h"

/* The packaged VPU firmware the rig builds in, as a vpu3x platform names it */
static const struct iris_firmware_desc iris_test_fw_desc = {
	.fwname = "qcom/vpu/vpu30_p4_s6.mbn",
};

/* As iris_platform_vpu3x.c has them */
static const struct tz_cp_config iris_test_cp[] = {
	{
		.cp_start = 0,
		.cp_size = 0x25800000,
		.cp_nonpixel_start = 0x01000000,
		.cp_nonpixel_size = 0x24800000,
	},
};

const struct iris_platform_data iris_test_pdata = {
	.firmware_desc_gen2 = &iris_test_fw_desc,
	.tz_cp_config_data = iris_test_cp,
	.tz_cp_config_data_size = ARRAY_SIZE(iris_test_cp),
};

static void iris_test_put_device(void *data)
{
	put_device(data);
}

static void iris_test_put_node(void *data)
{
	of_node_put(data);
}

/* An iris core on the rig node @compatible, its devres in a group of its own */
struct iris_test *iris_test_core(struct kunit *test, const char *compatible,
				 const struct iris_platform_data *pdata)
{
	struct platform_device *pdev;
	struct device_node *np;
	struct iris_test *it;

	it = kunit_kzalloc(test, sizeof(*it), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, it);

	np = of_find_compatible_node(NULL, NULL, compatible);
	KUNIT_ASSERT_NOT_NULL_MSG(test, np, "no %s node: not the rig's DTB?", compatible);
	pdev = of_find_device_by_node(np);
	/* Without a carveout it->mem stays empty: the no-memory-region case */
	of_reserved_mem_region_to_resource(np, 0, &it->mem);
	it->fw_np = of_get_child_by_name(np, "video-firmware");
	of_node_put(np);
	KUNIT_ASSERT_NOT_NULL(test, pdev);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, iris_test_put_device,
							&pdev->dev), 0);
	if (it->fw_np)
		KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, iris_test_put_node,
								it->fw_np), 0);

	it->core.dev = &pdev->dev;
	it->core.iris_platform_data = pdata;
	it->group = devres_open_group(it->core.dev, NULL, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, it->group);
	test->priv = it;

	it->bridged = rig_tz_bridged_images();
	rig_tz_reset_counters();
	rig_smmu_reset_counters();

	return it;
}

/**
 * iris_test_pas_node() - an iris core with its firmware device, on a node
 *			  with a video-firmware child
 * @test:	the test
 * @compatible:	the rig node
 * @pdata:	the platform data
 *
 * Return: the core, after iris_fw_dev_init() (asserted to succeed).
 */
struct iris_test *iris_test_pas_node(struct kunit *test, const char *compatible,
				     const struct iris_platform_data *pdata)
{
	struct iris_test *it;

	it = iris_test_core(test, compatible, pdata);
	KUNIT_ASSERT_EQ(test, iris_fw_dev_init(&it->core), 0);
	KUNIT_ASSERT_NOT_NULL(test, it->core.fw_dev);
	KUNIT_ASSERT_NOT_NULL(test, it->core.fw_domain);
	KUNIT_ASSERT_NOT_NULL(test, it->core.pas_ctx);
	/* The child node's device, on the platform bus, bound to no driver */
	KUNIT_EXPECT_PTR_EQ(test, it->core.fw_dev->of_node, it->fw_np);
	KUNIT_EXPECT_PTR_EQ(test, it->core.fw_dev->parent, it->core.dev);
	KUNIT_EXPECT_NULL(test, it->core.fw_dev->driver);
	/* The codec owns the PAS context: its messages name the codec */
	KUNIT_EXPECT_PTR_EQ(test, it->core.pas_ctx->dev, it->core.dev);
	KUNIT_ASSERT_TRUE(test, rig_smmu_is_rig_domain(it->core.fw_domain));
	KUNIT_ASSERT_PTR_EQ(test, iommu_get_domain_for_dev(it->core.fw_dev),
			    it->core.fw_domain);
	KUNIT_EXPECT_EQ(test, rig_smmu_mapped_bytes(it->core.fw_dev), 0);

	return it;
}

/* The same on the rig's sm8550-like node with iris_test_pdata */
struct iris_test *iris_test_pas_core(struct kunit *test)
{
	return iris_test_pas_node(test, "qcom-pas-rig,iris", &iris_test_pdata);
}

/* The video-firmware child has no device: never created, or destroyed */
void iris_test_check_no_fw_dev(struct kunit *test, struct iris_test *it)
{
	struct platform_device *pdev;

	KUNIT_EXPECT_NULL(test, it->core.fw_dev);
	KUNIT_EXPECT_NULL(test, it->core.fw_domain);
	KUNIT_EXPECT_NULL(test, it->core.pas_ctx);
	if (!it->fw_np)
		return;
	pdev = of_find_device_by_node(it->fw_np);
	KUNIT_EXPECT_NULL_MSG(test, pdev, "%pOF still has a device", it->fw_np);
	if (pdev)
		put_device(&pdev->dev);
	KUNIT_EXPECT_FALSE(test, of_node_check_flag(it->fw_np, OF_POPULATED));
}

/*
 * The suite's exit, after each case: what the case made goes as remove()
 * would have it go, and nothing is left running or held.
 */
void iris_test_exit(struct kunit *test)
{
	struct iris_test *it = test->priv;
	struct rig_smmu_counters s;
	struct rig_tz_counters t;
	bool had_domain;

	/* .exit runs before the actions that disarm the faults: the teardown needs them off */
	rig_tz_fail_call(0, 0);
	rig_smmu_fail_map_pages(0);
	if (!it)
		return;

	/* A test that failed with the firmware running: stop it as remove() */
	if (it->group && rig_tz_running(RIG_PAS_ID_VIDEO))
		iris_fw_unload(&it->core);

	/* What remove() leaves to devres: the firmware device and its domain */
	if (it->group) {
		had_domain = it->core.fw_domain;
		rig_smmu_reset_counters();
		devres_release_group(it->core.dev, it->group);
		iris_test_check_no_fw_dev(test, it);

		rig_smmu_get_counters(&s);
		KUNIT_EXPECT_EQ(test, s.domains_freed, had_domain ? 1 : 0);
		KUNIT_EXPECT_EQ(test, s.leaked_domains, 0);
		KUNIT_EXPECT_EQ(test, s.leaked_bytes, 0);
		KUNIT_EXPECT_EQ_MSG(test, s.misuse, 0, "IOMMU API misused (see the log)");
	}

	rig_tz_get_counters(&t);
	KUNIT_EXPECT_EQ_MSG(test, t.violations, 0, "%s", rig_tz_last_violation());
	KUNIT_EXPECT_FALSE(test, rig_tz_running(RIG_PAS_ID_VIDEO));
	/* Whatever the driver left running, so that the next test starts clean */
	if (rig_tz_running(RIG_PAS_ID_VIDEO))
		qcom_pas_shutdown(RIG_PAS_ID_VIDEO);
	KUNIT_EXPECT_EQ(test, rig_tz_bridged_images(), it->bridged);
}

/*
 * The driver holds no metadata: what init-image put in its PAS context went
 * back once TrustZone authenticated. TrustZone cannot tell a released
 * buffer from a kept one, so this is read from the context (only while the
 * firmware runs: the context is the codec device's, gone after a remove).
 */
static void iris_test_check_no_metadata(struct kunit *test, struct iris_test *it)
{
	if (it->core.pas_ctx)
		KUNIT_EXPECT_NULL_MSG(test, it->core.pas_ctx->ptr, "iris holds the metadata");
}

/* Nothing of the firmware left: not running, not mapped, nothing held */
void iris_test_check_clean(struct kunit *test, struct iris_test *it)
{
	struct rig_tz_counters t;

	KUNIT_EXPECT_FALSE(test, rig_tz_running(RIG_PAS_ID_VIDEO));
	if (it->core.fw_dev) {
		KUNIT_EXPECT_EQ(test, rig_smmu_mapped_bytes(it->core.fw_dev), 0);
		KUNIT_EXPECT_FALSE(test, it->core.fw_mapped);
	}
	KUNIT_EXPECT_EQ(test, rig_tz_bridged_images(), it->bridged);
	rig_tz_get_counters(&t);
	KUNIT_EXPECT_EQ_MSG(test, t.violations, 0, "%s", rig_tz_last_violation());
}

/*
 * The firmware runs from its carveout, mapped whole at its device address;
 * TrustZone has the bridge and the driver no longer holds the metadata.
 */
void iris_test_check_running(struct kunit *test, struct iris_test *it)
{
	size_t size = resource_size(&it->mem);
	unsigned long iova;
	int prot;

	KUNIT_EXPECT_TRUE(test, rig_tz_running(RIG_PAS_ID_VIDEO));
	KUNIT_EXPECT_TRUE(test, it->core.fw_mapped);
	KUNIT_EXPECT_EQ(test, rig_smmu_mapped_bytes(it->core.fw_dev), size);
	KUNIT_ASSERT_EQ(test, rig_smmu_find_iova(it->core.fw_dev, it->mem.start,
						 &iova, &prot), 0);
	KUNIT_EXPECT_EQ(test, iova, 0UL);
	KUNIT_EXPECT_EQ(test, prot & (IOMMU_READ | IOMMU_WRITE),
			IOMMU_READ | IOMMU_WRITE);
	KUNIT_EXPECT_TRUE(test, rig_smmu_domain_covers(it->core.fw_domain, 0,
						       it->mem.start, size,
						       IOMMU_READ | IOMMU_WRITE));
	KUNIT_EXPECT_EQ(test, rig_tz_bridged_images(), it->bridged + 1);
	iris_test_check_no_metadata(test, it);
}

void iris_test_load_unload(struct kunit *test, struct iris_test *it)
{
	KUNIT_ASSERT_EQ(test, iris_fw_load(&it->core), 0);
	iris_test_check_running(test, it);
	KUNIT_EXPECT_EQ(test, iris_fw_unload(&it->core), 0);
	iris_test_check_clean(test, it);
}

/* The firmware loaded, then TrustZone refuses the shutdown of its unload */
void iris_test_load_refused_unload(struct kunit *test, struct iris_test *it)
{
	KUNIT_ASSERT_EQ(test, iris_fw_load(&it->core), 0);
	iris_test_check_running(test, it);

	rig_fail_tz_call(test, 1, -EIO);
	KUNIT_EXPECT_EQ(test, iris_fw_unload(&it->core), -EIO);
}

/* iris_fw_dev_init() failed: no device, no domain, nothing asked of TZ */
void iris_test_check_init_unwound(struct kunit *test, struct iris_test *it,
				  unsigned long domains)
{
	struct rig_smmu_counters s;
	struct rig_tz_counters t;

	iris_test_check_no_fw_dev(test, it);
	rig_smmu_get_counters(&s);
	KUNIT_EXPECT_EQ(test, s.domains, domains);
	KUNIT_EXPECT_EQ(test, s.domains_freed, domains);
	KUNIT_EXPECT_EQ(test, s.leaked_domains, 0);
	KUNIT_EXPECT_EQ_MSG(test, s.misuse, 0, "IOMMU API misused (see the log)");
	KUNIT_EXPECT_EQ(test, s.map_calls, 0);
	rig_tz_get_counters(&t);
	KUNIT_EXPECT_EQ(test, t.calls, 0);
	KUNIT_EXPECT_EQ(test, rig_tz_bridged_images(), it->bridged);
}
