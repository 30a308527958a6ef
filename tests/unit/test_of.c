/*
 * drivers/firmware/of.c on the host, over device trees compiled with dtc
 * from tests/unit/data/of-*.dts: the memory map, reservations, bootargs
 * and console the arm64 entry reads, and fw_probe's description of the
 * machine (CPUs, the interrupt controller's registers translated through
 * the bus ranges, interrupts, clocks). The failures: a register the bus
 * ranges do not cover is never described (untranslated), and a
 * reference to phandle 0 names no node.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sis/bootinfo.h>
#include <sis/errno.h>
#include <sis/firmware.h>
#include <sis/irqchip.h>
#include <sis/of.h>

#include "host.h"
#include "../../drivers/cpu/psci.h"

/* A GIC-like controller: <type number flags>, SPIs from 32, PPIs from 16. */
static int fake_xlate(const u32 *cells, unsigned int n, unsigned int *irq, unsigned int *type)
{
	if (n != 3 || cells[0] > 1)
		return -EINVAL;
	*irq = cells[1] + (cells[0] ? 16 : 32);
	*type = cells[2];
	return 0;
}

const struct irqchip test_gic = {
	.match = { .name = "test-gic", .compatible = DRIVER_COMPATIBLE("arm,cortex-a15-gic") },
	.xlate = fake_xlate,
};

/* The irqchip class holds test_gic (host.c's empty tables are weak). */
__asm__(".pushsection .data.rel.ro\n.balign 8\n"
	".globl __drivers_irqchip_start\n.globl __drivers_irqchip_end\n"
	"__drivers_irqchip_start:\n.quad test_gic\n__drivers_irqchip_end:\n.popsection");

/* The console the tree's stdout-path names, as of_console_setup hands it over. */
static struct fw_device console_dev;
static char console_compat[64];

static const struct console test_console;

/* Takes "arm,pl011" (the node's first string): the one of_console_setup must offer first. */
const struct console *console_setup(const char *compatible, const struct fw_device *dev)
{
	if (console_compat[0])
		return NULL;
	snprintf(console_compat, sizeof(console_compat), "%s", compatible);
	console_dev = *dev;
	return strcmp(compatible, "arm,pl011") ? NULL : &test_console;
}

static u8 *blob;

/* Compile tests/unit/data/<name> with dtc and open it as the boot tree. */
static void open_tree(const char *name)
{
	char cmd[1024];
	const char *why = NULL;
	size_t n;
	FILE *fp;

	snprintf(cmd, sizeof(cmd), "dtc -q -I dts -O dtb '%s/%s'", UNIT_DATA, name);
	fp = popen(cmd, "r");
	assert_non_null(fp);
	free(blob);
	blob = malloc(65536);
	assert_non_null(blob);
	n = fread(blob, 1, 65536, fp);
	assert_int_equal(pclose(fp), 0);
	assert_true(n > 0 && n < 65536);
	assert_int_equal(of_early_init(blob, n, &why), 0);
	memset(&console_dev, 0, sizeof(console_dev));
	console_compat[0] = '\0';
	host_log_clear();
}

static void test_early(void **state)
{
	struct boot_info bi = { 0 };

	open_tree("of-machine.dts");
	assert_int_equal(of_scan_memory(&bi), 0);
	assert_int_equal(bi.nmem, 2);
	assert_int_equal(bi.mem[0].base, 0x40000000);
	assert_int_equal(bi.mem[0].size, 0x10000000);
	assert_int_equal(bi.mem[1].base, 0x100000000ull);
	of_scan_reserved(&bi, NULL);
	assert_int_equal(bi.nreserved, 2);
	assert_int_equal(bi.reserved[0].base, 0x4ff00000);
	assert_int_equal(bi.reserved[1].base, 0x48000000);
	assert_int_equal(bi.reserved[1].size, 0x10000);
	assert_string_equal(of_bootargs(), "ktest poweroff");
	assert_ptr_equal(of_console_setup(), &test_console);
	assert_string_equal(console_compat, "arm,pl011");
	assert_int_equal(console_dev.nregs, 1);
	assert_int_equal(console_dev.regs[0].base, 0x10001000);
	assert_int_equal(console_dev.nirqs, 1);
	assert_int_equal(console_dev.irqs[0], 33);
	assert_int_equal(console_dev.clock_hz, 24000000);
}

static void test_probe(void **state)
{
	static struct fw_machine m;

	open_tree("of-machine.dts");
	memset(&m, 0, sizeof(m));
	host_cpu_hwid = 0;
	assert_int_equal(fw_probe(NULL, &m), 0);
	/* No enable-method driver on the host: the boot CPU alone, the other said. */
	assert_int_equal(m.ncpus, 1);
	assert_int_equal(m.cpus[0].hwid, 0);
	assert_non_null(strstr(host_log, "cpu@100: enable-method 'psci' not supported"));
	assert_ptr_equal(m.irqchip, &test_gic);
	assert_int_equal(m.irqchip_dev.nregs, 2);
	assert_int_equal(m.irqchip_dev.regs[0].base, 0x10000000);
	assert_int_equal(m.irqchip_dev.regs[1].base, 0x10002000);
	assert_true(fw_machine_compatible("sis,test-machine"));
	host_cpu_hwid = -1;
}

/*
 * The distributor outside the bus's ranges: no register is described
 * from the failed entry on (regs are named by index), so the driver
 * sees fewer than it needs and refuses, rather than using the bus
 * address 0x200000 as a physical one.
 */
static void test_bad_ranges(void **state)
{
	static struct fw_machine m;
	unsigned int i;

	open_tree("of-bad-ranges.dts");
	memset(&m, 0, sizeof(m));
	host_cpu_hwid = 0;
	fw_probe(NULL, &m);
	host_cpu_hwid = -1;
	assert_ptr_equal(m.irqchip, &test_gic);
	assert_int_equal(m.irqchip_dev.nregs, 0);
	for (i = 0; i < FW_DEV_REGS; i++)
		assert_int_not_equal(m.irqchip_dev.regs[i].base, 0x200000);
}

/* interrupt-parent = <0> and clocks = <0>: no controller, no clock (not the root's). */
static void test_phandle_zero(void **state)
{
	open_tree("of-phandle-zero.dts");
	of_console_setup();
	assert_string_equal(console_compat, "arm,pl011");
	assert_int_equal(console_dev.nregs, 1);
	assert_int_equal(console_dev.nirqs, 0);
	assert_int_equal(console_dev.clock_hz, 0);
}

/*
 * Hotplug on the Pi 5: its firmware cannot turn a core on again after
 * PSCI CPU_OFF, so the board's own tree (root compatible "brcm,bcm2712")
 * makes cpu_down refuse with the reason; any other machine may.
 */
static void test_pi5_hotplug_gate(void **state)
{
	const char *why;

	open_tree("../../../boards/rpi5/rpi5.dts");
	assert_true(fw_machine_compatible("brcm,bcm2712"));
	why = psci_stop_refusal(1);
	assert_non_null(why);
	assert_non_null(strstr(why, "Raspberry Pi 5 firmware cannot turn a core on again"));
	open_tree("of-machine.dts");
	assert_null(psci_stop_refusal(1));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_early),
		cmocka_unit_test(test_probe),
		cmocka_unit_test(test_bad_ranges),
		cmocka_unit_test(test_phandle_zero),
		cmocka_unit_test(test_pi5_hotplug_gate),
	};
	int r = cmocka_run_group_tests_name("of", tests, NULL, NULL);

	free(blob);
	return r;
}
