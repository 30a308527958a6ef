/*
 * Device tree platform setup: what the machine is, from the DTB the boot
 * loader passed (or the built-in one). The arm64 entry uses the early
 * helpers before kernel_main (memory map, reservations, console, command
 * line); of_platform_init() then fills struct platform: the CPUs from
 * /cpus (reg = MPIDR), the GIC by compatible, the timer's PPIs and PSCI.
 * Drivers get plain data (include/sis/of_fw.h), never the tree.
 */
#include <sis/arch.h>
#include <sis/cpu_ops.h>
#include <sis/driver.h>
#include <sis/errno.h>
#include <sis/of.h>
#include <sis/of_fw.h>
#include <sis/platform.h>
#include <sis/printk.h>
#include <sis/string.h>

struct fdt of_fdt;

static struct of_gic gic_fw;
static struct of_timer timer_fw;
static struct of_psci psci_fw;

int of_early_init(const void *blob, size_t maxlen, const char **why)
{
	return fdt_open(&of_fdt, blob, maxlen, why);
}

static bool is_memory_node(int n)
{
	const char *name = fdt_node_name(&of_fdt, n);

	if (fdt_prop(&of_fdt, n, "device_type", NULL))
		return fdt_prop_has(&of_fdt, n, "device_type", "memory");
	return name && (!strcmp(name, "memory") || !strncmp(name, "memory@", 7));
}

int of_scan_memory(struct boot_info *bi)
{
	int root = fdt_root(&of_fdt), n;
	unsigned int i, found = 0;
	u64 base, size;

	for (n = fdt_first_child(&of_fdt, root); n >= 0; n = fdt_next_sibling(&of_fdt, n)) {
		if (!is_memory_node(n) || !fdt_node_enabled(&of_fdt, n))
			continue;
		for (i = 0; fdt_reg(&of_fdt, n, i, &base, &size) == 0; i++)
			if (size && bootinfo_add_mem(bi, base, size))
				found++;
	}
	return found ? 0 : -ENOENT;
}

void of_scan_reserved(struct boot_info *bi, void (*nomap)(phys_addr_t base, u64 size))
{
	int rsv = fdt_path(&of_fdt, "/reserved-memory"), n;
	unsigned int i;
	u64 base, size;

	for (i = 0; fdt_memreserve(&of_fdt, i, &base, &size) == 0; i++)
		bootinfo_add_reserved(bi, base, size);
	for (n = fdt_first_child(&of_fdt, rsv); n >= 0; n = fdt_next_sibling(&of_fdt, n)) {
		if (!fdt_node_enabled(&of_fdt, n))
			continue;
		for (i = 0; fdt_reg(&of_fdt, n, i, &base, &size) == 0; i++) {
			bootinfo_add_reserved(bi, base, size);
			if (nomap && fdt_prop(&of_fdt, n, "no-map", NULL))
				nomap(base, size);
		}
	}
}

const char *of_bootargs(void)
{
	const char *s = fdt_prop_str(&of_fdt, fdt_path(&of_fdt, "/chosen"), "bootargs");

	return s ? s : "";
}

/* The node whose phandle is ph, or -ENOENT. */
static int node_by_phandle(u32 ph)
{
	int n, depth = 0;

	for (n = fdt_root(&of_fdt); n >= 0 && depth >= 0; n = fdt_next_node(&of_fdt, n, &depth))
		if (fdt_prop_u32(&of_fdt, n, "phandle", 0) == ph ||
		    fdt_prop_u32(&of_fdt, n, "linux,phandle", 0) == ph)
			return n;
	return -ENOENT;
}

/* The rate of node's first clock when it is a fixed clock, else 0. */
static u64 first_clock_hz(int node)
{
	u32 len;
	const void *clk = fdt_prop(&of_fdt, node, "clocks", &len);

	if (!clk || len < 4)
		return 0;
	return fdt_prop_u32(&of_fdt, node_by_phandle(fdt32(clk)), "clock-frequency", 0);
}

/* The DRV_CONSOLE ops for the first of node's compatible strings we have. */
static const struct of_console_ops *console_driver(int node)
{
	u32 len, pos = 0;
	const char *s = fdt_prop(&of_fdt, node, "compatible", &len);

	while (s && pos < len) {
		size_t n = strnlen(s + pos, len - pos);
		const struct of_console_ops *ops;

		if (n == len - pos)
			break;
		ops = driver_find(DRV_CONSOLE, s + pos);
		if (ops)
			return ops;
		pos += (u32)n + 1;
	}
	return NULL;
}

const struct console *of_console_setup(phys_addr_t *base)
{
	int n = fdt_stdout(&of_fdt);
	const struct of_console_ops *ops;
	u64 addr;

	if (n < 0 || !fdt_node_enabled(&of_fdt, n))
		return NULL;
	ops = console_driver(n);
	if (!ops || fdt_reg(&of_fdt, n, 0, &addr, NULL))
		return NULL;
	*base = addr;
	return ops->setup(addr, first_clock_hz(n));
}

/* One /cpus child: its MPIDR to platform_add_cpu, or a line saying why not. */
static void of_add_cpu(int n, int ac, u64 boot_hwid)
{
	const char *name = fdt_node_name(&of_fdt, n);
	const char *method = fdt_prop_str(&of_fdt, n, "enable-method");
	u32 len;
	const void *reg = fdt_prop(&of_fdt, n, "reg", &len);
	u64 mpidr;

	if (!reg || ac < 1 || ac > 2 || len < (u32)ac * 4) {
		pr_warn("[OF] %s: no usable reg (MPIDR), skipped\n", name);
		return;
	}
	mpidr = fdt_cells(reg, ac);
	if (!fdt_node_enabled(&of_fdt, n)) {
		pr_info("[OF] %s: status is not okay, skipped\n", name);
		return;
	}
	if (mpidr != boot_hwid && (!method || strcmp(method, "psci"))) {
		pr_warn("[OF] %s: enable-method '%s' not supported, skipped\n", name,
			method ? method : "(none)");
		return;
	}
	platform_add_cpu(mpidr);
}

static int of_scan_cpus(void)
{
	int cpus = fdt_path(&of_fdt, "/cpus"), n, ac;
	u64 boot = arch_cpu_hwid();

	if (cpus < 0) {
		pr_err("[OF] no /cpus node in the device tree: only the boot CPU runs\n");
		return -ENOENT;
	}
	ac = fdt_addr_cells(&of_fdt, cpus);
	for (n = fdt_first_child(&of_fdt, cpus); n >= 0; n = fdt_next_sibling(&of_fdt, n))
		if (fdt_prop_has(&of_fdt, n, "device_type", "cpu"))
			of_add_cpu(n, ac, boot);
	platform_cpus_done();
	return 0;
}

/* Registers of GIC node n; v3 lists GICD then its redistributor regions. */
static void of_read_gic(int n)
{
	u32 len, nr = fdt_prop_u32(&of_fdt, n, "#redistributor-regions", 1);
	const void *stride = fdt_prop(&of_fdt, n, "redistributor-stride", &len);
	u64 addr, size;
	unsigned int i;

	fdt_reg(&of_fdt, n, 0, &gic_fw.dist, NULL);
	if (fdt_reg(&of_fdt, n, 1, &addr, &size) == 0)
		gic_fw.cpuif = addr;
	for (i = 0; i < nr && i < OF_GIC_MAX_REDIST; i++) {
		if (fdt_reg(&of_fdt, n, 1 + i, &addr, &size))
			break;
		gic_fw.redist[i] = addr;
		gic_fw.redist_size[i] = size;
	}
	gic_fw.nredist = i;
	if (stride && len == 8)
		gic_fw.redist_stride = fdt_cells(stride, 2);
}

static int of_find_gic(void)
{
	static const char *const compat[] = {
		"arm,gic-400", "arm,cortex-a15-gic", "arm,gic-v3",
	};
	unsigned int i;
	int n;

	for (i = 0; i < ARRAY_SIZE(compat); i++) {
		const struct irqchip *ops;

		n = fdt_find_compatible(&of_fdt, -1, compat[i]);
		if (n < 0 || !fdt_node_enabled(&of_fdt, n))
			continue;
		ops = driver_find(DRV_IRQCHIP, compat[i]);
		if (!ops) {
			pr_warn("[OF] %s: no driver built in\n", compat[i]);
			continue;
		}
		of_read_gic(n);
		pr_info("[OF] irqchip %s: distributor at 0x%llx\n", compat[i],
			(unsigned long long)gic_fw.dist);
		platform.irqchip = ops;
		platform.irqchip_fw = &gic_fw;
		return 0;
	}
	pr_err("[OF] no usable interrupt controller in the device tree "
	       "(need arm,gic-400, arm,cortex-a15-gic or arm,gic-v3)\n");
	return -ENODEV;
}

/* GIC specifier <type num flags>: SPI (0) -> 32 + num, PPI (1) -> 16 + num. */
static unsigned int gic_intid(const u8 *cell)
{
	return fdt32(cell) == 1 ? 16 + fdt32(cell + 4) : 32 + fdt32(cell + 4);
}

static int of_find_timer(void)
{
	int n = fdt_find_compatible(&of_fdt, -1, "arm,armv8-timer");
	u32 len = 0;
	const u8 *irq;

	if (n < 0)
		n = fdt_find_compatible(&of_fdt, -1, "arm,armv7-timer");
	irq = fdt_prop(&of_fdt, n, "interrupts", &len);
	/* The architected PPIs unless the tree says otherwise. */
	timer_fw.phys_irq = 30;
	timer_fw.virt_irq = 27;
	if (n < 0)
		pr_warn("[OF] no arm,armv8-timer node: using PPIs 30 and 27\n");
	else if (!irq || len < 36 || len % 12)
		pr_warn("[OF] timer: interrupts not 3-cell GIC specifiers: using PPIs 30 and 27\n");
	else {
		timer_fw.phys_irq = gic_intid(irq + 12);
		timer_fw.virt_irq = gic_intid(irq + 24);
	}
	timer_fw.clock_frequency = fdt_prop_u32(&of_fdt, n, "clock-frequency", 0);
	platform.timer = driver_find(DRV_TIMER, "arm,armv8-timer");
	platform.timer_fw = &timer_fw;
	return platform.timer ? 0 : -ENODEV;
}

static int of_find_psci(void)
{
	static const char *const compat[] = { "arm,psci-1.0", "arm,psci-0.2" };
	const char *method;
	unsigned int i;
	int n = -ENOENT;

	for (i = 0; i < ARRAY_SIZE(compat) && n < 0; i++)
		n = fdt_find_compatible(&of_fdt, -1, compat[i]);
	if (n < 0) {
		pr_err("[OF] no PSCI 0.2+ node in the device tree: "
		       "secondary CPUs and power-off are unavailable\n");
		return -ENOENT;
	}
	method = fdt_prop_str(&of_fdt, n, "method");
	if (!method || (strcmp(method, "smc") && strcmp(method, "hvc"))) {
		pr_err("[OF] psci: method '%s' is neither smc nor hvc\n",
		       method ? method : "(none)");
		return -EINVAL;
	}
	psci_fw.hvc = !strcmp(method, "hvc");
	platform.enable_method = driver_find(DRV_CPU_METHOD, "psci");
	platform.enable_fw = &psci_fw;
	if (!platform.enable_method)
		return -ENODEV;
	/* Early, so that power-off works even when no other CPU is started. */
	return platform.enable_method->prepare(&psci_fw);
}

int of_platform_init(const struct boot_info *bi)
{
	int err, first = 0;

	if (!of_fdt.blob) {
		pr_err("[OF] no device tree: cannot find CPUs, GIC or timer\n");
		return -ENODEV;
	}
	err = of_scan_cpus();
	first = first ? first : err;
	err = of_find_gic();
	first = first ? first : err;
	err = of_find_timer();
	first = first ? first : err;
	err = of_find_psci();
	first = first ? first : err;
	return first;
}
