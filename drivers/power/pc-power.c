/*
 * Ending a PC (include/sis/power.h).
 *
 * Power-off is ACPI S5 (ACPI 6.5 16.1.7, 7.4.2.6): the sleep type the
 * DSDT's \_S5 package gives (SLP_TYPa, SLP_TYPb) goes into PM1_CNT.SLP_TYP
 * of the FADT's PM1a (and PM1b) control block, then SLP_EN. The firmware
 * layer parsed both tables; a FADT without PM1a, or a DSDT without a
 * usable \_S5, leaves power-off to halt, and it said why. A firmware
 * still in legacy mode is first switched to ACPI mode (ACPI_ENABLE to
 * SMI_CMD, then SCI_EN), as the specification asks of the OS.
 *
 * Reset is the FADT's reset register (when RESET_REG_SUP says it works),
 * then the chipset's reset control register (port 0xcf9: a hard reset on
 * every PCH since the PIIX), then the 8042 keyboard controller's reset
 * line: the ways every PC has, most specific first.
 *
 * Under QEMU (CPUID's hypervisor bit; a real CPU never sets it) and with
 * CONFIG_QEMU_DEBUG_EXIT, power-off first hands the run's verdict to the
 * isa-debug-exit device `make run` adds (port 0xf4): QEMU exits with
 * status (code << 1) | 1, which scripts/qemu-run.py maps back. Without
 * that device the write goes nowhere and S5 follows.
 *
 * Matched by the FADT; without one this is the class's fallback: reset
 * only.
 */
#include <sis/acpi_tables.h>
#include <sis/errno.h>
#include <sis/firmware.h>
#include <sis/power.h>
#include <sis/printk.h>
#include <sis/time.h>
#include <asm/cpu.h>
#include <asm/io.h>

#define DEBUG_EXIT_PORT		0xf4
#define DEBUG_EXIT_SUCCESS	0x10
#define DEBUG_EXIT_FAILURE	0x11
#define RESET_CONTROL		0xcf9
#define  RESET_CPU		0x04	/* the edge that resets */
#define  RESET_HARD		0x02	/* a full reset, not only the CPU */
#define KBC_COMMAND		0x64
#define  KBC_PULSE_RESET	0xfe
#define PCI_CONFIG_ADDRESS	0xcf8
#define PCI_CONFIG_DATA		0xcfc
#define PM1_SCI_EN		(1u << 0)
#define PM1_SLP_TYP_SHIFT	10
#define PM1_SLP_TYP		(7u << PM1_SLP_TYP_SHIFT)
#define PM1_SLP_EN		(1u << 13)
#define ACPI_ENABLE_WAIT_MS	300
#define RESET_WAIT_MS		50

/* A register a Generic Address Structure names, ready to use. */
struct reg {
	u8 space;		/* ACPI_GAS_*; 0xff: no register */
	u8 bits;		/* 8, 16 or 32 */
	u64 addr;		/* port, PCI config address (acpi_tables.h) */
	volatile u8 *mmio;	/* memory space, mapped */
};

static struct reg pm1a, pm1b, reset_reg;
static const struct acpi_fadt_info *fadt;	/* NULL: no FADT */
static bool s5_ok, debug_exit;

/* Make r from g (width bits when the GAS says none); false when it cannot be used. */
static bool reg_setup(struct reg *r, const struct acpi_gas *g, u8 width)
{
	u8 bits = g->bit_width == 8 || g->bit_width == 16 || g->bit_width == 32 ?
		  g->bit_width : width;

	*r = (struct reg){ .space = 0xff };
	if (!g->addr || g->bit_offset)
		return false;
	if (g->space == ACPI_GAS_IO && g->addr + bits / 8 <= 0x10000)
		*r = (struct reg){ .space = ACPI_GAS_IO, .bits = bits, .addr = g->addr };
	else if (g->space == ACPI_GAS_PCI_CONFIG && (g->addr >> 32) < 32)
		*r = (struct reg){ .space = ACPI_GAS_PCI_CONFIG, .bits = 8, .addr = g->addr };
	else if (g->space == ACPI_GAS_MEMORY)
		*r = (struct reg){ .space = ACPI_GAS_MEMORY, .bits = bits, .addr = g->addr,
				   .mmio = x86_ioremap(g->addr, bits / 8) };
	return r->space != 0xff && (r->space != ACPI_GAS_MEMORY || r->mmio);
}

static u32 reg_read(const struct reg *r)
{
	if (r->space == ACPI_GAS_MEMORY)
		return r->bits == 8 ? mmio_read8(r->mmio) : r->bits == 16 ?
		       mmio_read16(r->mmio) : mmio_read32(r->mmio);
	if (r->space == ACPI_GAS_IO)
		return r->bits == 8 ? inb((u16)r->addr) : r->bits == 16 ?
		       inw((u16)r->addr) : inl((u16)r->addr);
	return 0;
}

/* PCI configuration space of bus 0, mechanism #1: one byte. */
static void pci_config_write8(u64 addr, u8 v)
{
	u32 dev = (addr >> 32) & 0x1f, fn = (addr >> 16) & 0x7, off = addr & 0xff;

	outl(PCI_CONFIG_ADDRESS, 0x80000000u | dev << 11 | fn << 8 | (off & 0xfc));
	outb(PCI_CONFIG_DATA + (off & 3), v);
}

static void reg_write(const struct reg *r, u32 v)
{
	if (r->space == ACPI_GAS_MEMORY) {
		if (r->bits == 8)
			mmio_write8(r->mmio, (u8)v);
		else if (r->bits == 16)
			mmio_write16(r->mmio, (u16)v);
		else
			mmio_write32(r->mmio, v);
	} else if (r->space == ACPI_GAS_IO) {
		if (r->bits == 8)
			outb((u16)r->addr, (u8)v);
		else if (r->bits == 16)
			outw((u16)r->addr, (u16)v);
		else
			outl((u16)r->addr, v);
	} else if (r->space == ACPI_GAS_PCI_CONFIG) {
		pci_config_write8(r->addr, (u8)v);
	}
}

static const char *space_name(const struct reg *r)
{
	return r->space == ACPI_GAS_IO ? "I/O" : r->space == ACPI_GAS_MEMORY ? "memory" : "PCI";
}

/* Say once what power-off and reset will do. */
static void report(void)
{
	if (s5_ok)
		pr_info("[POWER] power-off: %sACPI S5 (PM1a_CNT at %s 0x%llx, SLP_TYPa=%u SLP_TYPb=%u)\n",
			debug_exit ? "QEMU's isa-debug-exit, then " : "", space_name(&pm1a),
			(unsigned long long)pm1a.addr, fadt->slp_typa, fadt->slp_typb);
	else
		pr_info("[POWER] power-off: %shalt (no ACPI S5)\n",
			debug_exit ? "QEMU's isa-debug-exit, then " : "");
	if (reset_reg.space != 0xff)
		pr_info("[POWER] reset: the FADT's reset register (%s 0x%llx <- 0x%x), then port 0xcf9, then the 8042\n",
			space_name(&reset_reg), (unsigned long long)reset_reg.addr,
			fadt->reset_value);
	else
		pr_info("[POWER] reset: port 0xcf9, then the 8042\n");
}

static int pc_power_init(const struct fw_device *dev)
{
	fadt = dev->table;
	debug_exit = IS_ENABLED(CONFIG_QEMU_DEBUG_EXIT) &&
		     (cpuid(1, 0).ecx & CPUID1_ECX_HYPERVISOR);
	reset_reg.space = pm1a.space = pm1b.space = 0xff;
	s5_ok = false;
	if (fadt) {
		s5_ok = fadt->s5_valid && !(fadt->flags & ACPI_FADT_HW_REDUCED) &&
			reg_setup(&pm1a, &fadt->pm1a_cnt, 16);
		reg_setup(&pm1b, &fadt->pm1b_cnt, 16);
		if (fadt->flags & ACPI_FADT_RESET_REG_SUP)
			reg_setup(&reset_reg, &fadt->reset_reg, 8);
	}
	report();
	return 0;
}

/* Legacy mode to ACPI mode, when the firmware left it in legacy mode and can switch. */
static void acpi_mode_on(void)
{
	unsigned int ms;

	if ((reg_read(&pm1a) & PM1_SCI_EN) || !fadt->smi_cmd || !fadt->acpi_enable ||
	    fadt->smi_cmd > 0xffff)
		return;
	outb((u16)fadt->smi_cmd, fadt->acpi_enable);
	for (ms = 0; ms < ACPI_ENABLE_WAIT_MS && !(reg_read(&pm1a) & PM1_SCI_EN); ms++)
		mdelay(1);
}

/* SLP_TYP first, then SLP_EN with it: the two writes the specification describes. */
static void sleep_write(const struct reg *r, u8 typ, bool enable)
{
	u32 v = reg_read(r) & ~(PM1_SLP_TYP | PM1_SLP_EN);

	reg_write(r, v | (u32)typ << PM1_SLP_TYP_SHIFT | (enable ? PM1_SLP_EN : 0));
}

static void enter_s5(void)
{
	pr_info("[POWER] entering ACPI S5\n");
	acpi_mode_on();
	sleep_write(&pm1a, fadt->slp_typa, false);
	if (pm1b.space != 0xff)
		sleep_write(&pm1b, fadt->slp_typb, false);
	sleep_write(&pm1a, fadt->slp_typa, true);
	if (pm1b.space != 0xff)
		sleep_write(&pm1b, fadt->slp_typb, true);
	mdelay(1000);		/* off by now; if not, the caller says so and halts */
}

static void pc_poweroff(bool success)
{
	if (debug_exit)
		outb(DEBUG_EXIT_PORT, success ? DEBUG_EXIT_SUCCESS : DEBUG_EXIT_FAILURE);
	if (s5_ok)
		enter_s5();
}

static void pc_reset(void)
{
	if (reset_reg.space != 0xff) {
		reg_write(&reset_reg, fadt->reset_value);
		mdelay(RESET_WAIT_MS);
		pr_warn("[POWER] the FADT's reset register did not reset: trying port 0xcf9\n");
	}
	outb(RESET_CONTROL, RESET_HARD);
	outb(RESET_CONTROL, RESET_HARD | RESET_CPU);
	mdelay(RESET_WAIT_MS);
	pr_warn("[POWER] port 0xcf9 did not reset: trying the 8042\n");
	outb(KBC_COMMAND, KBC_PULSE_RESET);
	mdelay(RESET_WAIT_MS);
}

static const struct power_ops pc_power = {
	.match = {
		.name = "pc",
		.acpi = ACPI_SIG_FADT,
		.fallback = true,
	},
	.init = pc_power_init,
	.poweroff = pc_poweroff,
	.reset = pc_reset,
};

POWER_DECLARE(pc_power);
