/*
 * ARM PL011 UART: the console on the Pi 5's debug connector (uart10) and
 * on QEMU virt. Output is polled; input is polled until rx_start() turns
 * on the receive and receive-timeout interrupts (the SPI, trigger and
 * target from the device tree), whose handler drains the FIFO into the
 * console's input ring.
 *
 * The baud rate: a UART the boot firmware left running (CR.UARTEN set and
 * a divisor, IBRD non-zero: 0 is invalid in the PL011) keeps the firmware's
 * divisor, set against the clock the UART really has; on the Pi 5 the
 * device tree's clock and the one TF-A assumes disagree (docs/hardware.md),
 * so a divisor computed here could be wrong where the firmware's works.
 * Only a UART found disabled (QEMU's reset state: CR 0x300, IBRD 0) is
 * programmed to 115200 8N1 from the tree's clock, when it gives one.
 */
#include <sis/console.h>
#include <sis/errno.h>
#include <sis/firmware.h>
#include <sis/irq.h>
#include <sis/printk.h>
#include <asm/arch.h>
#include <asm/io.h>

#define UARTDR		0x00
#define  DR_OE		BIT(11)	/* overrun: a byte before this one was lost */
#define UARTFR		0x18
#define  FR_BUSY	BIT(3)
#define  FR_RXFE	BIT(4)
#define  FR_TXFF	BIT(5)
#define UARTIBRD	0x24
#define UARTFBRD	0x28
#define UARTLCR_H	0x2c
#define  LCRH_FEN	BIT(4)
#define  LCRH_WLEN8	(3 << 5)
#define UARTCR		0x30
#define  CR_UARTEN	BIT(0)
#define  CR_TXE		BIT(8)
#define  CR_RXE		BIT(9)
#define UARTIMSC	0x38
#define  IMSC_RX	BIT(4)	/* receive FIFO at its trigger level */
#define  IMSC_RT	BIT(6)	/* receive timeout: bytes waiting below it */
#define UARTICR		0x44
#define RX_BATCH	16

#define PL011_BAUD	115200

/* Where the divisor came from; pl011_report() says it once the console runs. */
enum pl011_baud {
	PL011_KEPT,		/* the firmware's, left running */
	PL011_PROGRAMMED,	/* ours, from the device tree's clock */
	PL011_UNKNOWN,		/* disabled, and no clock to compute one from */
};

static uintptr_t pl011_base;
static unsigned int pl011_irq = FW_IRQ_NONE, pl011_irq_type;
static enum pl011_baud pl011_baud;
static u64 pl011_clock_hz;

static void pl011_putc(char c)
{
	while (readl(pl011_base + UARTFR) & FR_TXFF)
		arch_cpu_relax();
	writel((u8)c, pl011_base + UARTDR);
}

static int pl011_getc(void)
{
	if (readl(pl011_base + UARTFR) & FR_RXFE)
		return -1;
	return (int)(readl(pl011_base + UARTDR) & 0xff);
}

/*
 * Drain the FIFO into the input ring until it is empty. Reading it empty
 * is what lowers the receive and receive-timeout interrupts (PL011 TRM:
 * both clear when the FIFO drains below the trigger level or empties),
 * so the handler never writes ICR: a byte that lands after the last read
 * raises them again, and bytes left behind keep them raised. When the
 * ring is full (input.c has paused us: IMSC masked) the bytes wait in
 * the FIFO with the interrupt still raised, and the unmask of the resume
 * brings us back. Clearing it with ICR while bytes remain would lose
 * them: QEMU's model raises it only when a byte lands in an empty FIFO,
 * so nothing would raise it again (tests/unit/test_pl011.c). A
 * data-register read carries the byte's error flags.
 */
static void pl011_rx_irq(unsigned int irq, void *arg)
{
	char buf[RX_BATCH];
	size_t n, room;
	u32 dr;

	do {
		room = MIN(console_rx_room(), (size_t)RX_BATCH);
		for (n = 0; n < room && !(readl(pl011_base + UARTFR) & FR_RXFE); n++) {
			dr = readl(pl011_base + UARTDR);
			if (dr & DR_OE)
				console_rx_lost(1);
			buf[n] = (char)dr;
		}
		console_rx(buf, n);
	} while (room && !(readl(pl011_base + UARTFR) & FR_RXFE));
}

static void pl011_rx_pause(bool pause)
{
	writel(pause ? 0 : IMSC_RX | IMSC_RT, pl011_base + UARTIMSC);
}

static int pl011_rx_start(void)
{
	int err;

	if (pl011_irq == FW_IRQ_NONE)
		return -ENODEV;
	err = irq_register(pl011_irq, "uart pl011", pl011_rx_irq, NULL);
	if (!err)
		err = irq_route(pl011_irq, pl011_irq_type, 0);
	if (err)
		return err;
	writel(IMSC_RX | IMSC_RT, pl011_base + UARTICR);
	writel(IMSC_RX | IMSC_RT, pl011_base + UARTIMSC);
	irq_enable(pl011_irq);
	return 0;
}

/* Whose divisor to run on, from what the UART holds at setup (see the top). */
static enum pl011_baud pl011_baud_source(u32 cr, u32 ibrd, u64 clock_hz)
{
	if ((cr & CR_UARTEN) && ibrd)
		return PL011_KEPT;
	return clock_hz ? PL011_PROGRAMMED : PL011_UNKNOWN;
}

/*
 * 8N1 at PL011_BAUD: the divisor is clock / (16 * baud), in 1/64ths. The
 * UART is off while it changes; the LCR_H write last latches IBRD/FBRD.
 */
static void pl011_program(u64 clock_hz)
{
	u64 div64 = (clock_hz * 4 + PL011_BAUD / 2) / PL011_BAUD;

	while (readl(pl011_base + UARTFR) & FR_BUSY)
		arch_cpu_relax();
	writel(0, pl011_base + UARTCR);
	writel((u32)(div64 >> 6), pl011_base + UARTIBRD);
	writel((u32)(div64 & 63), pl011_base + UARTFBRD);
	writel(LCRH_WLEN8 | LCRH_FEN, pl011_base + UARTLCR_H);
}

static void pl011_report(void)
{
	unsigned long long base = pl011_base;
	u32 ibrd = readl(pl011_base + UARTIBRD), fbrd = readl(pl011_base + UARTFBRD);

	if (pl011_baud == PL011_KEPT)
		pr_info("[UART] pl011 at 0x%llx: keeping the firmware's divisor %u+%u/64\n",
			base, ibrd, fbrd);
	else if (pl011_baud == PL011_PROGRAMMED)
		pr_info("[UART] pl011 at 0x%llx: %u baud from the %llu Hz clock in the device tree "
			"(divisor %u+%u/64)\n", base, PL011_BAUD,
			(unsigned long long)pl011_clock_hz, ibrd, fbrd);
	else
		pr_warn("[UART] pl011 at 0x%llx: found disabled and the device tree gives no clock: "
			"baud rate unknown (divisor %u+%u/64 left as found)\n", base, ibrd, fbrd);
}

static const struct console pl011_console = {
	.name = "pl011",
	.putc = pl011_putc,
	.getc = pl011_getc,
	.rx_start = pl011_rx_start,
	.rx_pause = pl011_rx_pause,
	.report = pl011_report,
};

static const struct console *pl011_setup(const struct fw_device *dev)
{
	u32 cr;

	pl011_base = (uintptr_t)dev->regs[0].base;
	if (dev->nirqs) {
		pl011_irq = dev->irqs[0];
		pl011_irq_type = dev->irq_types[0];
	}
	pl011_clock_hz = dev->clock_hz;
	cr = readl(pl011_base + UARTCR);
	pl011_baud = pl011_baud_source(cr, readl(pl011_base + UARTIBRD), dev->clock_hz);
	if (pl011_baud == PL011_PROGRAMMED)
		pl011_program(dev->clock_hz);
	writel(0, pl011_base + UARTIMSC);	/* polled: no interrupts */
	writel(cr | CR_UARTEN | CR_TXE | CR_RXE, pl011_base + UARTCR);
	return &pl011_console;
}

static const struct console_driver pl011_driver = {
	.match = {
		.name = "pl011",
		.compatible = DRIVER_COMPATIBLE("arm,pl011"),
	},
	.setup = pl011_setup,
};

CONSOLE_DECLARE(pl011_driver);
