// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fake TrustZone for the Qualcomm PAS test rig: how Linux reaches it.
 *
 * The "qcom-pas-rig,tz" node's driver registers the state machine
 * (rig_tz_pas.c) as the qcom_pas_ops backend, in place of the SCM one, and
 * answers the content-protection SCM call that no backend serves
 * (rig_tz_video_cp.c).
 */

#include <linux/firmware/qcom/qcom_pas.h>
#include <linux/of.h>
#include <linux/platform_device.h>

/*
 * struct qcom_pas_ops and its registration are internal to
 * drivers/firmware/qcom: the rig's Makefile puts that directory on this
 * file's include path (and no other's), so this is its qcom_pas.h.
 */
#include "qcom_pas.h"
#include "rig_tz.h"

static struct qcom_pas_ops rig_tz_ops = {
	.drv_name		= "qcom-pas-rig-tz",
	.supported		= rig_tz_supported,
	.init_image		= rig_tz_init_image,
	.mem_setup		= rig_tz_mem_setup,
	.get_rsc_table		= rig_tz_get_rsc_table,
	.rsc_table_available	= rig_tz_rsc_table_available,
	.prepare_and_auth_reset	= rig_tz_prepare_and_auth_reset,
	.auth_and_reset		= rig_tz_auth_and_reset,
	.set_remote_state	= rig_tz_set_remote_state,
	.shutdown		= rig_tz_shutdown,
	.metadata_release	= rig_tz_metadata_release,
};

static int rig_tz_probe(struct platform_device *pdev)
{
	int ret;

	if (qcom_pas_is_available())
		return dev_err_probe(&pdev->dev, -EBUSY,
				     "another PAS backend is registered\n");

	ret = rig_tz_video_cp_register();
	if (ret)
		return dev_err_probe(&pdev->dev, ret,
				     "cannot answer the content-protection call\n");

	rig_tz.dev = &pdev->dev;
	rig_tz_ops.dev = &pdev->dev;
	qcom_pas_ops_register(&rig_tz_ops);

	return 0;
}

static const struct of_device_id rig_tz_of_match[] = {
	{ .compatible = "qcom-pas-rig,tz" },
	{ }
};

static struct platform_driver rig_tz_driver = {
	.probe = rig_tz_probe,
	.driver = {
		.name = "qcom-pas-rig-tz",
		.of_match_table = rig_tz_of_match,
		.suppress_bind_attrs = true,
	},
};

static int __init rig_tz_init(void)
{
	return platform_driver_register(&rig_tz_driver);
}
subsys_initcall(rig_tz_init);
