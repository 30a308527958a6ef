/*
 * The HPET's main counter as a calibration reference (include/sis/
 * refclock.h), described by the ACPI "HPET" table (IA-PC HPET 1.0a).
 * General Capabilities gives the counter's period in femtoseconds (at
 * most 100 ns); General Configuration's ENABLE_CNF starts it. We read the
 * low 32 bits of the main counter (a 32-bit read is always allowed): a
 * wrap takes minutes, a calibration window milliseconds. The
 * comparators and the legacy replacement routing are left alone.
 */
#include <sis/acpi_tables.h>
#include <sis/errno.h>
#include <sis/firmware.h>
#include <sis/printk.h>
#include <sis/refclock.h>
#include <asm/io.h>
#include "refclock.h"

#define HPET_REGS_SIZE		0x400
#define HPET_CAP_PERIOD		0x004	/* General Capabilities, high half: fs/tick */
#define HPET_CONFIG		0x010
#define  HPET_ENABLE		(1u << 0)
#define HPET_COUNTER		0x0f0
#define HPET_PERIOD_MAX		100000000u	/* fs: 100 ns, 10 MHz at the slowest */
#define HPET_PERIOD_MIN		1000000u	/* fs: 1 GHz, faster than any made */
#define FS_PER_S		1000000000000000ull

static volatile u8 *regs;

static u64 hpet_read(void)
{
	return mmio_read32(regs + HPET_COUNTER);
}

static int hpet_init(const struct fw_device *dev, struct refclock_info *info)
{
	const struct acpi_hpet_info *h = dev->table;
	u32 period;

	regs = x86_ioremap(h->base.addr, HPET_REGS_SIZE);
	if (!regs)
		return -EFAULT;
	period = mmio_read32(regs + HPET_CAP_PERIOD);
	if (period < HPET_PERIOD_MIN || period > HPET_PERIOD_MAX) {
		pr_warn("[HPET] at 0x%llx: period %u fs is not a valid HPET's\n",
			(unsigned long long)h->base.addr, period);
		return -ENODEV;
	}
	mmio_write32(regs + HPET_CONFIG, mmio_read32(regs + HPET_CONFIG) | HPET_ENABLE);
	if (!refclock_moves(hpet_read)) {
		pr_warn("[HPET] at 0x%llx: the main counter does not count\n",
			(unsigned long long)h->base.addr);
		return -ENODEV;
	}
	info->hz = FS_PER_S / period;
	info->mask = 0xffffffffull;
	return 0;
}

static const struct refclock hpet = {
	.match = {
		.name = "hpet",
		.acpi = ACPI_SIG_HPET,
	},
	.label = "HPET",
	.rating = 300,
	.init = hpet_init,
	.read = hpet_read,
};

REFCLOCK_DECLARE(hpet);
