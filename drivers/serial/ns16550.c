/*
 * 16550 UART on I/O ports (COM1 on a PC), polled: 115200 baud, 8N1,
 * FIFOs on, interrupts off. The same device serves as the console from
 * the first line of C to the end, so it programs itself on first use.
 * A missing UART reads as all ones: "transmitter empty" is then always
 * set and output simply goes nowhere.
 */
#include <sis/console.h>
#include <sis/driver.h>
#include <asm/io.h>

#define UART_BASE	CONFIG_X86_EARLY_UART_PORT
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
#define FCR_ENABLE_CLEAR 0x07	/* FIFOs on, both cleared */
#define MCR_DTR_RTS	0x03
#define LSR_DATA_READY	0x01
#define LSR_THR_EMPTY	0x20
#define LSR_TX_IDLE	0x40	/* holding register and shift register empty */
#define DIVISOR_115200	1	/* 1.8432 MHz / 16 / 115200 */
#define TX_SPIN_MAX	100000	/* never hang on a stuck UART */

static bool uart_ready;

/*
 * The boot loader may still have bytes in the transmit FIFO (GRUB's last
 * line): clearing the FIFO below would drop them, so let them drain first.
 */
static void uart_drain(void)
{
	unsigned int spin;

	for (spin = 0; spin < TX_SPIN_MAX; spin++)
		if (inb(UART_BASE + UART_LSR) & LSR_TX_IDLE)
			return;
}

static void uart_setup(void)
{
	uart_drain();
	outb(UART_BASE + UART_IER, 0);
	outb(UART_BASE + UART_LCR, LCR_DLAB);
	outb(UART_BASE + UART_DLL, DIVISOR_115200 & 0xff);
	outb(UART_BASE + UART_DLM, DIVISOR_115200 >> 8);
	outb(UART_BASE + UART_LCR, LCR_8N1);
	outb(UART_BASE + UART_FCR, FCR_ENABLE_CLEAR);
	outb(UART_BASE + UART_MCR, MCR_DTR_RTS);
	uart_ready = true;
}

static void ns16550_putc(char c)
{
	unsigned int spin;

	if (!uart_ready)
		uart_setup();
	for (spin = 0; spin < TX_SPIN_MAX; spin++)
		if (inb(UART_BASE + UART_LSR) & LSR_THR_EMPTY)
			break;
	outb(UART_BASE + UART_THR, (u8)c);
}

static int ns16550_getc(void)
{
	if (!uart_ready)
		uart_setup();
	if (!(inb(UART_BASE + UART_LSR) & LSR_DATA_READY))
		return -1;
	return inb(UART_BASE + UART_RBR);
}

static const struct console ns16550_console = {
	.name = "ns16550",
	.putc = ns16550_putc,
	.getc = ns16550_getc,
};

CONSOLE_DECLARE(ns16550, "ns16550", &ns16550_console);
