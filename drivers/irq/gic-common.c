/*
 * The GICv2/GICv3 common part (gic-common.h): the same distributor and
 * SGI/PPI bank programming, one implementation for both.
 */
#include <sis/compiler.h>
#include <sis/errno.h>
#include <sis/irq.h>
#include <sis/percpu.h>
#include <asm/io.h>
#include "gic-common.h"

#define GIC_SPI_TYPE	0
#define GIC_PPI_TYPE	1

uintptr_t gic_dist;
uintptr_t gic_bank[CONFIG_MAX_CPUS];

unsigned int gic_dist_nr_irqs(uintptr_t gicd)
{
	return MIN(32 * ((readl(gicd + GICD_TYPER) & 0x1f) + 1), (u32)GIC_SPURIOUS);
}

void gic_dist_config_spis(uintptr_t gicd, unsigned int nr)
{
	unsigned int i;

	for (i = GIC_FIRST_SPI; i < nr; i += 32) {
		writel(~0u, gicd + GICD_ICENABLER + i / 8);
		writel(~0u, gicd + GICD_ICPENDR + i / 8);
	}
	for (i = GIC_FIRST_SPI; i < nr; i += 16)
		writel(0, gicd + GICD_ICFGR + i / 4);
	for (i = GIC_FIRST_SPI; i < nr; i += 4)
		writel(GIC_PRIO_DEFAULT, gicd + GICD_IPRIORITYR + i);
}

void gic_config_banked(uintptr_t bank)
{
	unsigned int i;

	writel(0xffff0000u, bank + GICD_ICENABLER);	/* PPIs off until asked */
	writel(0x0000ffffu, bank + GICD_ISENABLER);	/* SGIs on */
	for (i = 0; i < GIC_FIRST_SPI; i += 4)
		writel(GIC_PRIO_DEFAULT, bank + GICD_IPRIORITYR + i);
}

/* irq's enable bit on (ISENABLER) or off (ICENABLER), in the bank that holds it. */
static void gic_set_enable(unsigned int irq, bool on)
{
	uintptr_t base = irq >= GIC_FIRST_SPI ? gic_dist : gic_bank[smp_processor_id()];

	if (base)	/* 0: a CPU whose bank was not found (reported at init_cpu) */
		writel(BIT(irq % 32), base + (on ? GICD_ISENABLER : GICD_ICENABLER) +
		       (irq / 32) * 4);
}

void gic_enable(unsigned int irq)
{
	gic_set_enable(irq, true);
}

void gic_disable(unsigned int irq)
{
	gic_set_enable(irq, false);
}

unsigned int gic_ipi_irq(unsigned int ipi)
{
	return ipi;
}

int gic_xlate(const u32 *cells, unsigned int n, unsigned int *irq, unsigned int *type)
{
	if (n < 2)
		return -EINVAL;
	*type = n >= 3 ? (cells[2] & IRQ_TYPE_MASK) : IRQ_TYPE_DEFAULT;
	if (cells[0] == GIC_SPI_TYPE && cells[1] < GIC_SPURIOUS - GIC_FIRST_SPI)
		*irq = GIC_FIRST_SPI + cells[1];
	else if (cells[0] == GIC_PPI_TYPE && cells[1] < 16)
		*irq = 16 + cells[1];
	else
		return -EINVAL;
	return 0;
}

int gic_set_trigger(unsigned int irq, unsigned int type)
{
	uintptr_t reg = gic_dist + GICD_ICFGR + (irq / 16) * 4;
	u32 edge = BIT(2 * (irq % 16) + 1), v;

	if (irq < GIC_FIRST_SPI || irq >= GIC_SPURIOUS)
		return -EINVAL;
	if (type & (IRQ_TYPE_EDGE_FALLING | IRQ_TYPE_LEVEL_LOW))
		return -EINVAL;
	v = readl(reg);
	writel(type & IRQ_TYPE_EDGE_RISING ? v | edge : v & ~edge, reg);
	return 0;
}

void gic_handle_pending(u32 (*ack)(void), void (*end)(u32 iar))
{
	bool any = false;

	for (;;) {
		u32 iar = ack();
		unsigned int irq = iar & 0x3ff;	/* v2 adds the SGI's sender above */

		if (irq >= GIC_SPURIOUS)
			break;
		any = true;
		irq_dispatch(irq);
		end(iar);	/* the whole IAR: v2 wants the sender back */
	}
	if (!any)
		irq_spurious();
}
