// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fake power domains for the Qualcomm PAS test rig: a genpd provider with
 * two domains, 0 ("lcx") and 1 ("lmx"), standing for the RPMh power
 * domains a remote processor votes for until handover. The rig records
 * whether each domain is on and its performance state, so that the suites
 * can check that every vote is dropped.
 */

#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/pm_domain.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <qcom_pas_rig/power.h>

struct rig_power_domain {
	struct generic_pm_domain genpd;
	bool on;
	unsigned int perf;
};

static DEFINE_SPINLOCK(rig_power_lock);
static struct rig_power_domain *rig_power_domains;

static struct rig_power_domain *to_rig_pd(struct generic_pm_domain *genpd)
{
	return container_of(genpd, struct rig_power_domain, genpd);
}

static int rig_power_set(struct generic_pm_domain *genpd, bool on)
{
	spin_lock(&rig_power_lock);
	to_rig_pd(genpd)->on = on;
	spin_unlock(&rig_power_lock);

	return 0;
}

static int rig_power_on(struct generic_pm_domain *genpd)
{
	return rig_power_set(genpd, true);
}

static int rig_power_off(struct generic_pm_domain *genpd)
{
	return rig_power_set(genpd, false);
}

static int rig_power_set_perf(struct generic_pm_domain *genpd,
			      unsigned int state)
{
	spin_lock(&rig_power_lock);
	to_rig_pd(genpd)->perf = state;
	spin_unlock(&rig_power_lock);

	return 0;
}

/**
 * rig_power_get() - read the state of a fake power domain
 * @idx:	domain index in the provider (0 = lcx, 1 = lmx)
 * @on:		whether the domain is powered on
 * @perf:	its performance state
 *
 * Return: 0 on success, -ENODEV if there is no such domain.
 */
int rig_power_get(unsigned int idx, bool *on, unsigned int *perf)
{
	int ret = -ENODEV;

	spin_lock(&rig_power_lock);
	if (rig_power_domains && idx < RIG_POWER_DOMAINS) {
		*on = rig_power_domains[idx].on;
		*perf = rig_power_domains[idx].perf;
		ret = 0;
	}
	spin_unlock(&rig_power_lock);

	return ret;
}

static int rig_power_probe(struct platform_device *pdev)
{
	static const char * const names[RIG_POWER_DOMAINS] = { "rig-lcx", "rig-lmx" };
	struct device *dev = &pdev->dev;
	struct genpd_onecell_data *data;
	struct rig_power_domain *pds;
	unsigned int i;
	int ret;

	pds = devm_kcalloc(dev, RIG_POWER_DOMAINS, sizeof(*pds), GFP_KERNEL);
	data = devm_kzalloc(dev, sizeof(*data), GFP_KERNEL);
	if (!pds || !data)
		return -ENOMEM;

	data->domains = devm_kcalloc(dev, RIG_POWER_DOMAINS,
				     sizeof(*data->domains), GFP_KERNEL);
	if (!data->domains)
		return -ENOMEM;
	data->num_domains = RIG_POWER_DOMAINS;

	for (i = 0; i < RIG_POWER_DOMAINS; i++) {
		pds[i].genpd.name = names[i];
		pds[i].genpd.power_on = rig_power_on;
		pds[i].genpd.power_off = rig_power_off;
		pds[i].genpd.set_performance_state = rig_power_set_perf;
		/* Any level is accepted: no OPP table to describe in DT */
		pds[i].genpd.flags = GENPD_FLAG_OPP_TABLE_FW;
		ret = pm_genpd_init(&pds[i].genpd, NULL, true);
		if (ret)
			goto err_remove;
		data->domains[i] = &pds[i].genpd;
	}

	ret = of_genpd_add_provider_onecell(dev->of_node, data);
	if (ret)
		goto err_remove;

	spin_lock(&rig_power_lock);
	rig_power_domains = pds;
	spin_unlock(&rig_power_lock);

	return 0;

err_remove:
	while (i--)
		pm_genpd_remove(&pds[i].genpd);

	return dev_err_probe(dev, ret, "cannot register the power domains\n");
}

static const struct of_device_id rig_power_of_match[] = {
	{ .compatible = "qcom-pas-rig,power" },
	{ }
};

static struct platform_driver rig_power_driver = {
	.probe = rig_power_probe,
	.driver = {
		.name = "qcom-pas-rig-power",
		.of_match_table = rig_power_of_match,
		.suppress_bind_attrs = true,
	},
};

static int __init rig_power_init(void)
{
	return platform_driver_register(&rig_power_driver);
}
subsys_initcall(rig_power_init);
