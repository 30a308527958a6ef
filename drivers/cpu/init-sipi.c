/*
 * Starting an AP the way the Intel MP specification describes: INIT
 * (assert), 10 ms, STARTUP with the trampoline's page number, 200 us,
 * and a second STARTUP only if the AP has not begun running the
 * trampoline. The arch trampoline (arch/x86_64/trampoline.S) takes it
 * from real mode to long mode and into secondary_main().
 *
 * prepare() sends INIT to every AP at once and waits the 10 ms once; an
 * AP then waits for its STARTUP, which start() sends one CPU at a time
 * (the trampoline is shared). Bring-up costs one INIT delay, not one
 * per CPU.
 *
 * Hotplug: a CPU going offline parks itself, interrupts off, in a halt
 * loop (INIT is not masked by that). Starting it again is INIT, 10 ms,
 * then the same STARTUP sequence through the trampoline, which stays in
 * its reserved page for this.
 */
#include <sis/acpi_tables.h>
#include <sis/arch.h>
#include <sis/cpu_ops.h>
#include <sis/errno.h>
#include <sis/time.h>
#include <sis/topology.h>
#include <asm/apic.h>
#include <asm/trampoline.h>

#define INIT_DELAY_US	10000
#define SIPI_DELAY_US	200
#define ENODEV_TRAMPOLINE "no free page below 1 MiB for the AP trampoline"

static int send_init(u32 dest)
{
	int err = lapic_send_icr(dest, APIC_ICR_INIT | APIC_ICR_ASSERT | APIC_ICR_LEVEL);

	if (!err && !lapic_is_x2apic())	/* INIT de-assert, for older xAPICs */
		err = lapic_send_icr(dest, APIC_ICR_INIT | APIC_ICR_LEVEL);
	return err;
}

/* An AP whose INIT failed is reported by its own start(). */
static int init_failed[CONFIG_MAX_CPUS];
/* Started once: a restart (hotplug) needs its own INIT first. */
static bool started[CONFIG_MAX_CPUS];

static int init_sipi_prepare(const struct fw_device *dev)
{
	int err = x86_trampoline_install();
	unsigned int cpu;

	if (err)
		return err;
	for (cpu = 1; cpu < nr_cpu_ids; cpu++)
		init_failed[cpu] = send_init((u32)cpu_hwid(cpu));
	udelay(INIT_DELAY_US);
	return 0;
}

static int init_sipi_start(unsigned int cpu, u64 hwid, uintptr_t entry, uintptr_t arg)
{
	u32 dest = (u32)hwid;
	u32 sipi = APIC_ICR_STARTUP | (u32)(entry >> 12);
	int err;

	if (!entry || entry >= 0x100000 || entry & 0xfff)
		return -EINVAL;
	if (started[cpu]) {
		init_failed[cpu] = send_init(dest);
		udelay(INIT_DELAY_US);
	}
	if (init_failed[cpu])
		return init_failed[cpu];
	started[cpu] = true;
	x86_trampoline_set_arg(arg);
	err = lapic_send_icr(dest, sipi);
	if (err)
		return err;
	udelay(SIPI_DELAY_US);
	if (x86_trampoline_started())
		return 0;
	err = lapic_send_icr(dest, sipi);
	if (err)
		return err;
	udelay(SIPI_DELAY_US);
	return 0;
}

/* The CPU's last act going offline: park until INIT. */
static __noreturn void init_sipi_park(unsigned int cpu)
{
	arch_halt();
}

static const char *init_sipi_strerror(int err)
{
	if (err == -ENODEV)
		return ENODEV_TRAMPOLINE;
	if (err == -ETIMEDOUT)
		return "the local APIC never finished sending INIT/STARTUP";
	if (err == -ERANGE)
		return "its APIC id is above 254, which only x2APIC mode can address";
	return NULL;
}

/* The MADT's CPUs are started this way (ACPI has no per-CPU method). */
static const struct cpu_enable_method init_sipi = {
	.match = {
		.name = "init-sipi",
		.acpi = ACPI_SIG_MADT,
	},
	.prepare = init_sipi_prepare,
	.start = init_sipi_start,
	.strerror = init_sipi_strerror,
	.stop = init_sipi_park,
};

CPU_METHOD_DECLARE(init_sipi);
