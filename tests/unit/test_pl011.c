/*
 * drivers/serial/pl011.c's setup against a fake register file: whose
 * divisor the console runs on. The driver's source is included so its
 * static setup and report can be called; its MMIO goes to regs[]
 * (tests/unit/include/asm/io.h).
 *
 * QEMU's PL011 comes out of reset disabled (CR 0x300: TXE|RXE without
 * UARTEN, IBRD/FBRD 0): a -kernel boot takes the device-tree clock path.
 * The Pi firmware with enable_uart=1 leaves it running with its own
 * divisor: kept, whatever clock the tree claims.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "../../drivers/serial/pl011.c"

#include "host.h"

static u32 regs[0x1000 / 4] __attribute__((aligned(4096)));

#define REG(off)	regs[(off) / 4]

/* What pl011_rx_start would call: never reached here. */
int irq_register(unsigned int irq, const char *name, irq_handler_t fn, void *arg)
{
	return -ENODEV;
}

int irq_route(unsigned int irq, unsigned int type, unsigned int cpu)
{
	return -ENODEV;
}

void irq_enable(unsigned int irq)
{
}

/*
 * The receive path against a model of QEMU's PL011 (hw/char/pl011.c's
 * behaviour, trigger level 1): a 16-byte FIFO; the RX interrupt is
 * raised when a byte lands in an empty FIFO and lowered when a read
 * empties it or ICR clears it; nothing raises it again while bytes stay
 * in the FIFO. A sender offers the next byte of its stream before any
 * register access (each time with the seed's chance), as a host writing
 * into QEMU's socket does between two MMIO accesses of the guest. The
 * console side is input.c's contract: a small ring that pauses the
 * receiver when full, and a reader that empties it and resumes.
 */
#define FIFO_DEPTH	16
#define RING_SIZE	20
#define STREAM_LEN	3000

static struct {
	u8 fifo[FIFO_DEPTH];
	unsigned int head, count;
	u32 ris, imsc;
	u8 stream[STREAM_LEN];
	size_t sent;
	unsigned int chance;		/* per cent, per register access */
	unsigned int rng;
} m;

static struct {
	char ring[RING_SIZE];
	size_t used;
	bool paused;
	u8 got[STREAM_LEN];
	size_t ngot;
} rx;

static unsigned int rnd(void)
{
	m.rng = m.rng * 1103515245 + 12345;
	return (m.rng >> 16) & 0x7fff;
}

static void sender(void)
{
	if (m.sent == STREAM_LEN || m.count == FIFO_DEPTH || rnd() % 100 >= m.chance)
		return;
	m.fifo[(m.head + m.count) % FIFO_DEPTH] = m.stream[m.sent++];
	if (++m.count == 1)
		m.ris |= IMSC_RX;
}

static u32 model_read(uintptr_t addr)
{
	u32 v = 0;

	sender();
	switch (addr - (uintptr_t)regs) {
	case UARTFR:
		return m.count ? 0 : FR_RXFE;
	case UARTDR:
		assert_true(m.count > 0);	/* the driver reads only what FR says is there */
		v = m.fifo[m.head];
		m.head = (m.head + 1) % FIFO_DEPTH;
		if (--m.count == 0)
			m.ris &= ~IMSC_RX;
		return v;
	case UARTIMSC:
		return m.imsc;
	}
	fail_msg("read of PL011 register 0x%lx", (unsigned long)(addr - (uintptr_t)regs));
	return 0;
}

static void model_write(u32 v, uintptr_t addr)
{
	sender();
	switch (addr - (uintptr_t)regs) {
	case UARTICR:
		m.ris &= ~v;
		return;
	case UARTIMSC:
		m.imsc = v;
		return;
	}
	fail_msg("write of PL011 register 0x%lx", (unsigned long)(addr - (uintptr_t)regs));
}

/* input.c's side of the contract. */
size_t console_rx_room(void)
{
	size_t room = RING_SIZE - rx.used;

	if (!room && !rx.paused) {
		rx.paused = true;
		pl011_rx_pause(true);
	}
	return room;
}

void console_rx(const char *bytes, size_t n)
{
	assert_true(rx.used + n <= RING_SIZE);
	memcpy(rx.ring + rx.used, bytes, n);
	rx.used += n;
}

void console_rx_lost(unsigned int n)
{
	fail_msg("the model never sets the overrun flag");
}

static void reader(void)
{
	memcpy(rx.got + rx.ngot, rx.ring, rx.used);
	rx.ngot += rx.used;
	rx.used = 0;
	if (rx.paused) {
		rx.paused = false;
		pl011_rx_pause(false);
	}
}

/*
 * Every byte of the stream reaches the reader, in order, whatever the
 * interleaving; input never stalls with bytes in the FIFO, the receiver
 * running and its interrupt low (nothing would ever raise it again).
 */
static void test_rx_never_stalls(void **state)
{
	unsigned int seed, i;

	pl011_base = (uintptr_t)regs;
	host_mmio_read = model_read;
	host_mmio_write = model_write;
	for (seed = 1; seed <= 400; seed++) {
		memset(&m, 0, sizeof(m));
		memset(&rx, 0, sizeof(rx));
		m.rng = seed;
		m.chance = 5 + seed % 90;
		for (i = 0; i < STREAM_LEN; i++)
			m.stream[i] = (u8)rnd();
		m.imsc = IMSC_RX | IMSC_RT;
		while (rx.ngot < STREAM_LEN) {
			if (m.ris & m.imsc)
				pl011_rx_irq(0, NULL);
			else
				sender();	/* time passes */
			if (!rx.paused && m.count && !(m.ris & m.imsc))
				fail_msg("seed %u: stalled with %u byte(s) in the FIFO, %zu delivered",
					 seed, m.count, rx.ngot + rx.used);
			if (rx.paused || rnd() % 4 == 0)
				reader();
		}
		assert_memory_equal(rx.got, m.stream, STREAM_LEN);
	}
	host_mmio_read = NULL;
	host_mmio_write = NULL;
}

/* Run setup on regs[] as left by the firmware (cr, ibrd, fbrd, lcrh), with the tree's clock. */
static const struct console *setup(u32 cr, u32 ibrd, u32 fbrd, u32 lcrh, u64 clock_hz)
{
	struct fw_device dev = {
		.node = FW_NO_NODE, .nregs = 1, .clock_hz = clock_hz,
		.regs = { { .base = (uintptr_t)regs, .size = sizeof(regs) } },
	};
	const struct console *con;

	memset(regs, 0, sizeof(regs));
	REG(UARTCR) = cr;
	REG(UARTIBRD) = ibrd;
	REG(UARTFBRD) = fbrd;
	REG(UARTLCR_H) = lcrh;
	REG(UARTIMSC) = 0x7ff;
	con = pl011_driver.setup(&dev);
	assert_ptr_equal(con, &pl011_console);
	/* Whichever path: running, transmit and receive on, polled. */
	assert_int_equal(REG(UARTCR) & (CR_UARTEN | CR_TXE | CR_RXE), CR_UARTEN | CR_TXE | CR_RXE);
	assert_int_equal(REG(UARTIMSC), 0);
	host_log_clear();
	con->report();
	return con;
}

static void expect_divisor(u32 ibrd, u32 fbrd, u32 lcrh)
{
	assert_int_equal(REG(UARTIBRD), ibrd);
	assert_int_equal(REG(UARTFBRD), fbrd);
	assert_int_equal(REG(UARTLCR_H), lcrh);
}

/* The firmware's divisor is kept, even when the tree's clock says otherwise. */
static void test_left_enabled_kept(void **state)
{
	setup(CR_UARTEN | CR_TXE | CR_RXE, 26, 3, LCRH_WLEN8 | LCRH_FEN, 9216000);
	expect_divisor(26, 3, LCRH_WLEN8 | LCRH_FEN);
	assert_non_null(strstr(host_log, "keeping the firmware's divisor 26+3/64"));
	/* Enabled with only transmit on, and without a clock in the tree: kept too. */
	setup(CR_UARTEN | CR_TXE, 24, 0, LCRH_WLEN8, 0);
	expect_divisor(24, 0, LCRH_WLEN8);
	assert_non_null(strstr(host_log, "keeping the firmware's divisor 24+0/64"));
}

/* QEMU's reset state: programmed from the tree's clock (virt: 24 MHz). */
static void test_reset_state_programmed(void **state)
{
	setup(CR_TXE | CR_RXE, 0, 0, 0, 24000000);
	expect_divisor(13, 1, LCRH_WLEN8 | LCRH_FEN);	/* 24e6 / (16 * 115200) = 13.02 */
	assert_non_null(strstr(host_log, "115200 baud from the 24000000 Hz clock in the device "
				   "tree (divisor 13+1/64)"));
	/* The Pi 5 clocks the sources name: 9.216, 44 and 44.2368 MHz. */
	setup(0, 0, 0, 0, 9216000);
	expect_divisor(5, 0, LCRH_WLEN8 | LCRH_FEN);
	setup(0, 0, 0, 0, 44000000);
	expect_divisor(23, 56, LCRH_WLEN8 | LCRH_FEN);	/* 23.87 */
	setup(0, 0, 0, 0, 44236800);
	expect_divisor(24, 0, LCRH_WLEN8 | LCRH_FEN);
}

/* Enabled without a divisor, or a divisor left in a disabled UART: not running, programmed. */
static void test_not_running_programmed(void **state)
{
	setup(CR_UARTEN | CR_TXE | CR_RXE, 0, 5, 0, 48000000);
	expect_divisor(26, 3, LCRH_WLEN8 | LCRH_FEN);
	setup(CR_TXE | CR_RXE, 5, 0, LCRH_WLEN8, 48000000);
	expect_divisor(26, 3, LCRH_WLEN8 | LCRH_FEN);
	assert_non_null(strstr(host_log, "from the 48000000 Hz clock"));
}

/* Disabled and no clock: nothing to compute a divisor from; said, and left alone. */
static void test_no_clock_unknown(void **state)
{
	setup(CR_TXE | CR_RXE, 7, 9, LCRH_WLEN8, 0);
	expect_divisor(7, 9, LCRH_WLEN8);
	assert_non_null(strstr(host_log, "found disabled and the device tree gives no clock: "
				   "baud rate unknown"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_left_enabled_kept),
		cmocka_unit_test(test_reset_state_programmed),
		cmocka_unit_test(test_not_running_programmed),
		cmocka_unit_test(test_no_clock_unknown),
		cmocka_unit_test(test_rx_never_stalls),
	};

	return cmocka_run_group_tests_name("pl011", tests, NULL, NULL);
}
