/*
 * The power class: ending the machine. One driver, chosen once by
 * platform_init() (PSCI SYSTEM_OFF/RESET on arm64; on the PC the
 * chipset's reset and QEMU's debug-exit device). machine_poweroff() and
 * machine_reset() are what the rest of the kernel calls; without a
 * driver, or when it returns, they halt.
 */
#ifndef SIS_POWER_H
#define SIS_POWER_H

#include <sis/driver.h>
#include <sis/types.h>

struct fw_device;

struct power_ops {
	struct driver_match match;
	/* Once, early in platform_init(), so power-off works from then on. */
	int (*init)(const struct fw_device *dev);
	/* Power off; success is the run's verdict where the machine can pass it on. */
	void (*poweroff)(bool success);
	void (*reset)(void);
};

DRIVER_CLASS(power, const struct power_ops);
#define POWER_DECLARE(ops)	DRIVER_DECLARE(power, const struct power_ops, ops)

/* Start the chosen driver (platform_init()); a driver that fails is dropped. */
void power_init(void);
/* End the machine: poweroff(success) when possible, else halt. */
__attribute__((noreturn)) void machine_poweroff(bool success);
/* Restart the machine when possible, else halt. */
__attribute__((noreturn)) void machine_reset(void);

#endif /* SIS_POWER_H */
