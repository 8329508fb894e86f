// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fake SMP2P for the Qualcomm PAS test rig: the remote processor's side.
 *
 * Each "qcom-pas-rig,smp2p" node stands for one remote processor, named by
 * its PAS id. It is an interrupt controller for the lines the remote raises
 * (wdog, fatal, ready, handover, stop-ack; nested threaded interrupts, as
 * on SMP2P, with their line level readable) and a smem-state provider for
 * the "stop" bit Linux sets. The remote "boots" when the fake TrustZone
 * authenticates its image (ready, then handover), acknowledges a stop
 * request while running, and crashes (fatal) when a test asks.
 */

#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/irqdomain.h>
#include <linux/list.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/soc/qcom/smem_state.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include <qcom_pas_rig/smp2p.h>

#include "rig_fakes.h"

struct rig_smp2p {
	struct device *dev;
	u32 pas_id;
	struct irq_domain *domain;
	struct qcom_smem_state *state;
	struct work_struct work;
	struct list_head node;

	/* Protected by rig_smp2p_lock */
	unsigned long level;
	unsigned long pending;
	bool running;
};

static DEFINE_SPINLOCK(rig_smp2p_lock);
static LIST_HEAD(rig_smp2p_list);
static enum rig_smp2p_boot rig_smp2p_boot_mode;

static struct rig_smp2p *rig_smp2p_find(u32 pas_id)
{
	struct rig_smp2p *s;

	list_for_each_entry(s, &rig_smp2p_list, node)
		if (s->pas_id == pas_id)
			return s;

	return NULL;
}

/*
 * The order a remote raises its lines in: proxy resources are handed over
 * before the remote reports ready, so that a completed start has no proxy
 * vote left.
 */
static const enum rig_smp2p_line rig_smp2p_order[] = {
	RIG_SMP2P_WDOG,
	RIG_SMP2P_FATAL,
	RIG_SMP2P_HANDOVER,
	RIG_SMP2P_READY,
	RIG_SMP2P_STOP_ACK,
};

/* Raise the pending lines in thread context, as SMP2P's handler does */
static void rig_smp2p_work(struct work_struct *work)
{
	struct rig_smp2p *s = container_of(work, struct rig_smp2p, work);
	unsigned long pending;
	unsigned int i, virq;

	spin_lock_irq(&rig_smp2p_lock);
	pending = s->pending;
	s->pending = 0;
	spin_unlock_irq(&rig_smp2p_lock);

	for (i = 0; i < ARRAY_SIZE(rig_smp2p_order); i++) {
		if (!(pending & BIT(rig_smp2p_order[i])))
			continue;

		virq = irq_find_mapping(s->domain, rig_smp2p_order[i]);
		if (virq)
			handle_nested_irq(virq);
	}
}

static void rig_smp2p_set(struct rig_smp2p *s, unsigned long lines)
{
	s->level |= lines;
	s->pending |= lines;
	queue_work(system_dfl_wq, &s->work);
}

/**
 * rig_smp2p_booted() - the remote processor came out of reset
 * @pas_id:	PAS id of the remote processor
 *
 * Raises ready and handover, or what rig_smp2p_set_boot() asked for: a
 * remote that hangs after reset, before or after it hands over. Called by
 * the fake TrustZone after a successful authentication; ids without an
 * SMP2P node are ignored.
 */
void rig_smp2p_booted(u32 pas_id)
{
	struct rig_smp2p *s;

	spin_lock_irq(&rig_smp2p_lock);
	s = rig_smp2p_find(pas_id);
	if (s) {
		s->running = true;
		if (rig_smp2p_boot_mode == RIG_SMP2P_BOOTS)
			rig_smp2p_set(s, BIT(RIG_SMP2P_READY) | BIT(RIG_SMP2P_HANDOVER));
		else if (rig_smp2p_boot_mode == RIG_SMP2P_HANDOVER_ONLY)
			rig_smp2p_set(s, BIT(RIG_SMP2P_HANDOVER));
	}
	spin_unlock_irq(&rig_smp2p_lock);
}

/**
 * rig_smp2p_shut_down() - the remote processor was shut down
 * @pas_id:	PAS id of the remote processor
 *
 * Drops every line, as a remote coming out of reset again would.
 */
void rig_smp2p_shut_down(u32 pas_id)
{
	struct rig_smp2p *s;

	spin_lock_irq(&rig_smp2p_lock);
	s = rig_smp2p_find(pas_id);
	if (s) {
		s->running = false;
		s->level = 0;
	}
	spin_unlock_irq(&rig_smp2p_lock);
}

/**
 * rig_smp2p_raise() - make the remote processor raise a line
 * @pas_id:	PAS id of the remote processor
 * @line:	line to raise, e.g. RIG_SMP2P_FATAL for a crash
 *
 * Return: 0 on success, -ENODEV if no SMP2P node has @pas_id.
 */
int rig_smp2p_raise(u32 pas_id, enum rig_smp2p_line line)
{
	struct rig_smp2p *s;

	spin_lock_irq(&rig_smp2p_lock);
	s = rig_smp2p_find(pas_id);
	if (s) {
		if (line == RIG_SMP2P_FATAL || line == RIG_SMP2P_WDOG)
			s->running = false;
		rig_smp2p_set(s, BIT(line));
	}
	spin_unlock_irq(&rig_smp2p_lock);

	return s ? 0 : -ENODEV;
}

/**
 * rig_smp2p_set_boot() - what authenticated remotes signal
 * @mode:	ready and handover, nothing, or handover alone
 */
void rig_smp2p_set_boot(enum rig_smp2p_boot mode)
{
	spin_lock_irq(&rig_smp2p_lock);
	rig_smp2p_boot_mode = mode;
	spin_unlock_irq(&rig_smp2p_lock);
}

static int rig_smp2p_update_bits(void *data, u32 mask, u32 value)
{
	struct rig_smp2p *s = data;
	unsigned long flags;

	spin_lock_irqsave(&rig_smp2p_lock, flags);
	/* A running remote acknowledges a stop request; a dead one cannot */
	if ((mask & value & BIT(0)) && s->running)
		rig_smp2p_set(s, BIT(RIG_SMP2P_STOP_ACK));
	spin_unlock_irqrestore(&rig_smp2p_lock, flags);

	return 0;
}

static const struct qcom_smem_state_ops rig_smp2p_state_ops = {
	.update_bits = rig_smp2p_update_bits,
};

static void rig_smp2p_noop(struct irq_data *d)
{
}

static int rig_smp2p_set_type(struct irq_data *d, unsigned int type)
{
	return type == IRQ_TYPE_EDGE_RISING ? 0 : -EINVAL;
}

static int rig_smp2p_get_state(struct irq_data *d, enum irqchip_irq_state which,
			       bool *state)
{
	struct rig_smp2p *s = irq_data_get_irq_chip_data(d);
	unsigned long flags;

	if (which != IRQCHIP_STATE_LINE_LEVEL)
		return -EINVAL;

	spin_lock_irqsave(&rig_smp2p_lock, flags);
	*state = test_bit(irqd_to_hwirq(d), &s->level);
	spin_unlock_irqrestore(&rig_smp2p_lock, flags);

	return 0;
}

static struct irq_chip rig_smp2p_chip = {
	.name			= "rig-smp2p",
	.irq_mask		= rig_smp2p_noop,
	.irq_unmask		= rig_smp2p_noop,
	.irq_set_type		= rig_smp2p_set_type,
	.irq_get_irqchip_state	= rig_smp2p_get_state,
};

static int rig_smp2p_map(struct irq_domain *d, unsigned int virq,
			 irq_hw_number_t hw)
{
	if (hw >= RIG_SMP2P_NR)
		return -EINVAL;

	irq_set_chip_and_handler(virq, &rig_smp2p_chip, handle_simple_irq);
	irq_set_chip_data(virq, d->host_data);
	irq_set_nested_thread(virq, true);
	irq_set_noprobe(virq);

	return 0;
}

static const struct irq_domain_ops rig_smp2p_domain_ops = {
	.map	= rig_smp2p_map,
	.xlate	= irq_domain_xlate_twocell,
};

static void rig_smp2p_remove_domain(void *data)
{
	irq_domain_remove(data);
}

static void rig_smp2p_unregister_state(void *data)
{
	qcom_smem_state_unregister(data);
}

static int rig_smp2p_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct rig_smp2p *s;
	int ret;

	s = devm_kzalloc(dev, sizeof(*s), GFP_KERNEL);
	if (!s)
		return -ENOMEM;

	s->dev = dev;
	INIT_WORK(&s->work, rig_smp2p_work);

	ret = of_property_read_u32(dev->of_node, "qcom-pas-rig,pas-id", &s->pas_id);
	if (ret)
		return dev_err_probe(dev, ret, "no qcom-pas-rig,pas-id\n");

	s->domain = irq_domain_create_linear(dev_fwnode(dev), RIG_SMP2P_NR,
					     &rig_smp2p_domain_ops, s);
	if (!s->domain)
		return -ENOMEM;

	ret = devm_add_action_or_reset(dev, rig_smp2p_remove_domain, s->domain);
	if (ret)
		return ret;

	s->state = qcom_smem_state_register(dev->of_node, &rig_smp2p_state_ops, s);
	if (IS_ERR(s->state))
		return dev_err_probe(dev, PTR_ERR(s->state), "cannot register stop state\n");

	ret = devm_add_action_or_reset(dev, rig_smp2p_unregister_state, s->state);
	if (ret)
		return ret;

	spin_lock_irq(&rig_smp2p_lock);
	list_add_tail(&s->node, &rig_smp2p_list);
	spin_unlock_irq(&rig_smp2p_lock);

	return 0;
}

static const struct of_device_id rig_smp2p_of_match[] = {
	{ .compatible = "qcom-pas-rig,smp2p" },
	{ }
};

static struct platform_driver rig_smp2p_driver = {
	.probe = rig_smp2p_probe,
	.driver = {
		.name = "qcom-pas-rig-smp2p",
		.of_match_table = rig_smp2p_of_match,
		.suppress_bind_attrs = true,
	},
};

static int __init rig_smp2p_init(void)
{
	return platform_driver_register(&rig_smp2p_driver);
}
subsys_initcall(rig_smp2p_init);
