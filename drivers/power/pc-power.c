/*
 * Ending a PC. Power-off writes the run's verdict to QEMU's isa-debug-exit
 * device (port 0xf4; QEMU exits with status (code << 1) | 1, which
 * scripts/qemu-run.py maps back); a real PC ignores the write and the
 * caller halts. Reset pulses the chipset's reset control register
 * (port 0xcf9: a hard reset on every PCH since the PIIX), then the 8042
 * keyboard controller's reset line, the two ways every PC has.
 *
 * No firmware describes these ports, so this is the class's fallback on
 * the PC.
 */
#include <sis/power.h>
#include <sis/time.h>
#include <asm/io.h>

#define DEBUG_EXIT_PORT		0xf4
#define DEBUG_EXIT_SUCCESS	0x10
#define DEBUG_EXIT_FAILURE	0x11
#define RESET_CONTROL		0xcf9
#define  RESET_CPU		0x04	/* the edge that resets */
#define  RESET_HARD		0x02	/* a full reset, not only the CPU */
#define KBC_COMMAND		0x64
#define  KBC_PULSE_RESET	0xfe

static void pc_poweroff(bool success)
{
	outb(DEBUG_EXIT_PORT, success ? DEBUG_EXIT_SUCCESS : DEBUG_EXIT_FAILURE);
}

static void pc_reset(void)
{
	outb(RESET_CONTROL, RESET_HARD);
	outb(RESET_CONTROL, RESET_HARD | RESET_CPU);
	mdelay(50);
	outb(KBC_COMMAND, KBC_PULSE_RESET);
	mdelay(50);
}

static const struct power_ops pc_power = {
	.match = {
		.name = "pc",
		.fallback = true,
	},
	.poweroff = pc_poweroff,
	.reset = pc_reset,
};

POWER_DECLARE(pc_power);
