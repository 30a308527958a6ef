/*
 * The interrupt-controller contract. One irqchip serves the whole
 * machine (platform.irqchip), found by compatible string in the driver
 * table. Interrupt numbers are the controller's own (GIC INTID, x86
 * vector). IPIs are numbered by enum ipi_type; the driver maps each to
 * a hardware interrupt (GIC SGI n, LAPIC vector 0x30 + n).
 */
#ifndef SIS_IRQCHIP_H
#define SIS_IRQCHIP_H

#include <sis/types.h>

struct irqchip {
	const char *name;
	/* Once, on the boot CPU: fw is the firmware node (see driver.h). */
	int (*init)(const void *fw);
	/* On each CPU (boot CPU included) before it enables interrupts. */
	void (*init_cpu)(unsigned int cpu);
	void (*enable)(unsigned int irq);
	void (*disable)(unsigned int irq);
	/* Signal end of interrupt for irq (x86 entry calls it after dispatch). */
	void (*eoi)(unsigned int irq);
	/* arm64 IRQ exception: acknowledge, irq_dispatch() and EOI until none pend. */
	void (*handle)(void);
	/* Send IPI type ipi to logical CPU cpu. */
	void (*send_ipi)(unsigned int cpu, unsigned int ipi);
	/* The interrupt number IPI type ipi arrives as. */
	unsigned int (*ipi_irq)(unsigned int ipi);
};

#endif /* SIS_IRQCHIP_H */
