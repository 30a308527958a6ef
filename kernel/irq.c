/*
 * Interrupt dispatch: a table of handlers indexed by the irqchip's own
 * interrupt numbers, and the counts `irqs` shows. Handlers are
 * registered on the boot CPU before the interrupt is enabled and never
 * change afterwards, so dispatch reads the table without a lock.
 *
 * Each registered interrupt gets one of IRQ_ACTIONS_MAX slots (the
 * number -> slot map is a byte per interrupt); a slot counts its
 * interrupts per CPU, each cell written only by its CPU.
 */
#include <sis/clockevent.h>
#include <sis/errno.h>
#include <sis/irq.h>
#include <sis/irqchip.h>
#include <sis/panic.h>
#include <sis/percpu.h>
#include <sis/platform.h>
#include <sis/printk.h>
#include <sis/spinlock.h>

#define NO_SLOT 0xff

struct irq_action {
	irq_handler_t fn;
	void *arg;
	const char *name;
	unsigned int irq;
	bool routed;			/* a device line irq_route() aimed: */
	unsigned int type, cpu;		/* its trigger and CPU (route_lock) */
};

BUILD_ASSERT(IRQ_ACTIONS_MAX < NO_SLOT);

static struct irq_action actions[IRQ_ACTIONS_MAX];
static unsigned int nr_actions;		/* published with release, after the slot */
static u8 slot_of[IRQ_MAX] = { [0 ... IRQ_MAX - 1] = NO_SLOT };
/* Serialises routing changes (boot, drivers, hotplug) and the route fields. */
static DEFINE_SPINLOCK(route_lock);

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

void irq_cpu_off(unsigned int cpu)
{
	if (platform.irqchip->cpu_off)
		platform.irqchip->cpu_off(cpu);
}

int irq_register(unsigned int irq, const char *name, irq_handler_t fn, void *arg)
{
	struct irq_action *a;

	if (irq >= IRQ_MAX || !fn)
		return -EINVAL;
	if (slot_of[irq] != NO_SLOT)
		return -EBUSY;
	if (nr_actions == IRQ_ACTIONS_MAX) {
		pr_err("[IRQ] no slot left for %s (interrupt %u): %d handlers at most\n",
		       name, irq, IRQ_ACTIONS_MAX);
		return -ENOSPC;
	}
	a = &actions[nr_actions];
	a->fn = fn;
	a->arg = arg;
	a->name = name;
	a->irq = irq;
	store_release(&slot_of[irq], (u8)nr_actions);
	store_release(&nr_actions, nr_actions + 1);
	return 0;
}

int irq_route(unsigned int irq, unsigned int type, unsigned int cpu)
{
	u8 slot = irq < IRQ_MAX ? load_acquire(&slot_of[irq]) : NO_SLOT;
	unsigned long flags;
	int err;

	if (irq >= IRQ_MAX || cpu >= CONFIG_MAX_CPUS)
		return -EINVAL;
	if (!platform.irqchip->route)
		return -ENOTSUP;
	flags = spin_lock_irqsave(&route_lock);
	err = platform.irqchip->route(irq, type, cpu);
	if (!err && slot != NO_SLOT) {
		actions[slot].routed = true;
		actions[slot].type = type;
		actions[slot].cpu = cpu;
	}
	spin_unlock_irqrestore(&route_lock, flags);
	return err;
}

int irq_routed_cpu(unsigned int irq)
{
	u8 slot = irq < IRQ_MAX ? load_acquire(&slot_of[irq]) : NO_SLOT;

	if (slot == NO_SLOT || !READ_ONCE(actions[slot].routed))
		return -ENOENT;
	return (int)READ_ONCE(actions[slot].cpu);
}

unsigned int irq_move_from(unsigned int cpu, unsigned int to)
{
	unsigned int n = load_acquire(&nr_actions), slot, moved = 0;
	unsigned long flags = spin_lock_irqsave(&route_lock);

	for (slot = 0; slot < n; slot++) {
		struct irq_action *a = &actions[slot];

		if (!a->routed || a->cpu != cpu)
			continue;
		if (platform.irqchip->route(a->irq, a->type, to)) {
			pr_err("[IRQ] %s (interrupt %u) could not move off core%u\n", a->name,
			       a->irq, cpu);
			continue;
		}
		WRITE_ONCE(a->cpu, to);
		moved++;
	}
	spin_unlock_irqrestore(&route_lock, flags);
	return moved;
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

void irq_dispatch(unsigned int irq)
{
	struct percpu *p = this_cpu();
	u8 slot = irq < IRQ_MAX ? load_acquire(&slot_of[irq]) : NO_SLOT;
	struct irq_action *a = slot == NO_SLOT ? NULL : &actions[slot];

	WARN_ON_ONCE(arch_irqs_enabled());	/* handlers run with interrupts off */
	if (p->tick_stopped)
		tick_idle_exit();	/* before anything this interrupt wakes can run */
	p->irq_depth++;
	if (a) {
		WRITE_ONCE(p->irq_count[slot], p->irq_count[slot] + 1);
		a->fn(irq, a->arg);
	} else {
		pr_warn("[IRQ] core%u: unexpected interrupt %u\n", p->cpu, irq);
	}
	p->irq_depth--;
}

void irq_spurious(void)
{
	struct percpu *p = this_cpu();

	WRITE_ONCE(p->spurious_irqs, p->spurious_irqs + 1);
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

bool in_irq(void)
{
	return this_cpu()->irq_depth != 0;
}

/* ---------------------------------------------------------------- statistics */

unsigned int irq_nr_handlers(void)
{
	return load_acquire(&nr_actions);
}

const char *irq_handler_info(unsigned int slot, unsigned int *irq)
{
	if (slot >= irq_nr_handlers())
		return NULL;
	*irq = actions[slot].irq;
	return actions[slot].name;
}

u64 irq_handler_count(unsigned int slot, unsigned int cpu)
{
	return slot < IRQ_ACTIONS_MAX && cpu < CONFIG_MAX_CPUS && percpu_of(cpu) ?
	       READ_ONCE(percpu_of(cpu)->irq_count[slot]) : 0;
}

u64 irq_spurious_count(unsigned int cpu)
{
	return cpu < CONFIG_MAX_CPUS && percpu_of(cpu) ? READ_ONCE(percpu_of(cpu)->spurious_irqs) : 0;
}

u64 irq_count(unsigned int irq, unsigned int cpu)
{
	u8 slot = irq < IRQ_MAX ? load_acquire(&slot_of[irq]) : NO_SLOT;

	return slot == NO_SLOT ? 0 : irq_handler_count(slot, cpu);
}
