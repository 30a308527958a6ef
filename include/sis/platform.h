/*
 * The machine's drivers, one per class (kernel/platform.c): chosen once
 * by platform_init() on the boot CPU, before any other CPU runs, from
 * what the firmware layer described (include/sis/firmware.h), with the
 * class's fallback driver where it described none. Read-only afterwards.
 * Each driver is handed its device's description, *_dev.
 */
#ifndef SIS_PLATFORM_H
#define SIS_PLATFORM_H

#include <sis/bootinfo.h>
#include <sis/firmware.h>
#include <sis/types.h>

struct irqchip;
struct clockevent;
struct cpu_enable_method;
struct power_ops;
struct refclock;
struct fw_device;
struct fw_cpu;

struct platform {
	const struct irqchip *irqchip;
	const struct fw_device *irqchip_dev;
	const struct clockevent *timer;
	const struct fw_device *timer_dev;
	const struct cpu_enable_method *enable_method;	/* NULL: one CPU only */
	const struct fw_device *enable_method_dev;
	const struct power_ops *power;			/* NULL: halt instead */
	const struct fw_device *power_dev;
	/* Calibration references, best first: the described ones and the fallbacks. */
	const struct refclock *refclocks[FW_REFCLOCKS_MAX];
	const struct fw_device *refclock_devs[FW_REFCLOCKS_MAX];
	unsigned int nrefclocks;
};

extern struct platform platform;

/*
 * Describe the machine (fw_probe), number its CPUs (topology_init),
 * choose the drivers and start the power driver. Panics without an
 * interrupt controller or a timer: nothing could run.
 */
void platform_init(const struct boot_info *bi);

/* The CPU list as the firmware described it (firmware order), for tests. */
const struct fw_cpu *platform_fw_cpus(unsigned int *n);

#endif /* SIS_PLATFORM_H */
