/*
 * i8254 PIT channel 2 as a calibration reference (include/sis/
 * refclock.h): the one PC timer with a known rate (1.193182 MHz) that
 * needs no firmware description, so it is the class's fallback. Channel
 * 2 runs as a rate generator (mode 2) from 65536, and a latched read of
 * its 16-bit count, negated, counts up, wrapping every 55 ms. Channel
 * 2's gate is port 0x61 bit 0; bit 1 would drive the speaker and stays
 * off. Recent chipsets may gate the PIT's clock or leave it out: then
 * the count never moves (all ones with no PIT at all), and init() says so.
 */
#include <sis/errno.h>
#include <sis/printk.h>
#include <sis/refclock.h>
#include <asm/io.h>
#include "refclock.h"

#define PIT_HZ		1193182u
#define PIT_CH2		0x42
#define PIT_CMD		0x43
#define PORT_B		0x61
#define PORTB_GATE2	0x01
#define PORTB_SPEAKER	0x02
#define CMD_CH2_LOHI_MODE2	0xb4	/* channel 2, lobyte/hibyte, mode 2, binary */
#define CMD_CH2_LATCH		0x80	/* channel 2, latch the count */

static u64 pit_read(void)
{
	u8 lo, hi;

	outb(PIT_CMD, CMD_CH2_LATCH);
	lo = inb(PIT_CH2);
	hi = inb(PIT_CH2);
	return (u16)-(u16)(lo | hi << 8);
}

static int pit_init(const struct fw_device *dev, struct refclock_info *info)
{
	u8 b = inb(PORT_B);

	/* Gate low while programming, so the count starts cleanly when it rises. */
	outb(PORT_B, b & ~(PORTB_GATE2 | PORTB_SPEAKER));
	outb(PIT_CMD, CMD_CH2_LOHI_MODE2);
	outb(PIT_CH2, 0);		/* 0 is 65536 */
	outb(PIT_CH2, 0);
	outb(PORT_B, (b & ~PORTB_SPEAKER) | PORTB_GATE2);
	if (!refclock_moves(pit_read)) {
		pr_warn("[PIT] channel 2 does not count: no PIT, or its clock is gated\n");
		return -ENODEV;
	}
	info->hz = PIT_HZ;
	info->mask = 0xffff;
	return 0;
}

static const struct refclock pit = {
	.match = {
		.name = "i8254-pit",
		.fallback = true,
	},
	.label = "PIT",
	.rating = 100,
	.init = pit_init,
	.read = pit_read,
};

REFCLOCK_DECLARE(pit);
