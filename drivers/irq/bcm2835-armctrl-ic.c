/*
 * The BCM2835 ARM interrupt controller: the VideoCore peripherals'
 * interrupts as the ARM sees them (BCM2835 ARM Peripherals, chapter 7;
 * docs/hardware.md). On the Raspberry Pi 3 it is chained behind the
 * ARM-local controller's GPU line (brcm,bcm2836-armctrl-ic): it only
 * collects and masks; which core it interrupts is the local
 * controller's GPU routing.
 *
 * Three banks of pending / enable / disable registers: bank 0 the
 * "basic" ARM interrupts (bits 0-7), banks 1 and 2 the 64 GPU
 * interrupts (the PL011 uart0 is GPU interrupt 57: bank 2, bit 25).
 * Enable and disable are write-1 registers, so no read-modify-write.
 * The DT specifier is <bank bit>; bank b bit n is interrupt number
 * irq_base + 32 * b + n in the root controller's number space
 * (include/sis/irqchip.h).
 */
#include <sis/errno.h>
#include <sis/firmware.h>
#include <sis/irq.h>
#include <sis/irqchip.h>
#include <sis/printk.h>
#include <asm/io.h>

#define ARMCTRL_BASE_IRQ	32	/* above the ARM-local controller's own */
#define ARMCTRL_BANKS		3
#define ARMCTRL_BASIC_BITS	8	/* bank 0: the ARM's own peripherals */

/* Per bank: pending, enable (write 1), disable (write 1). */
static const u16 reg_pending[ARMCTRL_BANKS] = { 0x00, 0x04, 0x08 };
static const u16 reg_enable[ARMCTRL_BANKS] = { 0x18, 0x10, 0x14 };
static const u16 reg_disable[ARMCTRL_BANKS] = { 0x24, 0x1c, 0x20 };

static uintptr_t armctrl;
/* The lines enabled, per bank: the pending registers may show masked ones. */
static u32 enabled[ARMCTRL_BANKS];

/* Every pending, enabled line, dispatched under its number; on the parent's line. */
static void armctrl_chain(unsigned int parent_irq, void *arg)
{
	unsigned int bank, bit;
	u32 pending;

	for (bank = 0; bank < ARMCTRL_BANKS; bank++) {
		pending = readl(armctrl + reg_pending[bank]) &
			  __atomic_load_n(&enabled[bank], __ATOMIC_RELAXED);
		for (bit = 0; pending; bit++, pending >>= 1)
			if (pending & 1)
				irq_dispatch(ARMCTRL_BASE_IRQ + 32 * bank + bit);
	}
}

static int armctrl_init(const struct fw_device *dev)
{
	unsigned int bank;
	int err;

	if (!dev->nregs || !dev->nirqs || dev->irqs[0] == FW_IRQ_NONE) {
		pr_err("[IRQ] bcm2835-armctrl-ic: no registers, or no line into its parent\n");
		return -EINVAL;
	}
	armctrl = (uintptr_t)dev->regs[0].base;
	for (bank = 0; bank < ARMCTRL_BANKS; bank++)
		writel(~0u, armctrl + reg_disable[bank]);
	err = irq_register(dev->irqs[0], "bcm2835-armctrl", armctrl_chain, NULL);
	if (err)
		return err;
	irq_enable(dev->irqs[0]);
	pr_info("[IRQ] bcm2835-armctrl-ic at 0x%lx, chained on line %u\n",
		(unsigned long)armctrl, dev->irqs[0]);
	return 0;
}

static bool armctrl_split(unsigned int irq, unsigned int *bank, u32 *bit)
{
	unsigned int n = irq - ARMCTRL_BASE_IRQ;

	if (irq < ARMCTRL_BASE_IRQ || n >= 32 * ARMCTRL_BANKS)
		return false;
	*bank = n / 32;
	*bit = BIT(n % 32);
	return true;
}

static void armctrl_enable(unsigned int irq)
{
	unsigned int bank;
	u32 bit;

	if (!armctrl_split(irq, &bank, &bit))
		return;
	__atomic_fetch_or(&enabled[bank], bit, __ATOMIC_RELAXED);
	writel(bit, armctrl + reg_enable[bank]);
}

static void armctrl_disable(unsigned int irq)
{
	unsigned int bank;
	u32 bit;

	if (!armctrl_split(irq, &bank, &bit))
		return;
	writel(bit, armctrl + reg_disable[bank]);
	__atomic_fetch_and(&enabled[bank], ~bit, __ATOMIC_RELAXED);
}

/* Every line is level-high; the target core is the parent's business. */
static int armctrl_route(unsigned int irq, unsigned int type, unsigned int cpu)
{
	unsigned int bank;
	u32 bit;

	if (!armctrl_split(irq, &bank, &bit))
		return -EINVAL;
	return type == IRQ_TYPE_DEFAULT || type == IRQ_TYPE_LEVEL_HIGH ? 0 : -EINVAL;
}

/* <bank bit>: bank 0 bits 0-7, banks 1 and 2 bits 0-31. */
static int armctrl_xlate(const u32 *cells, unsigned int n, unsigned int *irq,
			 unsigned int *type)
{
	if (n != 2 || cells[0] >= ARMCTRL_BANKS || cells[1] >= 32 ||
	    (cells[0] == 0 && cells[1] >= ARMCTRL_BASIC_BITS))
		return -EINVAL;
	*irq = ARMCTRL_BASE_IRQ + 32 * cells[0] + cells[1];
	*type = IRQ_TYPE_LEVEL_HIGH;
	return 0;
}

static const struct irqchip bcm2835_armctrl_ic = {
	.match = {
		.name = "bcm2835-armctrl-ic",
		.compatible = DRIVER_COMPATIBLE("brcm,bcm2836-armctrl-ic"),
	},
	.init = armctrl_init,
	.enable = armctrl_enable,
	.disable = armctrl_disable,
	.route = armctrl_route,
	.xlate = armctrl_xlate,
	.irq_base = ARMCTRL_BASE_IRQ,
};

IRQCHIP_DECLARE(bcm2835_armctrl_ic);
