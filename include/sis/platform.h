/*
 * What firmware (ACPI on pc, the DTB on rpi5) says the machine is.
 * Filled once by platform_init() on the boot CPU before any other CPU
 * runs; read-only afterwards.
 */
#ifndef SIS_PLATFORM_H
#define SIS_PLATFORM_H

#include <sis/bootinfo.h>
#include <sis/types.h>

struct irqchip;
struct clockevent;
struct cpu_enable_method;

#define PLATFORM_MAX_FOUND 256	/* CPUs firmware may list, before MAX_CPUS */

struct platform {
	const struct irqchip *irqchip;
	const void *irqchip_fw;		/* firmware node handed to irqchip->init */
	const struct clockevent *timer;
	const void *timer_fw;
	const struct cpu_enable_method *enable_method;
	const void *enable_fw;
	unsigned int ncpus_found;	/* usable CPUs firmware lists */
	unsigned int ncpus;		/* CPUs we use: min(found, CONFIG_MAX_CPUS) */
	u64 found_hwid[PLATFORM_MAX_FOUND];	/* firmware order */
	u64 cpu_hwid[CONFIG_MAX_CPUS];	/* logical id -> hwid; [0] is the boot CPU */
	void (*poweroff)(bool success);	/* ends the machine; NULL: halt */
	void (*reset)(void);
};

extern struct platform platform;

void platform_init(const struct boot_info *bi);
/* Firmware parsers: one call per usable CPU, in firmware order. */
int platform_add_cpu(u64 hwid);
/* After the last add: boot CPU first, print the detected list, apply MAX_CPUS. */
void platform_cpus_done(void);
/* End the machine: poweroff(success) when possible, else halt. */
__attribute__((noreturn)) void machine_poweroff(bool success);

#endif /* SIS_PLATFORM_H */
