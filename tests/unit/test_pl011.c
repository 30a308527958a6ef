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

void console_rx(const char *bytes, size_t n)
{
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
	};

	return cmocka_run_group_tests_name("pl011", tests, NULL, NULL);
}
