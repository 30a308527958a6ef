/*
 * Preemption count, per CPU. Interrupts are held off around the update so
 * the count always belongs to the CPU it was read from.
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

void preempt_enable(void)
{
	preempt_enable_no_resched();
}

unsigned int preempt_count(void)
{
	return this_cpu()->preempt_count;
}

bool preemptible(void)
{
	return preempt_count() == 0 && arch_irqs_enabled();
}
