/*
 * The interrupt-controller class. One irqchip serves the whole machine
 * (platform.irqchip). Interrupt numbers are the controller's own (GIC
 * INTID, x86 vector). IPIs are numbered by enum ipi_type; the driver maps
 * each to a hardware interrupt (GIC SGI n, LAPIC vector 0x30 + n) and
 * sends it to a logical CPU's hardware id (cpu_hwid()), or to a per-CPU
 * target it derived once itself when the hardware wants something else
 * (GICv2's CPU-interface mask). A controller chained behind the root
 * one shares its number space (irq_base below).
 */
#ifndef SIS_IRQCHIP_H
#define SIS_IRQCHIP_H

#include <sis/cpumask.h>
#include <sis/driver.h>
#include <sis/types.h>

struct fw_device;

struct irqchip {
	struct driver_match match;
	/* Once, on the boot CPU, before any other CPU runs. */
	int (*init)(const struct fw_device *dev);
	/* On each CPU (boot CPU included) before it enables interrupts. */
	void (*init_cpu)(unsigned int cpu);
	/* On a CPU going offline, interrupts off: its CPU interface off (NULL: nothing to do). */
	void (*cpu_off)(unsigned int cpu);
	/* Unmask / mask one interrupt (per-CPU ones on the calling CPU). */
	void (*enable)(unsigned int irq);
	void (*disable)(unsigned int irq);
	/*
	 * A device (shared) line: its trigger (IRQ_TYPE_*, 0 for the line's
	 * default) and the logical CPU it goes to, before it is enabled.
	 * 0, or -EINVAL for a line or trigger this controller cannot take.
	 */
	int (*route)(unsigned int irq, unsigned int type, unsigned int cpu);
	/*
	 * Take the pending interrupts, interrupts off: acknowledge, call
	 * irq_dispatch() and end each until none is pending (arm64's IRQ
	 * exception). NULL when the arch knows the number itself (x86:
	 * the vector) and calls eoi() after dispatch instead.
	 */
	void (*handle)(void);
	void (*eoi)(unsigned int irq);
	/* Send IPI type ipi to logical CPU cpu. */
	void (*send_ipi)(unsigned int cpu, unsigned int ipi);
	/*
	 * The same to every CPU of cpus (online, not the sender) in as few
	 * writes as the controller allows (GIC target lists, the APIC's
	 * all-but-self shorthand). NULL: one send_ipi() per CPU.
	 */
	void (*send_ipi_mask)(const cpumask_t *cpus, unsigned int ipi);
	/* The interrupt number IPI type ipi arrives as. */
	unsigned int (*ipi_irq)(unsigned int ipi);
	/*
	 * A DT interrupt specifier of n cells (its #interrupt-cells) as this
	 * controller's interrupt number and trigger (IRQ_TYPE_*); 0, or
	 * -EINVAL for one it cannot take. NULL for controllers that firmware
	 * does not describe by DT.
	 */
	int (*xlate)(const u32 *cells, unsigned int n, unsigned int *irq, unsigned int *type);
	/*
	 * A chained controller (one wired into a line of another, found with
	 * fw_irqchip_chained(): the Pi 3's BCM2835 controller behind the
	 * ARM-local one) shares the root's number space: its xlate() gives
	 * numbers from irq_base up, above the root's own, and the root's
	 * enable/disable/route pass those to it. Its init() registers its
	 * handler on the parent line (dev->irqs[0]) with irq_register();
	 * that handler calls irq_dispatch() for each of its own. handle,
	 * send_ipi and ipi_irq are the root's alone. 0 for a root.
	 */
	unsigned int irq_base;
};

DRIVER_CLASS(irqchip, const struct irqchip);
#define IRQCHIP_DECLARE(ops)	DRIVER_DECLARE(irqchip, const struct irqchip, ops)

#endif /* SIS_IRQCHIP_H */
