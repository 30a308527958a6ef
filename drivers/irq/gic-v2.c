/*
 * GICv2 (the Pi 5's GIC-400, QEMU virt's arm,cortex-a15-gic).
 *
 * One distributor (GICD) shared by all CPUs, one CPU interface (GICC) per
 * CPU at the same address, banked. Without the security extensions
 * (QEMU) everything is group 0 and signalled as IRQ; under a secure
 * monitor (the Pi's TF-A) the non-secure view shows only group 1, which
 * the monitor has already assigned. Either way enable bit 0 of both
 * control registers is the one we own. What v2 and v3 share is in
 * gic-common.c.
 *
 * An SGI goes to CPU-interface numbers, not MPIDRs, and nothing in the
 * architecture ties the two (the Pi 5's cores have MPIDR 0x000-0x300):
 * each CPU reads its own interface's bit from the banked GICD_ITARGETSR0
 * in init_cpu, and that mask is this driver's per-CPU target.
 */
#include <sis/errno.h>
#include <sis/firmware.h>
#include <sis/irq.h>
#include <sis/irqchip.h>
#include <sis/printk.h>
#include <asm/io.h>
#include "gic-common.h"

#define GICC_CTLR		0x000
#define GICC_PMR		0x004
#define GICC_BPR		0x008
#define GICC_IAR		0x00c
#define GICC_EOIR		0x010

static uintptr_t gicc;
/* CPU-interface mask of each logical CPU, written by that CPU before it goes online. */
static u8 cpu_mask[CONFIG_MAX_CPUS];

static int gicv2_init(const struct fw_device *dev)
{
	unsigned int nr, i;

	if (dev->nregs < 2) {
		pr_err("[GIC] GICv2 node lacks its distributor or CPU interface registers\n");
		return -EINVAL;
	}
	gic_dist = (uintptr_t)dev->regs[0].base;
	gicc = (uintptr_t)dev->regs[1].base;
	nr = gic_dist_nr_irqs(gic_dist);
	writel(0, gic_dist + GICD_CTLR);
	gic_dist_config_spis(gic_dist, nr);
	for (i = GIC_FIRST_SPI; i < nr; i += 4)	/* every SPI to interface 0, the boot CPU */
		writel(0x01010101u, gic_dist + GICD_ITARGETSR + i);
	writel(1, gic_dist + GICD_CTLR);
	pr_info("[GIC] GICv2 at 0x%lx/0x%lx, %u interrupts\n", (unsigned long)gic_dist,
		(unsigned long)gicc, nr);
	return 0;
}

static void gicv2_init_cpu(unsigned int cpu)
{
	u8 mask = (u8)readl(gic_dist + GICD_ITARGETSR);

	/* A uniprocessor GIC reads this as zero: there is only interface 0. */
	cpu_mask[cpu] = mask ? mask : 1;
	gic_bank[cpu] = gic_dist;	/* v2: the distributor, banked per CPU */
	gic_config_banked(gic_dist);
	writel(0xff, gicc + GICC_PMR);
	writel(0, gicc + GICC_BPR);
	writel(1, gicc + GICC_CTLR);
}

static u32 gicv2_ack(void)
{
	return readl(gicc + GICC_IAR);
}

static void gicv2_end(u32 iar)
{
	writel(iar, gicc + GICC_EOIR);
}

static void gicv2_handle(void)
{
	gic_handle_pending(gicv2_ack, gicv2_end);
}

/* An SPI's trigger, and the CPU interface of cpu as its only target. */
static int gicv2_route(unsigned int irq, unsigned int type, unsigned int cpu)
{
	int err = gic_set_trigger(irq, type);

	if (err)
		return err;
	if (!cpu_mask[cpu])
		return -EINVAL;	/* that CPU has not read its interface number yet */
	writeb(cpu_mask[cpu], gic_dist + GICD_ITARGETSR + irq);
	return 0;
}

static void gicv2_send_ipi(unsigned int cpu, unsigned int ipi)
{
	wmb_before_mmio();	/* the IPI's data before the IPI */
	writel((u32)cpu_mask[cpu] << 16 | ipi, gic_dist + GICD_SGIR);
}

/* One GICD_SGIR write: its target list holds every CPU interface (at most 8). */
static void gicv2_send_ipi_mask(const cpumask_t *cpus, unsigned int ipi)
{
	unsigned int cpu;
	u32 targets = 0;

	for_each_cpu(cpu, cpus)
		targets |= cpu_mask[cpu];
	wmb_before_mmio();	/* the IPI's data before the IPI */
	writel(targets << 16 | ipi, gic_dist + GICD_SGIR);
}

/* Going offline: the CPU interface signals nothing more to this CPU. */
static void gicv2_cpu_off(unsigned int cpu)
{
	writel(0, gicc + GICC_CTLR);
}

GIC_IRQCHIP(gicv2, "gic-v2", gicv2_init, gicv2_init_cpu, gicv2_cpu_off, gicv2_handle, gicv2_send_ipi,
	    gicv2_send_ipi_mask, gicv2_route, "arm,gic-400", "arm,cortex-a15-gic");
