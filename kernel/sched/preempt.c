/*
 * Preemption count, per CPU (see <sis/preempt.h> for why per CPU is
 * right). Interrupts are held off around the update so the count always
 * belongs to the CPU it was read from.
 */
#include <sis/percpu.h>
#include <sis/preempt.h>

void preempt_disable(void)
{
	unsigned long flags = arch_irq_save();

	this_cpu()->preempt_count++;
	arch_irq_restore(flags);
}

void preempt_enable_no_resched(void)
{
	unsigned long flags = arch_irq_save();

	this_cpu()->preempt_count--;
	arch_irq_restore(flags);
}

/*
 * The scheduler (core.c) provides the real one; a build without it (the
 * host unit tests) has nothing to switch to.
 */
__weak void preempt_schedule(void)
{
}

void preempt_enable(void)
{
	bool irqs_on = arch_irqs_enabled();
	unsigned long flags = arch_irq_save();
	struct percpu *p = this_cpu();
	bool resched;

	p->preempt_count--;
	/* With interrupts off the switch waits for them to come back on. */
	resched = irqs_on && p->preempt_count == 0 && READ_ONCE(p->rq.need_resched) &&
		  p->rq.curr;
	arch_irq_restore(flags);
	if (resched)
		preempt_schedule();
}

unsigned int preempt_count(void)
{
	return this_cpu()->preempt_count;
}

bool preemptible(void)
{
	return preempt_count() == 0 && arch_irqs_enabled();
}
