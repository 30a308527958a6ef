/*
 * The ACPI power-management timer as a calibration reference (include/
 * sis/refclock.h), described by the FADT: a free-running counter at
 * 3.579545 MHz, 24 bits wide or 32 with TMR_VAL_EXT (ACPI 6.5 4.8.3.3),
 * in I/O space (PM_TMR_BLK) or, through X_PM_TMR_BLK, in memory.
 * Hardware-reduced ACPI platforms have none.
 */
#include <sis/acpi_tables.h>
#include <sis/errno.h>
#include <sis/firmware.h>
#include <sis/printk.h>
#include <sis/refclock.h>
#include <asm/io.h>
#include "refclock.h"

static u16 port;			/* I/O space, or */
static volatile u8 *mmio;		/* memory space */

static u64 pm_timer_read(void)
{
	return mmio ? mmio_read32(mmio) : inl(port);
}

/* Where the counter is; -ENODEV (said why) when the FADT gives none usable. */
static int pm_timer_locate(const struct acpi_fadt_info *f)
{
	const struct acpi_gas *g = &f->pm_tmr;

	if ((f->flags & ACPI_FADT_HW_REDUCED) || !g->addr) {
		pr_info("[ACPI] the FADT describes no PM timer\n");
		return -ENODEV;
	}
	if (g->space == ACPI_GAS_IO && g->addr <= 0xfffc) {
		port = (u16)g->addr;
		return 0;
	}
	if (g->space == ACPI_GAS_MEMORY) {
		mmio = x86_ioremap(g->addr, 4);
		return mmio ? 0 : -EFAULT;
	}
	pr_warn("[ACPI] PM timer in address space %u at 0x%llx: not supported\n", g->space,
		(unsigned long long)g->addr);
	return -ENODEV;
}

static int pm_timer_init(const struct fw_device *dev, struct refclock_info *info)
{
	const struct acpi_fadt_info *f = dev->table;
	int err = pm_timer_locate(f);

	if (err)
		return err;
	if (!refclock_moves(pm_timer_read)) {
		pr_warn("[ACPI] the PM timer at 0x%llx does not count\n",
			(unsigned long long)f->pm_tmr.addr);
		return -ENODEV;
	}
	info->hz = ACPI_PM_TIMER_HZ;
	info->mask = f->flags & ACPI_FADT_TMR_VAL_EXT ? 0xffffffffull : 0xffffffull;
	return 0;
}

static const struct refclock acpi_pm_timer = {
	.match = {
		.name = "acpi-pm-timer",
		.acpi = ACPI_SIG_FADT,
	},
	.label = "ACPI PM timer",
	.rating = 200,
	.init = pm_timer_init,
	.read = pm_timer_read,
};

REFCLOCK_DECLARE(acpi_pm_timer);
