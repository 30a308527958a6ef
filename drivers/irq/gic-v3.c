/*
 * GICv3 (QEMU virt with gic-version=3).
 *
 * The distributor (GICD) handles SPIs, routed by affinity (ARE on). Each
 * CPU has its own redistributor (GICR): an RD frame and an SGI frame
 * holding the SGI/PPI registers. Redistributors sit back to back in one
 * or more regions; a CPU finds its own by matching GICR_TYPER's affinity
 * against its MPIDR, and wakes it by clearing GICR_WAKER.ProcessorSleep.
 * The CPU interface is the ICC_* system registers (ICC_SRE_EL2 was set
 * by the entry code so EL1 may use them). Everything is group 1 (IRQ).
 *
 * SGIs (our IPIs: IPI n is SGI n) are sent with ICC_SGI1R_EL1, naming the
 * target by Aff3.Aff2.Aff1 and a bit for Aff0 in a 16-CPU target list
 * (RS selects which 16).
 */
#include <sis/driver.h>
#include <sis/irq.h>
#include <sis/irqchip.h>
#include <sis/of_fw.h>
#include <sis/percpu.h>
#include <sis/platform.h>
#include <sis/printk.h>
#include <asm/io.h>
#include <asm/sysreg.h>

#define GICD_CTLR		0x0000
#define  GICD_CTLR_RWP		BIT(31)
#define  GICD_CTLR_ARE		BIT(4)
#define  GICD_CTLR_GRP1		(BIT(0) | BIT(1))	/* Grp1 (NS view) / Grp1NS (DS=1) */
#define GICD_TYPER		0x0004
#define GICD_IGROUPR		0x0080
#define GICD_ISENABLER		0x0100
#define GICD_ICENABLER		0x0180
#define GICD_ICPENDR		0x0280
#define GICD_IPRIORITYR		0x0400
#define GICD_ICFGR		0x0c00
#define GICD_IROUTER		0x6000

#define GICR_CTLR		0x0000
#define  GICR_CTLR_RWP		BIT(3)
#define GICR_TYPER		0x0008
#define  GICR_TYPER_VLPIS	BIT(1)
#define  GICR_TYPER_LAST	BIT(4)
#define GICR_WAKER		0x0014
#define  WAKER_PROCESSOR_SLEEP	BIT(1)
#define  WAKER_CHILDREN_ASLEEP	BIT(2)
#define GICR_SGI		0x10000	/* the SGI frame follows the RD frame */
#define GICR_FRAME		0x20000

#define GIC_PRIO_DEFAULT	0xa0a0a0a0u
#define GIC_POLL_LIMIT		1000000

static uintptr_t gicd;
static const struct of_gic *gic_cfg;
static unsigned int nr_irqs;
/* Each CPU's RD frame, written by that CPU in init_cpu before it goes online. */
static uintptr_t gicr[CONFIG_MAX_CPUS];

/* Spin until (readl(reg) & bit) == want; false after GIC_POLL_LIMIT reads. */
static bool gic_poll(uintptr_t reg, u32 bit, u32 want, const char *what)
{
	unsigned int i;

	for (i = 0; i < GIC_POLL_LIMIT; i++)
		if ((readl(reg) & bit) == want)
			return true;
	pr_err("[GIC] %s did not settle\n", what);
	return false;
}

static int gicv3_init(const void *fw)
{
	unsigned int i;

	gic_cfg = fw;
	if (!gic_cfg->dist || !gic_cfg->nredist) {
		pr_err("[GIC] GICv3 node lacks its distributor or redistributor registers\n");
		return -1;
	}
	gicd = (uintptr_t)gic_cfg->dist;
	nr_irqs = MIN(32 * ((readl(gicd + GICD_TYPER) & 0x1f) + 1), 1020u);
	writel(0, gicd + GICD_CTLR);
	gic_poll(gicd + GICD_CTLR, GICD_CTLR_RWP, 0, "GICD_CTLR.RWP");
	/* SPIs: group 1, off, not pending, level, middle priority, to the boot CPU. */
	for (i = 32; i < nr_irqs; i += 32) {
		writel(~0u, gicd + GICD_IGROUPR + i / 8);
		writel(~0u, gicd + GICD_ICENABLER + i / 8);
		writel(~0u, gicd + GICD_ICPENDR + i / 8);
	}
	for (i = 32; i < nr_irqs; i += 16)
		writel(0, gicd + GICD_ICFGR + i / 4);
	for (i = 32; i < nr_irqs; i += 4)
		writel(GIC_PRIO_DEFAULT, gicd + GICD_IPRIORITYR + i);
	gic_poll(gicd + GICD_CTLR, GICD_CTLR_RWP, 0, "GICD_CTLR.RWP");
	writel(GICD_CTLR_ARE | GICD_CTLR_GRP1, gicd + GICD_CTLR);
	gic_poll(gicd + GICD_CTLR, GICD_CTLR_RWP, 0, "GICD_CTLR.RWP");
	for (i = 32; i < nr_irqs; i++)
		writeq(read_sysreg(mpidr_el1) & MPIDR_HWID_MASK, gicd + GICD_IROUTER + i * 8);
	pr_info("[GIC] GICv3 at 0x%lx, %u redistributor region(s), %u interrupts\n",
		(unsigned long)gicd, gic_cfg->nredist, nr_irqs);
	return 0;
}

/* GICR_TYPER[63:32] is Aff3.Aff2.Aff1.Aff0 of the redistributor's CPU. */
static u32 mpidr_to_typer_aff(u64 mpidr)
{
	return (u32)MPIDR_AFF(mpidr, 3) << 24 | MPIDR_AFF(mpidr, 2) << 16 |
	       MPIDR_AFF(mpidr, 1) << 8 | MPIDR_AFF(mpidr, 0);
}

static uintptr_t gicv3_find_redist(u64 mpidr)
{
	u32 want = mpidr_to_typer_aff(mpidr);
	unsigned int r;

	for (r = 0; r < gic_cfg->nredist; r++) {
		uintptr_t rd = (uintptr_t)gic_cfg->redist[r];
		uintptr_t end = rd + (uintptr_t)gic_cfg->redist_size[r];

		while (rd < end) {
			u64 typer = readq(rd + GICR_TYPER);

			if ((u32)(typer >> 32) == want)
				return rd;
			if (typer & GICR_TYPER_LAST)
				break;
			rd += gic_cfg->redist_stride ? gic_cfg->redist_stride :
			      (typer & GICR_TYPER_VLPIS) ? 2 * GICR_FRAME : GICR_FRAME;
		}
	}
	return 0;
}

static void gicv3_init_cpu(unsigned int cpu)
{
	u64 mpidr = read_sysreg(mpidr_el1) & MPIDR_HWID_MASK;
	uintptr_t rd = gicv3_find_redist(mpidr), sgi;
	unsigned int i;

	if (!rd) {
		pr_err("[GIC] core%u: no redistributor for mpidr 0x%llx\n", cpu,
		       (unsigned long long)mpidr);
		return;
	}
	gicr[cpu] = rd;
	sgi = rd + GICR_SGI;
	writel(readl(rd + GICR_WAKER) & ~WAKER_PROCESSOR_SLEEP, rd + GICR_WAKER);
	gic_poll(rd + GICR_WAKER, WAKER_CHILDREN_ASLEEP, 0, "GICR_WAKER.ChildrenAsleep");
	writel(~0u, sgi + GICD_IGROUPR);		/* SGIs and PPIs in group 1 */
	writel(0xffff0000u, sgi + GICD_ICENABLER);	/* PPIs off until asked */
	writel(0x0000ffffu, sgi + GICD_ISENABLER);	/* SGIs on */
	for (i = 0; i < 32; i += 4)
		writel(GIC_PRIO_DEFAULT, sgi + GICD_IPRIORITYR + i);
	gic_poll(rd + GICR_CTLR, GICR_CTLR_RWP, 0, "GICR_CTLR.RWP");

	write_sysreg(icc_sre_el1, read_sysreg(icc_sre_el1) | 1);
	isb();
	write_sysreg(icc_pmr_el1, 0xff);
	write_sysreg(icc_bpr1_el1, 0);
	write_sysreg(icc_ctlr_el1, 0);		/* EOI drops priority and deactivates */
	write_sysreg(icc_igrpen1_el1, 1);
	isb();
}

/* SGIs and PPIs live in this CPU's redistributor, SPIs in the distributor. */
static uintptr_t gicv3_irq_base(unsigned int irq)
{
	uintptr_t rd = gicr[smp_processor_id()];

	if (irq >= 32)
		return gicd;
	return rd ? rd + GICR_SGI : 0;
}

static void gicv3_enable(unsigned int irq)
{
	uintptr_t base = gicv3_irq_base(irq);

	if (base)
		writel(BIT(irq % 32), base + GICD_ISENABLER + (irq / 32) * 4);
}

static void gicv3_disable(unsigned int irq)
{
	uintptr_t base = gicv3_irq_base(irq);

	if (base)
		writel(BIT(irq % 32), base + GICD_ICENABLER + (irq / 32) * 4);
}

static void gicv3_eoi(unsigned int irq)
{
	write_sysreg(icc_eoir1_el1, irq);
}

static void gicv3_handle(void)
{
	for (;;) {
		u64 iar = read_sysreg(icc_iar1_el1);
		unsigned int irq = iar & 0xffffff;

		if (irq >= 1020 && irq <= 1023)
			break;
		irq_dispatch(irq);
		write_sysreg(icc_eoir1_el1, iar);
	}
}

static void gicv3_send_ipi(unsigned int cpu, unsigned int ipi)
{
	u64 mpidr = platform.cpu_hwid[cpu];
	u64 aff0 = MPIDR_AFF(mpidr, 0);
	u64 sgi1r = (u64)MPIDR_AFF(mpidr, 3) << 48 | (aff0 >> 4) << 44 |
		    (u64)MPIDR_AFF(mpidr, 2) << 32 | (u64)ipi << 24 |
		    (u64)MPIDR_AFF(mpidr, 1) << 16 | BIT(aff0 & 0xf);

	wmb_before_mmio();	/* the IPI's data before the IPI */
	write_sysreg(icc_sgi1r_el1, sgi1r);
	isb();
}

static unsigned int gicv3_ipi_irq(unsigned int ipi)
{
	return ipi;
}

static const struct irqchip gicv3 = {
	.name = "gic-v3",
	.init = gicv3_init,
	.init_cpu = gicv3_init_cpu,
	.enable = gicv3_enable,
	.disable = gicv3_disable,
	.eoi = gicv3_eoi,
	.handle = gicv3_handle,
	.send_ipi = gicv3_send_ipi,
	.ipi_irq = gicv3_ipi_irq,
};

IRQCHIP_DECLARE(gic_v3, "arm,gic-v3", &gicv3);
