/*
 * What the spinlock code calls that the unit tests' host.c may not give:
 * weak, so that a definition in tests/unit/host.c wins when there is one.
 */
#include <sis/ipi.h>
#include <sis/irq.h>
#include <sis/percpu.h>
#include <sis/types.h>

const char *ksym_lookup(uintptr_t addr, uintptr_t *offset);

/* No cross-calls on the host: nothing is ever queued. */
__attribute__((weak)) void smp_call_poll(void)
{
}

__attribute__((weak)) const char *ksym_lookup(uintptr_t addr, uintptr_t *offset)
{
	return NULL;
}

/* kernel/irq.c's answer, without the irqchip it brings along. */
__attribute__((weak)) bool in_irq(void)
{
	return this_cpu()->irq_depth > 0;
}
