/*
 * 16550 UART on I/O ports (COM1 on a PC): 115200 baud, 8N1, FIFOs on.
 * Output is polled, the same from the first line of C to the end.
 * Input is polled until rx_start() turns on the "data available"
 * interrupt (ISA IRQ 4 for COM1, routed through the I/O APIC), whose
 * handler drains the receive FIFO into the console's input ring. A PC
 * gates the UART's interrupt line with the modem control OUT2 bit. A
 * missing UART reads as all ones: "transmitter empty" is then always
 * set and output simply goes nowhere.
 */
#include <sis/arch.h>
#include <sis/console.h>
#include <sis/errno.h>
#include <sis/firmware.h>
#include <sis/irq.h>
#include <asm/io.h>

#define UART_RBR	0	/* receive buffer (read) */
#define UART_THR	0	/* transmit holding (write) */
#define UART_IER	1	/* interrupt enable */
#define UART_DLL	0	/* divisor latch, low (DLAB = 1) */
#define UART_DLM	1	/* divisor latch, high (DLAB = 1) */
#define UART_FCR	2	/* FIFO control */
#define UART_LCR	3	/* line control */
#define UART_MCR	4	/* modem control */
#define UART_LSR	5	/* line status */

#define LCR_8N1		0x03
#define LCR_DLAB	0x80
#define FCR_ENABLE_CLEAR 0x03	/* FIFOs on, receive FIFO cleared: never what is still to send */
#define MCR_DTR_RTS	0x03
#define MCR_OUT2	0x08	/* a PC's enable of the UART's interrupt line */
#define IER_RX_DATA	0x01	/* interrupt when received data is available */
#define RX_BATCH	16
#define LSR_DATA_READY	0x01
#define LSR_OVERRUN	0x02	/* a byte was lost: the FIFO was full */
#define LSR_THR_EMPTY	0x20
#define LSR_TX_IDLE	0x40	/* holding register and shift register empty */
#define DIVISOR_115200	1	/* 1.8432 MHz / 16 / 115200 */
#define TX_SPIN_MAX	100000	/* never hang on a stuck UART */
/*
 * Draining what the boot loader left may wait on the far end (QEMU holds
 * the FIFO while its host side is slow to read), so it is bounded in
 * time, not in reads: 2^31 counter ticks, under a second at any TSC rate
 * a 64-bit CPU has. A missing UART reads as idle at once.
 */
#define DRAIN_TICKS	(1ull << 31)

static u16 uart_base;
static unsigned int uart_irq = FW_IRQ_NONE, uart_irq_type;

/*
 * The boot loader may still have bytes in the transmit FIFO (GRUB's last
 * line): turning the FIFOs on resets them and would drop those bytes, so
 * let them drain first.
 */
static void uart_drain(void)
{
	u64 start = arch_counter_read();

	while (!(inb(uart_base + UART_LSR) & LSR_TX_IDLE))
		if (arch_counter_read() - start > DRAIN_TICKS)
			return;
}

static void uart_setup(void)
{
	uart_drain();
	outb(uart_base + UART_IER, 0);
	outb(uart_base + UART_LCR, LCR_DLAB);
	outb(uart_base + UART_DLL, DIVISOR_115200 & 0xff);
	outb(uart_base + UART_DLM, DIVISOR_115200 >> 8);
	outb(uart_base + UART_LCR, LCR_8N1);
	outb(uart_base + UART_FCR, FCR_ENABLE_CLEAR);
	outb(uart_base + UART_MCR, MCR_DTR_RTS);
}

static void ns16550_putc(char c)
{
	unsigned int spin;

	for (spin = 0; spin < TX_SPIN_MAX; spin++)
		if (inb(uart_base + UART_LSR) & LSR_THR_EMPTY)
			break;
	outb(uart_base + UART_THR, (u8)c);
}

static int ns16550_getc(void)
{
	if (!(inb(uart_base + UART_LSR) & LSR_DATA_READY))
		return -1;
	return inb(uart_base + UART_RBR);
}

/*
 * Drain the receive FIFO into the input ring, a batch at a time, until
 * the FIFO is empty or the ring full (then input.c has paused us). The
 * ISA line is edge-triggered: returning with data left and the interrupt
 * enabled would never raise it again.
 */
static void ns16550_rx_irq(unsigned int irq, void *arg)
{
	char buf[RX_BATCH];
	size_t n, room;
	u8 lsr;

	for (;;) {
		room = MIN(console_rx_room(), (size_t)RX_BATCH);
		for (n = 0; n < room; n++) {
			lsr = inb(uart_base + UART_LSR);
			if (lsr & LSR_OVERRUN)
				console_rx_lost(1);
			if (!(lsr & LSR_DATA_READY))
				break;
			buf[n] = (char)inb(uart_base + UART_RBR);
		}
		console_rx(buf, n);
		if (!room || !(inb(uart_base + UART_LSR) & LSR_DATA_READY))
			return;
	}
}

static void ns16550_rx_pause(bool pause)
{
	outb(uart_base + UART_IER, pause ? 0 : IER_RX_DATA);
}

static int ns16550_rx_start(void)
{
	int err;

	if (uart_irq == FW_IRQ_NONE)
		return -ENODEV;
	err = irq_register(uart_irq, "uart ns16550", ns16550_rx_irq, NULL);
	if (!err)
		err = irq_route(uart_irq, uart_irq_type, 0);
	if (err)
		return err;
	outb(uart_base + UART_MCR, MCR_DTR_RTS | MCR_OUT2);
	outb(uart_base + UART_IER, IER_RX_DATA);
	irq_enable(uart_irq);
	return 0;
}

static const struct console ns16550_console = {
	.name = "ns16550",
	.putc = ns16550_putc,
	.getc = ns16550_getc,
	.rx_start = ns16550_rx_start,
	.rx_pause = ns16550_rx_pause,
};

/* The UART at the device's I/O port (the PC's COM1: the board's early UART). */
static const struct console *ns16550_setup(const struct fw_device *dev)
{
	if (!dev->io_port || !dev->nregs)
		return NULL;
	uart_base = (u16)dev->regs[0].base;
	if (dev->nirqs) {
		uart_irq = dev->irqs[0];
		uart_irq_type = dev->irq_types[0];
	}
	uart_setup();
	return &ns16550_console;
}

static const struct console_driver ns16550_driver = {
	.match = {
		.name = "ns16550",
		.compatible = DRIVER_COMPATIBLE("ns16550a", "ns16550"),
	},
	.setup = ns16550_setup,
};

CONSOLE_DECLARE(ns16550_driver);
