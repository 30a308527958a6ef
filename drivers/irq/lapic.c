/*
 * Local APIC: each CPU's interrupt controller, the machine's irqchip on
 * the PC. Interrupt numbers are vectors (asm/trap.h): 0x20 the LAPIC
 * timer, 0x30 + n IPI type n, 0x40 + n I/O APIC input n (enable/disable
 * are passed on to the I/O APIC driver), 0xfe APIC errors, 0xff spurious.
 *
 * x2APIC mode (MSRs, 32-bit ids) when CPUID offers it, else xAPIC (MMIO
 * at the MADT's address, uncached). Every CPU uses the mode the boot CPU
 * chose. IPIs are fixed-delivery, physical destination, to the logical
 * CPU's APIC id (cpu_hwid()).
 *
 * Every PC has one (CPUID says so), so this is the irqchip class's
 * fallback: without a MADT it runs at the address IA32_APIC_BASE holds,
 * with no I/O APIC and no NMI wiring.
 */
#include <sis/acpi_tables.h>
#include <sis/arch.h>
#include <sis/errno.h>
#include <sis/firmware.h>
#include <sis/irq.h>
#include <sis/irqchip.h>
#include <sis/percpu.h>
#include <sis/platform.h>
#include <sis/printk.h>
#include <sis/topology.h>
#include <asm/apic.h>
#include <asm/cpu.h>
#include <asm/io.h>
#include <asm/trap.h>
#include "ioapic.h"

#define APIC_BASE_ENABLE	(1ull << 11)
#define APIC_BASE_X2APIC	(1ull << 10)
#define APIC_BASE_ADDR		0xffffff000ull
#define X2APIC_MSR(reg)		(0x800 + ((reg) >> 4))
#define MSR_X2APIC_ICR		0x830
#define ICR_SPIN_MAX		1000000	/* ~ms of polling: far more than delivery takes */
#define PIC1_DATA		0x21
#define PIC2_DATA		0xa1

static volatile u8 *lapic_mmio;	/* xAPIC registers; NULL in x2APIC mode */
static bool x2apic;
static const struct acpi_madt_info *madt;	/* NULL without a MADT */
static bool have_ioapic;		/* chained for vectors 0x40..0x7f */

u32 lapic_read(u32 reg)
{
	if (x2apic)
		return (u32)rdmsr(X2APIC_MSR(reg));
	return mmio_read32(lapic_mmio + reg);
}

void lapic_write(u32 reg, u32 v)
{
	if (x2apic)
		wrmsr(X2APIC_MSR(reg), v);
	else
		mmio_write32(lapic_mmio + reg, v);
}

bool lapic_is_x2apic(void)
{
	return x2apic;
}

static bool icr_wait_idle(void)
{
	unsigned int spin;

	for (spin = 0; spin < ICR_SPIN_MAX; spin++) {
		if (!(lapic_read(APIC_ICR_LO) & APIC_ICR_BUSY))
			return true;
		arch_cpu_relax();
	}
	return false;
}

/*
 * xAPIC: wait until the previous command left, write the destination,
 * then the low word (which sends), and wait for delivery. x2APIC has one
 * 64-bit ICR and no delivery status. Interrupts off: an IPI sent from a
 * handler between the two writes would change our destination.
 */
#define XAPIC_BROADCAST	0xff

int lapic_send_icr(u32 dest, u32 low)
{
	unsigned long flags = arch_irq_save();
	int err = 0;

	if (x2apic) {
		wrmsr(MSR_X2APIC_ICR, ((u64)dest << 32) | low);
	} else if (dest >= XAPIC_BROADCAST) {
		err = -ERANGE;		/* 8-bit destination; 0xff would reach every CPU */
	} else if (!icr_wait_idle()) {
		err = -ETIMEDOUT;
	} else {
		lapic_write(APIC_ICR_HI, dest << 24);
		lapic_write(APIC_ICR_LO, low);
		if (!icr_wait_idle())
			err = -ETIMEDOUT;
	}
	arch_irq_restore(flags);
	return err;
}

static void lapic_send_ipi(unsigned int cpu, unsigned int ipi)
{
	u32 dest = (u32)cpu_hwid(cpu);

	int err = lapic_send_icr(dest, APIC_ICR_FIXED | (VEC_IPI_BASE + ipi));

	if (err)
		pr_err("[APIC] core%u: IPI %u to apic_id %u not delivered (%s)\n",
		       smp_processor_id(), ipi, dest,
		       err == -ERANGE ? "id above 254 in xAPIC mode" : "ICR busy");
}

/* The CPUs the machine has (the firmware's enabled entries), counted once. */
static unsigned int machine_cpus(void)
{
	static unsigned int count;
	const struct fw_cpu *fw;
	unsigned int n, i, c = 0;

	if (!READ_ONCE(count)) {
		fw = platform_fw_cpus(&n);
		for (i = 0; i < n; i++)
			c += !!(fw[i].flags & FW_CPU_ENABLED);
		WRITE_ONCE(count, c);
	}
	return READ_ONCE(count);
}

/*
 * The all-but-self shorthand reaches every APIC in the machine, so it is
 * used only when cpus is every CPU but this one and every CPU the machine
 * has is online (none parked by hotplug, none left out by MAX_CPUS or a
 * failed start); otherwise one IPI per CPU.
 */
static void lapic_send_ipi_mask(const cpumask_t *cpus, unsigned int ipi)
{
	unsigned int online = num_online_cpus(), cpu;

	if (!cpumask_test(cpus, smp_processor_id()) && online == machine_cpus() &&
	    cpumask_weight(cpus) + 1 == online) {
		if (lapic_send_icr(0, APIC_ICR_ALL_BUT_SELF | APIC_ICR_FIXED | (VEC_IPI_BASE + ipi)))
			pr_err("[APIC] core%u: IPI %u to all but self not delivered (ICR busy)\n",
			       smp_processor_id(), ipi);
		return;
	}
	for_each_cpu(cpu, cpus)
		lapic_send_ipi(cpu, ipi);
}

static unsigned int lapic_ipi_irq(unsigned int ipi)
{
	return VEC_IPI_BASE + ipi;
}

static void lapic_eoi(unsigned int vec)
{
	lapic_write(APIC_EOI, 0);
}

static void lapic_enable(unsigned int vec)
{
	if (vec >= VEC_GSI_BASE && vec <= VEC_GSI_MAX && have_ioapic)
		ioapic_set(vec, true);
}

static void lapic_disable(unsigned int vec)
{
	if (vec >= VEC_GSI_BASE && vec <= VEC_GSI_MAX && have_ioapic)
		ioapic_set(vec, false);
}

static int lapic_route(unsigned int vec, unsigned int type, unsigned int cpu)
{
	if (vec < VEC_GSI_BASE || vec > VEC_GSI_MAX || !have_ioapic)
		return -EINVAL;
	return ioapic_route(vec, type, cpu);
}

static void lapic_error(unsigned int vec, void *arg)
{
	u32 esr;

	lapic_write(APIC_ESR, 0);	/* latch the current errors */
	esr = lapic_read(APIC_ESR);
	pr_err("[APIC] core%u: APIC error, ESR=0x%x\n", smp_processor_id(), esr);
}

/* The 8259 PICs stay silent: everything goes through the APICs. */
static void pic_mask_all(void)
{
	outb(PIC1_DATA, 0xff);
	outb(PIC2_DATA, 0xff);
}

static int lapic_init(const struct fw_device *dev)
{
	u64 base = rdmsr(MSR_IA32_APIC_BASE);
	phys_addr_t addr;

	madt = dev->table;
	if (!(cpuid(1, 0).edx & CPUID1_EDX_APIC))
		return -ENODEV;
	x2apic = cpuid(1, 0).ecx & CPUID1_ECX_X2APIC;
	addr = madt && madt->lapic_addr ? madt->lapic_addr : base & APIC_BASE_ADDR;
	if (!x2apic) {
		lapic_mmio = x86_ioremap(addr, 0x1000);
		if (!lapic_mmio)
			return -EFAULT;
	}
	pic_mask_all();
	have_ioapic = ioapic_init(madt) == 0;
	irq_register(VEC_APIC_ERROR, "APIC error", lapic_error, NULL);
	pr_info("[APIC] %s mode, %s 0x%llx\n", x2apic ? "x2APIC" : "xAPIC",
		x2apic ? "MSRs, base" : "registers at", (unsigned long long)addr);
	return 0;
}

/* LINT pins: NMI where the MADT says so (for this CPU or all), else masked. */
static u32 lint_setup(unsigned int lint, u64 apic_id)
{
	unsigned int i, c;

	if (!madt)
		return APIC_LVT_MASKED;
	for (i = 0; i < madt->nnmis; i++) {
		const struct acpi_nmi *n = &madt->nmis[i];

		if (n->lint != lint)
			continue;
		if (n->uid == ACPI_CPU_UID_ALL)
			return APIC_DM_NMI;
		for (c = 0; c < madt->ncpus; c++)
			if (madt->cpus[c].uid == n->uid && madt->cpus[c].apic_id == apic_id)
				return APIC_DM_NMI;
	}
	return APIC_LVT_MASKED;
}

static void lapic_init_cpu(unsigned int cpu)
{
	u64 base = rdmsr(MSR_IA32_APIC_BASE) | APIC_BASE_ENABLE;
	u64 id = arch_cpu_hwid();

	if (x2apic)
		base |= APIC_BASE_X2APIC;
	wrmsr(MSR_IA32_APIC_BASE, base);
	lapic_write(APIC_TPR, 0);
	lapic_write(APIC_LVT_TIMER, APIC_LVT_MASKED);
	lapic_write(APIC_LVT_LINT0, lint_setup(0, id));
	lapic_write(APIC_LVT_LINT1, lint_setup(1, id));
	lapic_write(APIC_LVT_ERROR, VEC_APIC_ERROR);
	lapic_write(APIC_ESR, 0);
	lapic_write(APIC_ESR, 0);
	lapic_write(APIC_SVR, APIC_SVR_ENABLE | VEC_SPURIOUS);
	lapic_write(APIC_EOI, 0);	/* drop anything left in service */
}

static const struct irqchip lapic_irqchip = {
	.match = {
		.name = "lapic",
		.acpi = ACPI_SIG_MADT,
		.fallback = true,
	},
	.init = lapic_init,
	.init_cpu = lapic_init_cpu,
	.enable = lapic_enable,
	.disable = lapic_disable,
	.route = lapic_route,
	.eoi = lapic_eoi,
	.send_ipi = lapic_send_ipi,
	.send_ipi_mask = lapic_send_ipi_mask,
	.ipi_irq = lapic_ipi_irq,
};

IRQCHIP_DECLARE(lapic_irqchip);
