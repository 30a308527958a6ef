/*
 * The BCM2836 "ARM local" interrupt controller (the Raspberry Pi 3's
 * BCM2837 has it unchanged; BCM2836 ARM-local peripherals document,
 * docs/hardware.md). The Pi 3 has no GIC: this block, at the top of the
 * ARM's address map, is where each core's interrupts come from.
 *
 * Per core: an IRQ source register saying which of its lines is up
 * (bits 0-3 the four generic-timer outputs, 4-7 the core's four
 * mailboxes, 8 the GPU interrupt, 9 the PMU, 11 the local timer), a
 * timer control register (which timer outputs interrupt it) and a
 * mailbox control register. A mailbox is a 32-bit register with a
 * write-set and a write-1-to-clear address; it interrupts its core while
 * any bit is set. That is how one core interrupts another: IPI type n
 * is bit n of the target core's mailbox 0, so several types can be
 * pending at once and none is lost.
 *
 * Numbers (the DT binding's for the lines, brcm,bcm2836-l1-intc with two
 * cells <line flags>): 0-9 the lines above, 16 + n IPI type n, and from
 * 32 up the interrupts of the controller chained behind line 8, the
 * BCM2835 one with the peripherals (its irq_base). That controller's
 * whole output goes to one core, chosen by the GPU routing register:
 * routing any peripheral line moves them all.
 *
 * Registers are indexed by core number, MPIDR Aff0 (0-3), never by the
 * logical CPU number.
 */
#include <sis/arch.h>
#include <sis/errno.h>
#include <sis/firmware.h>
#include <sis/ipi.h>
#include <sis/irq.h>
#include <sis/irqchip.h>
#include <sis/percpu.h>
#include <sis/printk.h>
#include <sis/topology.h>
#include <asm/io.h>

#define L1_CONTROL		0x00	/* timer clock source and increment */
#define L1_PRESCALER		0x08	/* core timer rate = input * prescaler / 2^31 */
#define L1_GPU_ROUTING		0x0c	/* bits 1:0: the core that takes the GPU IRQ */
#define L1_PMU_SET		0x10	/* bit n: the PMU interrupts core n as IRQ */
#define L1_PMU_CLEAR		0x14
#define L1_TIMER_CTRL(c)	(0x40 + 4 * (c))	/* bits 0-3: timer outputs as IRQ */
#define L1_MBOX_CTRL(c)		(0x50 + 4 * (c))	/* bits 0-3: mailboxes as IRQ */
#define L1_IRQ_SOURCE(c)	(0x60 + 4 * (c))
#define L1_MBOX_SET(c, m)	(0x80 + 0x10 * (c) + 4 * (m))
#define L1_MBOX_CLEAR(c, m)	(0xc0 + 0x10 * (c) + 4 * (m))

#define L1_CORES		4
#define L1_PRESCALE_1		0x80000000u	/* 2^31: the 19.2 MHz crystal's rate */
#define LINE_TIMER_LAST		3	/* lines 0-3: CNTPS, CNTPNS, CNTHP, CNTV */
#define LINE_MBOX0		4
#define LINE_GPU		8
#define LINE_PMU		9
#define LINE_LAST		9
#define IPI_BASE		16	/* IPI type n arrives as 16 + n */
#define CHAINED_BASE		32	/* the chained controller's numbers start here */

BUILD_ASSERT(IPI_BASE + IPI_MAX <= CHAINED_BASE);

static uintptr_t l1;
static const struct irqchip *chained;	/* the BCM2835 controller, or NULL */
static struct fw_device chained_dev;

/* The core number of logical CPU cpu: its MPIDR's Aff0. */
static unsigned int core_of(unsigned int cpu)
{
	return (unsigned int)(cpu_hwid(cpu) & 0xff);
}

static unsigned int this_core(void)
{
	return core_of(smp_processor_id());
}

/* Read-modify-write of one of this core's own control registers. */
static void core_reg_update(uintptr_t reg, u32 set, u32 clear)
{
	unsigned long flags = arch_irq_save();

	writel((readl(reg) & ~clear) | set, reg);
	arch_irq_restore(flags);
}

/* The controller behind line 8, if the device tree describes one with a driver. */
static int l1_init_chained(const struct fw_device *dev)
{
	int err;

	chained = fw_irqchip_chained(dev, 0, &chained_dev);
	if (!chained)
		return 0;
	if (chained->irq_base < CHAINED_BASE) {
		pr_err("[IRQ] %s cannot be chained: its numbers start at %u\n",
		       chained->match.name, chained->irq_base);
		chained = NULL;
		return -EINVAL;
	}
	err = chained->init(&chained_dev);
	if (err)
		chained = NULL;
	return err;
}

static int l1_init(const struct fw_device *dev)
{
	unsigned int c, m;

	if (!dev->nregs) {
		pr_err("[IRQ] bcm2836-l1-intc node has no registers\n");
		return -EINVAL;
	}
	l1 = (uintptr_t)dev->regs[0].base;
	/* The core timer from the crystal, undivided, as the firmware leaves it. */
	writel(0, l1 + L1_CONTROL);
	writel(L1_PRESCALE_1, l1 + L1_PRESCALER);
	for (c = 0; c < L1_CORES; c++) {
		writel(0, l1 + L1_TIMER_CTRL(c));
		writel(0, l1 + L1_MBOX_CTRL(c));
		for (m = 0; m < 4; m++)
			writel(~0u, l1 + L1_MBOX_CLEAR(c, m));
	}
	writel(core_of(0), l1 + L1_GPU_ROUTING);
	pr_info("[IRQ] bcm2836-l1-intc at 0x%lx: mailbox IPIs, peripherals to core%u\n",
		(unsigned long)l1, core_of(0));
	return l1_init_chained(dev);
}

/* Mailbox 0 of this core on: it carries the IPIs. */
static void l1_init_cpu(unsigned int cpu)
{
	unsigned int core = core_of(cpu);

	if (core >= L1_CORES) {
		pr_err("[IRQ] core%u: MPIDR Aff0 %u has no ARM-local registers\n", cpu, core);
		return;
	}
	writel(~0u, l1 + L1_MBOX_CLEAR(core, 0));
	writel(BIT(0), l1 + L1_MBOX_CTRL(core));
}

static void l1_cpu_off(unsigned int cpu)
{
	writel(0, l1 + L1_MBOX_CTRL(core_of(cpu)));
	writel(0, l1 + L1_TIMER_CTRL(core_of(cpu)));
}

static void l1_set(unsigned int irq, bool on)
{
	unsigned int core = this_core();
	u32 bit;

	if (irq <= LINE_TIMER_LAST) {
		bit = BIT(irq);
		core_reg_update(l1 + L1_TIMER_CTRL(core), on ? bit : 0, on ? 0 : bit);
	} else if (irq < LINE_GPU || (irq >= IPI_BASE && irq < IPI_BASE + IPI_MAX)) {
		bit = irq < LINE_GPU ? BIT(irq - LINE_MBOX0) : BIT(0);
		core_reg_update(l1 + L1_MBOX_CTRL(core), on ? bit : 0, on ? 0 : bit);
	} else if (irq == LINE_PMU) {
		writel(BIT(core), l1 + (on ? L1_PMU_SET : L1_PMU_CLEAR));
	} else if (irq >= CHAINED_BASE && chained) {
		if (on)
			chained->enable(irq);
		else
			chained->disable(irq);
	}
	/* LINE_GPU: always on, at the core the routing register names. */
}

static void l1_enable(unsigned int irq)
{
	l1_set(irq, true);
}

static void l1_disable(unsigned int irq)
{
	l1_set(irq, false);
}

/* Peripheral lines only: the chained controller's output goes to cpu's core. */
static int l1_route(unsigned int irq, unsigned int type, unsigned int cpu)
{
	int err;

	if (irq < CHAINED_BASE || !chained || core_of(cpu) >= L1_CORES)
		return -EINVAL;
	err = chained->route ? chained->route(irq, type, cpu) : 0;
	if (!err)
		writel(core_of(cpu), l1 + L1_GPU_ROUTING);
	return err;
}

/* Mailbox 0: take the bits, clear them, then run each IPI type that was set. */
static void l1_handle_ipis(unsigned int core)
{
	u32 pending = readl(l1 + L1_MBOX_CLEAR(core, 0));
	unsigned int ipi;

	writel(pending, l1 + L1_MBOX_CLEAR(core, 0));
	/* The mailbox read before the data the sender wrote ahead of it. */
	__asm__ __volatile__("dmb oshld" ::: "memory");
	for (ipi = 0; ipi < IPI_MAX; ipi++)
		if (pending & BIT(ipi))
			irq_dispatch(IPI_BASE + ipi);
	if (pending >> IPI_MAX)
		irq_spurious();
}

/* One pass over this core's sources; a level still up interrupts again. */
static void l1_handle(void)
{
	unsigned int core = this_core(), line;
	u32 src = readl(l1 + L1_IRQ_SOURCE(core));

	if (!src) {
		irq_spurious();
		return;
	}
	if (src & BIT(LINE_MBOX0))
		l1_handle_ipis(core);
	for (line = 0; line <= LINE_LAST; line++)
		if (line != LINE_MBOX0 && (src & BIT(line)))
			irq_dispatch(line);
}

static void l1_send_ipi(unsigned int cpu, unsigned int ipi)
{
	wmb_before_mmio();	/* the IPI's data before the IPI */
	writel(BIT(ipi), l1 + L1_MBOX_SET(core_of(cpu), 0));
}

static unsigned int l1_ipi_irq(unsigned int ipi)
{
	return IPI_BASE + ipi;
}

/* <line flags>: lines 0-9; the flags' trigger is kept (all are level-high). */
static int l1_xlate(const u32 *cells, unsigned int n, unsigned int *irq, unsigned int *type)
{
	if (n != 2 || cells[0] > LINE_LAST)
		return -EINVAL;
	*irq = cells[0];
	*type = cells[1] & IRQ_TYPE_MASK;
	return 0;
}

static const struct irqchip bcm2836_l1_intc = {
	.match = {
		.name = "bcm2836-l1-intc",
		.compatible = DRIVER_COMPATIBLE("brcm,bcm2836-l1-intc"),
	},
	.init = l1_init,
	.init_cpu = l1_init_cpu,
	.cpu_off = l1_cpu_off,
	.enable = l1_enable,
	.disable = l1_disable,
	.route = l1_route,
	.handle = l1_handle,
	.send_ipi = l1_send_ipi,
	.ipi_irq = l1_ipi_irq,
	.xlate = l1_xlate,
};

IRQCHIP_DECLARE(bcm2836_l1_intc);
