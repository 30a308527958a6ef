/*
 * i8254 PIT, channel 2: the one PC timer with a known rate (1.193182 MHz)
 * whose output can be polled without an interrupt (port 0x61 bit 5), so
 * it calibrates the LAPIC timer and the TSC. Channel 2's gate is port
 * 0x61 bit 0; bit 1 would drive the speaker and stays off. Boot CPU only.
 */
#include <asm/io.h>
#include "pit.h"

#define PIT_CH2		0x42
#define PIT_CMD		0x43
#define PORT_B		0x61
#define PORTB_GATE2	0x01
#define PORTB_SPEAKER	0x02
#define PORTB_OUT2	0x20
#define CMD_CH2_LOHI_MODE0 0xb0	/* channel 2, lobyte/hibyte, mode 0, binary */

void pit_oneshot_start(unsigned int us)
{
	u32 count = (u32)((u64)PIT_HZ * us / 1000000);
	u8 b = inb(PORT_B);

	if (count > 0xffff)
		count = 0xffff;
	/* Gate low first so the new count starts cleanly when it rises. */
	outb(PORT_B, b & ~(PORTB_GATE2 | PORTB_SPEAKER));
	outb(PIT_CMD, CMD_CH2_LOHI_MODE0);
	outb(PIT_CH2, count & 0xff);
	outb(PIT_CH2, count >> 8);
	outb(PORT_B, (b & ~PORTB_SPEAKER) | PORTB_GATE2);
}

bool pit_oneshot_done(void)
{
	return inb(PORT_B) & PORTB_OUT2;
}
