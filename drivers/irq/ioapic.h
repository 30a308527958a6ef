/*
 * The I/O APIC, reached through the LAPIC irqchip (drivers/irq/ioapic.c):
 * device interrupt lines (ISA IRQs and GSIs) delivered as LAPIC vectors
 * 0x40 + n. Without CONFIG_X86_IOAPIC the LAPIC runs alone.
 */
#ifndef DRIVERS_IRQ_IOAPIC_H
#define DRIVERS_IRQ_IOAPIC_H

#include <sis/acpi_tables.h>
#include <sis/errno.h>
#include <sis/types.h>

#ifdef CONFIG_X86_IOAPIC
/* Every I/O APIC the MADT lists, all inputs masked; -ENODEV when there is none. */
int ioapic_init(const struct acpi_madt_info *madt);
/*
 * Route line vec - 0x40 (an ISA IRQ through the MADT's overrides, or a
 * GSI) to logical CPU cpu with trigger type (IRQ_TYPE_*; 0: the line's
 * default), masked.
 */
int ioapic_route(unsigned int vec, unsigned int type, unsigned int cpu);
/* Unmask or mask line vec - 0x40 (one never routed goes to the boot CPU). */
void ioapic_set(unsigned int vec, bool on);
#else
static inline int ioapic_route(unsigned int vec, unsigned int type, unsigned int cpu)
{
	return -ENODEV;
}

static inline int ioapic_init(const struct acpi_madt_info *madt)
{
	return -ENODEV;
}

static inline void ioapic_set(unsigned int vec, bool on)
{
}
#endif /* CONFIG_X86_IOAPIC */

#endif /* DRIVERS_IRQ_IOAPIC_H */
