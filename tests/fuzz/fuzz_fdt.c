/*
 * The device tree as the arm64 boot and fw_probe() read it
 * (drivers/firmware/of.c over fdt.c): of_early_init, the memory map and
 * reservations, bootargs, the stdout-path console, the CPUs, each driver
 * class's node with its reg (through the bus ranges), interrupts (through
 * a GIC-like xlate) and clock, NUMA (numa-node-id, distance-map), the
 * binding properties drivers read; topology_init and numa_init on the
 * result, as kernel/platform.c does; then every fdt_* accessor on every
 * node.
 */
#include <sis/bootinfo.h>
#include <sis/errno.h>
#include <sis/firmware.h>
#include <sis/numa.h>
#include <sis/topology.h>
#include <sis/irqchip.h>
#include <sis/of.h>

#include "fuzz.h"
#include "host.h"

static int gic_xlate(const u32 *cells, unsigned int n, unsigned int *irq, unsigned int *type)
{
	if (n != 3 || cells[0] > 1 || cells[1] > 1019)
		return -EINVAL;
	*irq = cells[1] + (cells[0] ? 16 : 32);
	*type = cells[2] & 0xf;
	return 0;
}

const struct irqchip fuzz_gic = {
	.match = { .name = "gic", .compatible = DRIVER_COMPATIBLE("arm,cortex-a15-gic",
		"arm,gic-400", "arm,gic-v3") },
	.xlate = gic_xlate,
};

__asm__(".pushsection .data.rel.ro\n.balign 8\n"
	".globl __drivers_irqchip_start\n.globl __drivers_irqchip_end\n"
	"__drivers_irqchip_start:\n.quad fuzz_gic\n__drivers_irqchip_end:\n.popsection");

/* Every console a device tree could name: check what of.c hands over. */
const struct console *console_setup(const char *compatible, const struct fw_device *dev)
{
	FUZZ_CHECK(compatible && dev->nregs <= FW_DEV_REGS && dev->nirqs <= FW_DEV_IRQS);
	return NULL;
}

static void check_dev(const struct fw_device *dev)
{
	FUZZ_CHECK(dev->nregs <= FW_DEV_REGS && dev->nirqs <= FW_DEV_IRQS);
	fw_prop_u32(dev, "redistributor-stride", 0);
	fw_prop_u64(dev, "#redistributor-regions", 0);
	fw_prop_str(dev, "method");
}

static void nomap(phys_addr_t base, u64 size)
{
}

/* Every accessor on every node (what no boot path reaches yet still must be safe). */
static void walk(const struct fdt *f)
{
	int n, depth = 0, steps = 0;
	u64 a, s;
	u32 len;

	for (n = fdt_root(f); n >= 0 && steps < 4096; n = fdt_next_node(f, n, &depth), steps++) {
		a = s = 0x5a5a;
		fdt_node_name(f, n);
		fdt_parent(f, n);
		fdt_first_child(f, n);
		fdt_next_sibling(f, n);
		fdt_prop(f, n, "reg", &len);
		fdt_prop_str(f, n, "compatible");
		fdt_node_enabled(f, n);
		fdt_addr_cells(f, n);
		fdt_size_cells(f, n);
		if (fdt_reg(f, n, 0, &a, &s))
			FUZZ_CHECK(a == 0x5a5a && s == 0x5a5a);
		fdt_reg(f, n, 1, &a, NULL);
		if (depth < 0)
			break;
	}
	fdt_path(f, "/cpus/cpu@0");
	fdt_path(f, "serial0/x");
	fdt_find_compatible(f, -1, "arm,pl011");
	fdt_stdout(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct fw_machine m;
	struct boot_info bi;
	uint8_t *blob = fuzz_copy(data, size);
	const char *why = NULL;

	memset(&bi, 0, sizeof(bi));
	if (of_early_init(blob, size, &why)) {
		FUZZ_CHECK(why != NULL && of_fdt.blob == NULL);
		free(blob);
		return 0;
	}
	of_scan_memory(&bi);
	of_scan_reserved(&bi, nomap);
	FUZZ_CHECK(bi.nmem <= BOOT_MAX_REGIONS && bi.nreserved <= BOOT_MAX_REGIONS);
	of_bootargs();
	of_console_setup();
	memset(&m, 0, sizeof(m));
	fw_probe(&bi, &m);
	FUZZ_CHECK(m.ncpus <= FW_CPUS_MAX);
	topology_init(m.cpus, m.ncpus, m.ncpus_dropped);
	numa_init(&m);
	check_dev(&m.irqchip_dev);
	check_dev(&m.timer_dev);
	check_dev(&m.power_dev);
	fw_machine_compatible("raspberrypi,5-model-b");
	walk(&of_fdt);
	host_log_clear();
	memset(&of_fdt, 0, sizeof(of_fdt));
	free(blob);
	return 0;
}
