/*
 * GICv2 (the Pi 5's GIC-400, QEMU virt's arm,cortex-a15-gic).
 *
 * One distributor (GICD) shared by all CPUs, one CPU interface (GICC) per
 * CPU at the same address, banked. INTIDs 0-15 are SGIs (our IPIs: IPI n
 * is SGI n), 16-31 per-CPU PPIs (the timers), 32+ SPIs. Without the
 * security extensions (QEMU) everything is group 0 and signalled as IRQ;
 * under a secure monitor (the Pi's TF-A) the non-secure view shows only
 * group 1, which the monitor has already assigned. Either way enable bit 0
 * of both control registers is the one we own.
 *
 * An SGI is sent to CPU-interface numbers, not MPIDRs: each CPU reads its
 * own number from the banked GICD_ITARGETSR0 in init_cpu.
 */
#include <sis/driver.h>
#include <sis/irq.h>
#include <sis/irqchip.h>
#include <sis/of_fw.h>
#include <sis/printk.h>
#include <asm/io.h>

#define GICD_CTLR		0x000
#define GICD_TYPER		0x004
#define GICD_ISENABLER		0x100
#define GICD_ICENABLER		0x180
#define GICD_ICPENDR		0x280
#define GICD_IPRIORITYR		0x400
#define GICD_ITARGETSR		0x800
#define GICD_ICFGR		0xc00
#define GICD_SGIR		0xf00

#define GICC_CTLR		0x000
#define GICC_PMR		0x004
#define GICC_BPR		0x008
#define GICC_IAR		0x00c
#define GICC_EOIR		0x010

#define GIC_PRIO_DEFAULT	0xa0a0a0a0u
#define GIC_SPURIOUS		1020

static uintptr_t gicd, gicc;
static unsigned int nr_irqs;
/* CPU-interface mask of each logical CPU, written by that CPU before it goes online. */
static u8 cpu_mask[CONFIG_MAX_CPUS];

static int gicv2_init(const void *fw)
{
	const struct of_gic *cfg = fw;
	unsigned int i;

	if (!cfg->dist || !cfg->cpuif) {
		pr_err("[GIC] GICv2 node lacks its distributor or CPU interface registers\n");
		return -1;
	}
	gicd = (uintptr_t)cfg->dist;
	gicc = (uintptr_t)cfg->cpuif;
	nr_irqs = MIN(32 * ((readl(gicd + GICD_TYPER) & 0x1f) + 1), 1020u);
	writel(0, gicd + GICD_CTLR);
	/* SPIs: off, not pending, level, middle priority, routed to the boot CPU. */
	for (i = 32; i < nr_irqs; i += 32) {
		writel(~0u, gicd + GICD_ICENABLER + i / 8);
		writel(~0u, gicd + GICD_ICPENDR + i / 8);
	}
	for (i = 32; i < nr_irqs; i += 16)
		writel(0, gicd + GICD_ICFGR + i / 4);
	for (i = 32; i < nr_irqs; i += 4) {
		writel(GIC_PRIO_DEFAULT, gicd + GICD_IPRIORITYR + i);
		writel(0x01010101u, gicd + GICD_ITARGETSR + i);
	}
	writel(1, gicd + GICD_CTLR);
	pr_info("[GIC] GICv2 at 0x%lx/0x%lx, %u interrupts\n", (unsigned long)gicd,
		(unsigned long)gicc, nr_irqs);
	return 0;
}

static void gicv2_init_cpu(unsigned int cpu)
{
	unsigned int i;
	u8 mask = (u8)readl(gicd + GICD_ITARGETSR);

	/* A uniprocessor GIC reads this as zero: there is only interface 0. */
	cpu_mask[cpu] = mask ? mask : 1;
	writel(0xffff0000u, gicd + GICD_ICENABLER);	/* PPIs off until asked */
	writel(0x0000ffffu, gicd + GICD_ISENABLER);	/* SGIs on */
	for (i = 0; i < 32; i += 4)
		writel(GIC_PRIO_DEFAULT, gicd + GICD_IPRIORITYR + i);
	writel(0xff, gicc + GICC_PMR);
	writel(0, gicc + GICC_BPR);
	writel(1, gicc + GICC_CTLR);
}

static void gicv2_enable(unsigned int irq)
{
	writel(BIT(irq % 32), gicd + GICD_ISENABLER + (irq / 32) * 4);
}

static void gicv2_disable(unsigned int irq)
{
	writel(BIT(irq % 32), gicd + GICD_ICENABLER + (irq / 32) * 4);
}

static void gicv2_eoi(unsigned int irq)
{
	writel(irq, gicc + GICC_EOIR);
}

/* IAR holds the INTID and, for SGIs, the sender: EOI gets it back whole. */
static void gicv2_handle(void)
{
	for (;;) {
		u32 iar = readl(gicc + GICC_IAR);
		unsigned int irq = iar & 0x3ff;

		if (irq >= GIC_SPURIOUS)
			break;
		irq_dispatch(irq);
		writel(iar, gicc + GICC_EOIR);
	}
}

static void gicv2_send_ipi(unsigned int cpu, unsigned int ipi)
{
	wmb_before_mmio();	/* the IPI's data before the IPI */
	writel((u32)cpu_mask[cpu] << 16 | ipi, gicd + GICD_SGIR);
}

static unsigned int gicv2_ipi_irq(unsigned int ipi)
{
	return ipi;
}

static const struct irqchip gicv2 = {
	.name = "gic-v2",
	.init = gicv2_init,
	.init_cpu = gicv2_init_cpu,
	.enable = gicv2_enable,
	.disable = gicv2_disable,
	.eoi = gicv2_eoi,
	.handle = gicv2_handle,
	.send_ipi = gicv2_send_ipi,
	.ipi_irq = gicv2_ipi_irq,
};

IRQCHIP_DECLARE(gic400, "arm,gic-400", &gicv2);
IRQCHIP_DECLARE(cortex_a15_gic, "arm,cortex-a15-gic", &gicv2);
