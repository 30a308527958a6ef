/*
 * The Raspberry Pi 3 / 4 power-management block's watchdog
 * (brcm,bcm2835-pm-wdt; BCM2835 ARM Peripherals has no chapter on it:
 * the registers are those Linux's bcm2835_wdt driver uses, cited in
 * docs/hardware.md). Neither Pi has PSCI: this is how the machine ends.
 *
 * Reset: arm the watchdog with a few ticks and ask for a full reset.
 * Power-off: the same reset, with the reset-status register's boot
 * partition set to 63 first; the firmware reads that after the reset
 * and halts instead of booting (what the Pi's firmware calls halt).
 * QEMU's model resets the machine; with -no-reboot QEMU exits, which is
 * how `make run` ends on these boards. No register can carry the run's
 * verdict: the log does (docs/conventions.md).
 */
#include <sis/errno.h>
#include <sis/firmware.h>
#include <sis/power.h>
#include <sis/printk.h>
#include <sis/time.h>
#include <asm/io.h>

#define PM_RSTC			0x1c
#define PM_RSTS			0x20
#define PM_WDOG			0x24
#define PM_PASSWORD		0x5a000000u	/* every write carries it in bits 31:24 */
#define PM_WDOG_TICKS		10		/* ~150 us of 65536 Hz ticks */
#define PM_RSTC_WRCFG_MASK	0x00000030u
#define PM_RSTC_FULL_RESET	0x00000020u
#define PM_RSTS_HALT		0x00000555u	/* boot partition 63: halt */

static uintptr_t pm;

static int pm_init(const struct fw_device *dev)
{
	if (!dev->nregs)
		return -EINVAL;
	pm = (uintptr_t)dev->regs[0].base;
	return 0;
}

static void pm_reset(void)
{
	u32 rstc = readl(pm + PM_RSTC) & ~PM_RSTC_WRCFG_MASK;

	writel(PM_PASSWORD | PM_WDOG_TICKS, pm + PM_WDOG);
	writel(PM_PASSWORD | rstc | PM_RSTC_FULL_RESET, pm + PM_RSTC);
}

/* The watchdog fires in about 150 us; a machine still running after 10 ms says so. */
static void pm_reset_wait(void)
{
	pm_reset();
	udelay(10000);
	pr_err("[POWER] the watchdog did not reset the machine\n");
}

static void pm_poweroff(bool success)
{
	u32 rsts = readl(pm + PM_RSTS) & 0x00ffffffu;

	writel(PM_PASSWORD | rsts | PM_RSTS_HALT, pm + PM_RSTS);
	pm_reset_wait();
}

static const struct power_ops bcm2835_pm = {
	.match = {
		.name = "bcm2835-pm",
		.compatible = DRIVER_COMPATIBLE("brcm,bcm2835-pm-wdt"),
	},
	.init = pm_init,
	.poweroff = pm_poweroff,
	.reset = pm_reset_wait,
};

POWER_DECLARE(bcm2835_pm);
