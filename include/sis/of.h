/*
 * Device tree platform setup (drivers/firmware/of.c on top of the FDT
 * reader in drivers/firmware/fdt.c): CPUs, GIC, PSCI, timer and console
 * from the DTB.
 */
#ifndef SIS_OF_H
#define SIS_OF_H

#include <sis/bootinfo.h>

#ifdef CONFIG_OF
int of_platform_init(const struct boot_info *bi);
#else
static inline int of_platform_init(const struct boot_info *bi)
{
	(void)bi;
	return -1;
}
#endif /* CONFIG_OF */

#endif /* SIS_OF_H */
