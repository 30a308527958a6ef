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
int irq_register(unsigned int irq, irq_handler_t fn, void *arg);
void irq_enable(unsigned int irq);
void irq_dispatch(unsigned int irq);
/* True inside irq_dispatch on this CPU. */
bool in_irq(void);

#endif /* SIS_IRQ_H */
