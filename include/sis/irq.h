/*
 * Generic interrupt dispatch (kernel/irq.c). The irqchip driver or the
 * arch entry calls irq_dispatch() with the interrupt number, interrupts
 * off; the registered handler runs and irq_dispatch returns.
 */
#ifndef SIS_IRQ_H
#define SIS_IRQ_H

#include <sis/types.h>

#define IRQ_MAX 1024

typedef void (*irq_handler_t)(unsigned int irq, void *arg);

void irq_init(void);
void irq_init_cpu(unsigned int cpu);
/* Before the interrupt is enabled; 0 or -EINVAL for a number out of range. */
int irq_register(unsigned int irq, irq_handler_t fn, void *arg);
void irq_enable(unsigned int irq);
void irq_disable(unsigned int irq);
/* Run the handler of irq (the irqchip driver, or the arch entry, calls it). */
void irq_dispatch(unsigned int irq);
/* arm64's IRQ exception: the irqchip takes and dispatches what is pending. */
void irq_handle(void);
/* x86's entry, after irq_dispatch(vector): end of interrupt at the irqchip. */
void irq_eoi(unsigned int irq);
/* True inside irq_dispatch on this CPU. */
bool in_irq(void);

#endif /* SIS_IRQ_H */
