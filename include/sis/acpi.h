/*
 * ACPI (drivers/firmware/acpi.c): RSDP -> XSDT/RSDT -> MADT, filling
 * struct platform with the CPUs, the LAPIC/IOAPIC irqchip, the timer and
 * INIT-SIPI. Parsers take a length and never read past it.
 */
#ifndef SIS_ACPI_H
#define SIS_ACPI_H

#include <sis/bootinfo.h>

#ifdef CONFIG_ACPI
int acpi_platform_init(const struct boot_info *bi);
#else
static inline int acpi_platform_init(const struct boot_info *bi)
{
	(void)bi;
	return -1;
}
#endif /* CONFIG_ACPI */

#endif /* SIS_ACPI_H */
