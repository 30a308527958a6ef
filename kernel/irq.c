/*
 * Interrupt dispatch: a table of handlers indexed by the irqchip's own
 * interrupt numbers. Handlers are registered on the boot CPU before the
 * interrupt is enabled and never change afterwards, so dispatch reads the
 * table without a lock.
 */
#include <sis/errno.h>
#include <sis/irq.h>
#include <sis/irqchip.h>
#include <sis/panic.h>
#include <sis/percpu.h>
#include <sis/platform.h>
#include <sis/printk.h>

struct irq_action {
	irq_handler_t fn;
	void *arg;
};

static struct irq_action actions[IRQ_MAX];

void irq_init(void)
{
	int err = platform.irqchip->init(platform.irqchip_dev);

	if (err)
		panic("irqchip %s failed to initialise (%s)", platform.irqchip->match.name,
		      err_name(err));
}

void irq_init_cpu(unsigned int cpu)
{
	platform.irqchip->init_cpu(cpu);
}

int irq_register(unsigned int irq, irq_handler_t fn, void *arg)
{
	if (irq >= IRQ_MAX)
		return -EINVAL;
	actions[irq].arg = arg;
	store_release(&actions[irq].fn, fn);
	return 0;
}

void irq_enable(unsigned int irq)
{
	if (platform.irqchip->enable)
		platform.irqchip->enable(irq);
}

void irq_disable(unsigned int irq)
{
	if (platform.irqchip->disable)
		platform.irqchip->disable(irq);
}

void irq_handle(void)
{
	if (platform.irqchip)	/* none before irq_init(); nothing can be pending */
		platform.irqchip->handle();
}

void irq_eoi(unsigned int irq)
{
	platform.irqchip->eoi(irq);
}

void irq_dispatch(unsigned int irq)
{
	struct percpu *p = this_cpu();
	irq_handler_t fn = irq < IRQ_MAX ? load_acquire(&actions[irq].fn) : NULL;

	WARN_ON_ONCE(arch_irqs_enabled());	/* handlers run with interrupts off */
	p->irq_depth++;
	if (fn)
		fn(irq, actions[irq].arg);
	else
		pr_warn("[IRQ] core%u: unexpected interrupt %u\n", p->cpu, irq);
	p->irq_depth--;
}

bool in_irq(void)
{
	return this_cpu()->irq_depth != 0;
}
