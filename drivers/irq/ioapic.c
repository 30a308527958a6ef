/*
 * I/O APIC (ioapic.h): routes device interrupt lines (global system
 * interrupts, GSIs) to LAPIC vectors. Reached through the LAPIC irqchip,
 * which hands it vectors 0x40 + n; n is an ISA IRQ (0-15, translated through the
 * MADT's interrupt source overrides, e.g. PIT IRQ 0 -> GSI 2) or a GSI.
 * Every input starts masked; enable() programs the redirection entry
 * (fixed delivery, physical destination = the boot CPU, polarity and
 * trigger from the override, ISA default edge/high) and unmasks it.
 *
 * Registers: write the index to IOREGSEL, then read/write IOWIN.
 * ioapic_lock protects that pair. Leaf lock, IRQ-safe.
 */
#include <sis/irq.h>
#include <sis/printk.h>
#include <sis/spinlock.h>
#include <sis/topology.h>
#include <asm/io.h>
#include <asm/trap.h>
#include "ioapic.h"

#define IOREGSEL	0x00
#define IOWIN		0x10
#define IOAPIC_VER	0x01
#define IOAPIC_RTE(n)	(0x10 + 2 * (n))
#define RTE_ACTIVE_LOW	(1u << 13)
#define RTE_LEVEL	(1u << 15)
#define RTE_MASKED	(1u << 16)
#define ISA_IRQS	16

struct ioapic {
	volatile u8 *regs;
	u32 gsi_base;
	unsigned int ninputs;
};

static struct ioapic ioapics[ACPI_MADT_MAX_IOAPICS];
static unsigned int nioapics;
static const struct acpi_madt_info *madt;
static DEFINE_SPINLOCK(ioapic_lock);

static u32 io_read(struct ioapic *io, u32 reg)
{
	mmio_write32(io->regs + IOREGSEL, reg);
	return mmio_read32(io->regs + IOWIN);
}

static void io_write(struct ioapic *io, u32 reg, u32 v)
{
	mmio_write32(io->regs + IOREGSEL, reg);
	mmio_write32(io->regs + IOWIN, v);
}

/* The I/O APIC serving gsi, and the input number on it. */
static struct ioapic *gsi_lookup(u32 gsi, unsigned int *pin)
{
	unsigned int i;

	for (i = 0; i < nioapics; i++) {
		if (gsi >= ioapics[i].gsi_base &&
		    gsi < ioapics[i].gsi_base + ioapics[i].ninputs) {
			*pin = gsi - ioapics[i].gsi_base;
			return &ioapics[i];
		}
	}
	return NULL;
}

/*
 * Line n (vector 0x40 + n) -> GSI and its polarity and trigger: an ISA
 * IRQ is edge/high unless the MADT overrides it (source, GSI and flags);
 * a GSI of 16 up is what the caller's type says (PCI: level/low).
 */
static u32 line_to_gsi(unsigned int n, unsigned int type, u32 *rte_flags)
{
	unsigned int i;

	*rte_flags = 0;
	if (type & (IRQ_TYPE_LEVEL_HIGH | IRQ_TYPE_LEVEL_LOW))
		*rte_flags |= RTE_LEVEL;
	if (type & (IRQ_TYPE_LEVEL_LOW | IRQ_TYPE_EDGE_FALLING))
		*rte_flags |= RTE_ACTIVE_LOW;
	if (n >= ISA_IRQS || type)
		return n;
	for (i = 0; madt && i < madt->noverrides; i++) {
		const struct acpi_override *o = &madt->overrides[i];

		if (o->bus != 0 || o->source != n)
			continue;
		if (ACPI_INTI_POLARITY(o->flags) == 3)
			*rte_flags |= RTE_ACTIVE_LOW;
		if (ACPI_INTI_TRIGGER(o->flags) == 3)
			*rte_flags |= RTE_LEVEL;
		return o->gsi;
	}
	return n;
}

/* The I/O APIC input line vec - 0x40 arrives on, or NULL (said once per call). */
static struct ioapic *line_pin(unsigned int vec, unsigned int type, unsigned int *pin,
			       u32 *rte_flags)
{
	u32 gsi = line_to_gsi(vec - VEC_GSI_BASE, type, rte_flags);
	struct ioapic *io = gsi_lookup(gsi, pin);

	if (!io)
		pr_warn("[IOAPIC] no I/O APIC serves GSI %u (vector 0x%x)\n", gsi, vec);
	return io;
}

int ioapic_route(unsigned int vec, unsigned int type, unsigned int cpu)
{
	unsigned int pin;
	u32 flags;
	struct ioapic *io = line_pin(vec, type, &pin, &flags);
	unsigned long irqf;

	if (!io)
		return -ENODEV;
	if (cpu_hwid(cpu) > 0xff)
		return -EINVAL;	/* xAPIC destinations are 8 bits (no interrupt remapping) */
	irqf = spin_lock_irqsave(&ioapic_lock);
	io_write(io, IOAPIC_RTE(pin), RTE_MASKED);
	io_write(io, IOAPIC_RTE(pin) + 1, (u32)cpu_hwid(cpu) << 24);
	io_write(io, IOAPIC_RTE(pin), vec | flags | RTE_MASKED);
	spin_unlock_irqrestore(&ioapic_lock, irqf);
	return 0;
}

void ioapic_set(unsigned int vec, bool on)
{
	unsigned int pin;
	u32 flags, rte;
	struct ioapic *io = line_pin(vec, IRQ_TYPE_DEFAULT, &pin, &flags);
	unsigned long irqf;

	if (!io)
		return;
	irqf = spin_lock_irqsave(&ioapic_lock);
	rte = io_read(io, IOAPIC_RTE(pin));
	if ((rte & 0xff) != vec)	/* never routed: to the boot CPU, the line's default */
		rte = vec | flags | RTE_MASKED;
	io_write(io, IOAPIC_RTE(pin), on ? rte & ~RTE_MASKED : rte | RTE_MASKED);
	spin_unlock_irqrestore(&ioapic_lock, irqf);
}

static int ioapic_add(const struct acpi_ioapic *a)
{
	struct ioapic *io = &ioapics[nioapics];
	unsigned int pin;

	io->regs = x86_ioremap(a->addr, 0x20);
	if (!io->regs)
		return -EFAULT;
	io->gsi_base = a->gsi_base;
	io->ninputs = ((io_read(io, IOAPIC_VER) >> 16) & 0xff) + 1;
	for (pin = 0; pin < io->ninputs; pin++)
		io_write(io, IOAPIC_RTE(pin), RTE_MASKED);
	pr_info("[IOAPIC] id %u at 0x%x: GSIs %u-%u, all masked\n", a->id, a->addr,
		io->gsi_base, io->gsi_base + io->ninputs - 1);
	nioapics++;
	return 0;
}

int ioapic_init(const struct acpi_madt_info *m)
{
	unsigned int i;

	madt = m;
	if (!madt || !madt->nioapics)
		return -ENODEV;
	for (i = 0; i < madt->nioapics; i++)
		if (ioapic_add(&madt->ioapics[i]))
			pr_warn("[IOAPIC] id %u at 0x%x is outside the identity map: ignored\n",
				madt->ioapics[i].id, madt->ioapics[i].addr);
	return nioapics ? 0 : -ENODEV;
}
