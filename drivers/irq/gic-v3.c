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
 * target by its MPIDR (cpu_hwid()): Aff3.Aff2.Aff1 and a bit for Aff0 in
 * a 16-CPU target list (RS selects which 16). What v2 and v3 share is in
 * gic-common.c.
 *
 * The device tree lists GICD first, then #redistributor-regions
 * redistributor regions, optionally with a redistributor-stride.
 */
#include <sis/errno.h>
#include <sis/firmware.h>
#include <sis/irq.h>
#include <sis/irqchip.h>
#include <sis/percpu.h>
#include <sis/printk.h>
#include <sis/topology.h>
#include <asm/io.h>
#include <asm/sysreg.h>
#include "gic-common.h"

#define  GICD_CTLR_RWP		BIT(31)
#define  GICD_CTLR_ARE		BIT(4)
#define  GICD_CTLR_GRP1		(BIT(0) | BIT(1))	/* Grp1 (NS view) / Grp1NS (DS=1) */

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

#define GIC_POLL_LIMIT		1000000
#define GIC_MAX_REDIST		(FW_DEV_REGS - 1)

static struct fw_reg redist[GIC_MAX_REDIST];
static unsigned int nredist;
static u64 redist_stride;		/* 0: from GICR_TYPER */

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

/* GICD, then the redistributor regions the node lists. */
static int gicv3_read_regs(const struct fw_device *dev)
{
	unsigned int i, want = fw_prop_u32(dev, "#redistributor-regions", 1);

	if (dev->nregs < 2) {
		pr_err("[GIC] GICv3 node lacks its distributor or redistributor registers\n");
		return -EINVAL;
	}
	gic_dist = (uintptr_t)dev->regs[0].base;
	for (i = 0; i < want && i < GIC_MAX_REDIST && 1 + i < dev->nregs; i++)
		redist[i] = dev->regs[1 + i];
	nredist = i;
	redist_stride = fw_prop_u64(dev, "redistributor-stride", 0);
	return 0;
}

static int gicv3_init(const struct fw_device *dev)
{
	unsigned int nr, i;
	int err = gicv3_read_regs(dev);

	if (err)
		return err;
	nr = gic_dist_nr_irqs(gic_dist);
	writel(0, gic_dist + GICD_CTLR);
	gic_poll(gic_dist + GICD_CTLR, GICD_CTLR_RWP, 0, "GICD_CTLR.RWP");
	for (i = GIC_FIRST_SPI; i < nr; i += 32)	/* SPIs in group 1 (IRQ) */
		writel(~0u, gic_dist + GICD_IGROUPR + i / 8);
	gic_dist_config_spis(gic_dist, nr);
	gic_poll(gic_dist + GICD_CTLR, GICD_CTLR_RWP, 0, "GICD_CTLR.RWP");
	writel(GICD_CTLR_ARE | GICD_CTLR_GRP1, gic_dist + GICD_CTLR);
	gic_poll(gic_dist + GICD_CTLR, GICD_CTLR_RWP, 0, "GICD_CTLR.RWP");
	for (i = GIC_FIRST_SPI; i < nr; i++)	/* every SPI to the boot CPU */
		writeq(read_sysreg(mpidr_el1) & MPIDR_HWID_MASK, gic_dist + GICD_IROUTER + i * 8);
	pr_info("[GIC] GICv3 at 0x%lx, %u redistributor region(s), %u interrupts\n",
		(unsigned long)gic_dist, nredist, nr);
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

	for (r = 0; r < nredist; r++) {
		uintptr_t rd = (uintptr_t)redist[r].base;
		uintptr_t end = rd + (uintptr_t)redist[r].size;

		while (rd < end) {
			u64 typer = readq(rd + GICR_TYPER);

			if ((u32)(typer >> 32) == want)
				return rd;
			if (typer & GICR_TYPER_LAST)
				break;
			rd += redist_stride ? redist_stride :
			      (typer & GICR_TYPER_VLPIS) ? 2 * GICR_FRAME : GICR_FRAME;
		}
	}
	return 0;
}

static void gicv3_init_cpu(unsigned int cpu)
{
	u64 mpidr = read_sysreg(mpidr_el1) & MPIDR_HWID_MASK;
	uintptr_t rd = gicv3_find_redist(mpidr), sgi;

	if (!rd) {
		pr_err("[GIC] core%u: no redistributor for mpidr 0x%llx\n", cpu,
		       (unsigned long long)mpidr);
		return;
	}
	sgi = rd + GICR_SGI;
	gic_bank[cpu] = sgi;	/* v3: the SGI frame holds the SGI/PPI enables */
	writel(readl(rd + GICR_WAKER) & ~WAKER_PROCESSOR_SLEEP, rd + GICR_WAKER);
	gic_poll(rd + GICR_WAKER, WAKER_CHILDREN_ASLEEP, 0, "GICR_WAKER.ChildrenAsleep");
	writel(~0u, sgi + GICD_IGROUPR);		/* SGIs and PPIs in group 1 */
	gic_config_banked(sgi);
	gic_poll(rd + GICR_CTLR, GICR_CTLR_RWP, 0, "GICR_CTLR.RWP");

	write_sysreg(icc_sre_el1, read_sysreg(icc_sre_el1) | 1);
	isb();
	write_sysreg(icc_pmr_el1, 0xff);
	write_sysreg(icc_bpr1_el1, 0);
	write_sysreg(icc_ctlr_el1, 0);		/* EOI drops priority and deactivates */
	write_sysreg(icc_igrpen1_el1, 1);
	isb();
}

/*
 * Going offline: group 1 off in the CPU interface, then the
 * redistributor told the CPU sleeps (it stops forwarding and says so
 * with ChildrenAsleep); init_cpu wakes it again.
 */
static void gicv3_cpu_off(unsigned int cpu)
{
	uintptr_t rd = gic_bank[cpu] ? gic_bank[cpu] - GICR_SGI : 0;

	write_sysreg(icc_igrpen1_el1, 0);
	isb();
	if (!rd)
		return;
	writel(readl(rd + GICR_WAKER) | WAKER_PROCESSOR_SLEEP, rd + GICR_WAKER);
	gic_poll(rd + GICR_WAKER, WAKER_CHILDREN_ASLEEP, WAKER_CHILDREN_ASLEEP,
		 "GICR_WAKER.ChildrenAsleep");
}

static u32 gicv3_ack(void)
{
	return (u32)read_sysreg(icc_iar1_el1);
}

static void gicv3_end(u32 iar)
{
	write_sysreg(icc_eoir1_el1, iar);
}

static void gicv3_handle(void)
{
	gic_handle_pending(gicv3_ack, gicv3_end);
}

/* An SPI's trigger, routed by affinity to cpu's MPIDR (GICD_IROUTER, not 1-of-N). */
static int gicv3_route(unsigned int irq, unsigned int type, unsigned int cpu)
{
	int err = gic_set_trigger(irq, type);

	if (err)
		return err;
	writeq(cpu_hwid(cpu) & MPIDR_HWID_MASK, gic_dist + GICD_IROUTER + irq * 8);
	return 0;
}

/*
 * ICC_SGI1R_EL1 names one group of 16 CPUs (Aff3.Aff2.Aff1 and the range
 * selector, Aff0 / 16) and a target list within it: the group part of
 * mpidr's SGI1R, and its bit in the list.
 */
static u64 sgi1r_group(u64 mpidr, unsigned int ipi)
{
	u64 aff0 = MPIDR_AFF(mpidr, 0);

	return (u64)MPIDR_AFF(mpidr, 3) << 48 | (aff0 >> 4) << 44 |
	       (u64)MPIDR_AFF(mpidr, 2) << 32 | (u64)ipi << 24 |
	       (u64)MPIDR_AFF(mpidr, 1) << 16;
}

static void sgi1r_write(u64 sgi1r)
{
	write_sysreg(icc_sgi1r_el1, sgi1r);
	isb();
}

static void gicv3_send_ipi(unsigned int cpu, unsigned int ipi)
{
	u64 mpidr = cpu_hwid(cpu);

	wmb_before_mmio();	/* the IPI's data before the IPI */
	sgi1r_write(sgi1r_group(mpidr, ipi) | BIT(MPIDR_AFF(mpidr, 0) & 0xf));
}

/*
 * One write per group of 16 that holds targets: consecutive CPUs of one
 * cluster share a write (a 512-CPU broadcast is 32 writes, not 511).
 */
static void gicv3_send_ipi_mask(const cpumask_t *cpus, unsigned int ipi)
{
	u64 group = 0, list = 0, g, mpidr;
	unsigned int cpu;

	wmb_before_mmio();	/* the IPI's data before the IPI */
	for_each_cpu(cpu, cpus) {
		mpidr = cpu_hwid(cpu);
		g = sgi1r_group(mpidr, ipi);
		if (list && g != group) {
			sgi1r_write(group | list);
			list = 0;
		}
		group = g;
		list |= BIT(MPIDR_AFF(mpidr, 0) & 0xf);
	}
	if (list)
		sgi1r_write(group | list);
}

GIC_IRQCHIP(gicv3, "gic-v3", gicv3_init, gicv3_init_cpu, gicv3_cpu_off, gicv3_handle, gicv3_send_ipi,
	    gicv3_send_ipi_mask, gicv3_route, "arm,gic-v3");
