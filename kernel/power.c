/*
 * Ending the machine through the platform's power driver
 * (include/sis/power.h). Without one, or when it returns, the CPU halts
 * with a line saying so, so a failed power-off never looks like a hang.
 */
#include <sis/arch.h>
#include <sis/errno.h>
#include <sis/platform.h>
#include <sis/power.h>
#include <sis/printk.h>

void power_init(void)
{
	const struct power_ops *p = platform.power;
	int err;

	if (!p || !p->init)
		return;
	err = p->init(platform.power_dev);
	if (err) {
		pr_warn("[POWER] %s: %s: power-off will halt instead\n", p->match.name,
			err_name(err));
		platform.power = NULL;
	}
}

void machine_poweroff(bool success)
{
	if (platform.power && platform.power->poweroff)
		platform.power->poweroff(success);
	printk(LOG_ERR, "[BOOT] could not power off; halting\n");
	arch_halt();
}

void machine_reset(void)
{
	if (platform.power && platform.power->reset)
		platform.power->reset();
	printk(LOG_ERR, "[BOOT] could not reset; halting\n");
	arch_halt();
}
