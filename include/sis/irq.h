/*
 * Interrupts (kernel/irq.c). The irqchip driver or the arch entry calls
 * irq_dispatch() with the interrupt number (the irqchip's own: GIC
 * INTID, x86 vector), interrupts off; the registered handler runs.
 * Device lines are routed (trigger and target CPU) with irq_route()
 * before they are enabled. Every handled interrupt is counted per CPU,
 * for the shell's `irqs`.
 */
#ifndef SIS_IRQ_H
#define SIS_IRQ_H

#include <sis/types.h>

#define IRQ_MAX		1024
#define IRQ_ACTIONS_MAX	64	/* interrupts with a handler at once */

/* Trigger of a device line, as the device tree encodes it (0: the line's default). */
#define IRQ_TYPE_DEFAULT	0x0
#define IRQ_TYPE_EDGE_RISING	0x1
#define IRQ_TYPE_EDGE_FALLING	0x2
#define IRQ_TYPE_LEVEL_HIGH	0x4
#define IRQ_TYPE_LEVEL_LOW	0x8
#define IRQ_TYPE_MASK		0xf

typedef void (*irq_handler_t)(unsigned int irq, void *arg);

void irq_init(void);
void irq_init_cpu(unsigned int cpu);
/*
 * Before the interrupt is enabled; name is what `irqs` shows. 0, or
 * -EINVAL (number out of range), -EBUSY (it has a handler), -ENOSPC.
 */
int irq_register(unsigned int irq, const char *name, irq_handler_t fn, void *arg);
/* A device line's trigger (IRQ_TYPE_*) and the CPU it interrupts. */
int irq_route(unsigned int irq, unsigned int type, unsigned int cpu);
/* The CPU irq_route() last aimed irq at, or -ENOENT. */
int irq_routed_cpu(unsigned int irq);
/* Hotplug: every routed line aimed at cpu now goes to CPU to; how many moved. */
unsigned int irq_move_from(unsigned int cpu, unsigned int to);
/* Hotplug, on the CPU going offline: its irqchip CPU interface off. */
void irq_cpu_off(unsigned int cpu);
void irq_enable(unsigned int irq);
void irq_disable(unsigned int irq);
/* Run the handler of irq (the irqchip driver, or the arch entry, calls it). */
void irq_dispatch(unsigned int irq);
/* The irqchip took an interrupt that was gone (counted per CPU). */
void irq_spurious(void);
/* arm64's IRQ exception: the irqchip takes and dispatches what is pending. */
void irq_handle(void);
/* x86's entry, after irq_dispatch(vector): end of interrupt at the irqchip. */
void irq_eoi(unsigned int irq);
/* True inside irq_dispatch on this CPU. */
bool in_irq(void);

/* Statistics: handlers by slot (0 .. irq_nr_handlers() - 1), counts per CPU. */
unsigned int irq_nr_handlers(void);
/* The name of the handler in slot, and its interrupt; NULL past the last. */
const char *irq_handler_info(unsigned int slot, unsigned int *irq);
u64 irq_handler_count(unsigned int slot, unsigned int cpu);
/* Interrupts of number irq taken on cpu (0 without a handler). */
u64 irq_count(unsigned int irq, unsigned int cpu);
u64 irq_spurious_count(unsigned int cpu);

#endif /* SIS_IRQ_H */
