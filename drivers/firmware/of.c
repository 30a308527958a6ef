/*
 * The device tree, arm64's firmware description (include/sis/firmware.h,
 * include/sis/of.h), on the bounds-checked reader in fdt.c.
 *
 * Before kernel_main the arm64 entry takes the memory map, reservations,
 * console and command line from the tree. fw_probe() then describes the
 * machine: the CPUs under /cpus (reg = MPIDR), and for each driver class
 * the first driver whose compatible strings name an enabled node (CPU
 * enable methods: the name in the CPUs' "enable-method"). A matched node
 * becomes a struct fw_device: its reg entries translated through the bus
 * ranges, its interrupts translated by the interrupt controller's own
 * xlate(), the rate of its first fixed clock. Drivers read anything else
 * of their binding with fw_prop_*().
 */
#include <sis/arch.h>
#include <sis/clockevent.h>
#include <sis/cpu_ops.h>
#include <sis/errno.h>
#include <sis/firmware.h>
#include <sis/irqchip.h>
#include <sis/of.h>
#include <sis/power.h>
#include <sis/printk.h>
#include <sis/string.h>

struct fdt of_fdt;

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

/* ---------------------------------------------------------------- devices */

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

/* The interrupt parent of node: its own, or its nearest ancestor's, property. */
static int interrupt_parent(int node)
{
	for (; node >= 0; node = fdt_parent(&of_fdt, node)) {
		u32 len;
		const void *ph = fdt_prop(&of_fdt, node, "interrupt-parent", &len);

		if (ph && len == 4)
			return node_by_phandle(fdt32(ph));
	}
	return -ENOENT;
}

/* The irqchip driver for node's interrupt controller (its compatible strings). */
static const struct irqchip *controller_driver(int ctrl)
{
	const struct irqchip *const *d;
	u32 len, pos = 0;
	const char *s = fdt_prop(&of_fdt, ctrl, "compatible", &len);

	while (s && pos < len) {
		size_t n = strnlen(s + pos, len - pos);

		if (n == len - pos)
			break;
		for_each_driver(irqchip, d)
			if (driver_match_compatible(&(*d)->match, s + pos))
				return *d;
		pos += (u32)n + 1;
	}
	return NULL;
}

/*
 * node's "interrupts", each specifier translated by the xlate() of the
 * driver for its interrupt controller. One that cannot be translated
 * keeps its place as FW_IRQ_NONE: bindings name interrupts by index.
 */
static void describe_irqs(int node, struct fw_device *dev)
{
	int ctrl = interrupt_parent(node);
	const struct irqchip *chip = controller_driver(ctrl);
	u32 len, cells = fdt_prop_u32(&of_fdt, ctrl, "#interrupt-cells", 3);
	const u8 *p = fdt_prop(&of_fdt, node, "interrupts", &len);
	u32 spec[4];
	unsigned int i, n;

	if (!p || !chip || !chip->xlate || cells < 1 || cells > ARRAY_SIZE(spec))
		return;
	n = len / (cells * 4);
	for (i = 0; i < n && dev->nirqs < FW_DEV_IRQS; i++) {
		unsigned int c, irq, type = 0;

		for (c = 0; c < cells; c++)
			spec[c] = fdt32(p + (i * cells + c) * 4);
		if (chip->xlate(spec, cells, &irq, &type))
			irq = FW_IRQ_NONE;
		dev->irq_types[dev->nirqs] = type;
		dev->irqs[dev->nirqs++] = irq;
	}
}

/* A matched node as the driver sees it. */
static void describe(int node, const char *compat, struct fw_device *dev)
{
	u64 base, size;

	memset(dev, 0, sizeof(*dev));
	dev->compatible = compat;
	dev->node = node;
	while (dev->nregs < FW_DEV_REGS &&
	       fdt_reg(&of_fdt, node, dev->nregs, &base, &size) == 0) {
		dev->regs[dev->nregs].base = base;
		dev->regs[dev->nregs].size = size;
		dev->nregs++;
	}
	describe_irqs(node, dev);
	dev->clock_hz = first_clock_hz(node);
}

/*
 * An interrupt controller wired into another one's line (its interrupt
 * parent is another node and it has interrupts of its own): the
 * BCM2835 controller behind the Pi 3's ARM-local one. Never the root.
 */
static bool is_chained_controller(int node)
{
	int parent = interrupt_parent(node);

	return fdt_prop(&of_fdt, node, "interrupts", NULL) && parent >= 0 && parent != node;
}

/*
 * The first enabled node compatible with one of match's strings, or
 * -ENOENT; for the irqchip class (root) not a chained controller.
 */
static int find_node(const struct driver_match *match, const char **compat, bool root)
{
	const char *const *c;
	int n;

	for (c = match->compatible; c && *c; c++)
		for (n = fdt_find_compatible(&of_fdt, -1, *c); n >= 0;
		     n = fdt_find_compatible(&of_fdt, n, *c))
			if (fdt_node_enabled(&of_fdt, n) && !(root && is_chained_controller(n))) {
				*compat = *c;
				return n;
			}
	return -ENOENT;
}

/* Each class's first driver with a node in the tree, and that node described. */
#define MATCH_NODE(cls, field, root)						\
	do {									\
		__typeof__(*__drivers_##cls##_start) const *d_;			\
		const char *c_;							\
		int n_;								\
		for_each_driver(cls, d_) {					\
			n_ = find_node(&(*d_)->match, &c_, root);		\
			if (n_ >= 0) {						\
				m->field = *d_;					\
				describe(n_, c_, &m->field##_dev);		\
				break;						\
			}							\
		}								\
	} while (0)

const struct irqchip *fw_irqchip_chained(const struct fw_device *parent, unsigned int i,
					 struct fw_device *dev)
{
	const struct irqchip *chip;
	int n, depth = 0;

	if (!of_fdt.blob || parent->node == FW_NO_NODE)
		return NULL;
	for (n = fdt_root(&of_fdt); n >= 0 && depth >= 0; n = fdt_next_node(&of_fdt, n, &depth)) {
		if (!fdt_prop(&of_fdt, n, "interrupt-controller", NULL) ||
		    !fdt_node_enabled(&of_fdt, n) || !is_chained_controller(n) ||
		    interrupt_parent(n) != parent->node)
			continue;
		chip = controller_driver(n);
		if (chip && i-- == 0) {
			describe(n, chip->match.compatible[0], dev);
			return chip;
		}
	}
	return NULL;
}

/* ---------------------------------------------------------------- CPUs */

/* The /cpus child whose reg (MPIDR) is hwid, or -ENOENT. */
static int cpu_node(u64 hwid)
{
	int cpus = fdt_path(&of_fdt, "/cpus"), ac = fdt_addr_cells(&of_fdt, cpus), n;
	u32 len;

	for (n = fdt_first_child(&of_fdt, cpus); n >= 0; n = fdt_next_sibling(&of_fdt, n)) {
		const void *reg = fdt_prop(&of_fdt, n, "reg", &len);

		if (fdt_prop_has(&of_fdt, n, "device_type", "cpu") && reg && ac >= 1 &&
		    ac <= 2 && len >= (u32)ac * 4 && fdt_cells(reg, ac) == hwid)
			return n;
	}
	return -ENOENT;
}

u64 fw_cpu_prop_u64(u64 hwid, const char *name, u64 def)
{
	struct fw_device cpu = { .node = of_fdt.blob ? cpu_node(hwid) : FW_NO_NODE };

	if (cpu.node < 0)
		return def;
	return fw_prop_u64(&cpu, name, def);
}

/* The CPU enable method a driver offers under that name, or NULL. */
static const struct cpu_enable_method *method_driver(const char *name)
{
	const struct cpu_enable_method *const *d;

	for_each_driver(cpu_method, d)
		if (name && driver_match_compatible(&(*d)->match, name))
			return *d;
	return NULL;
}

/* One /cpus child: an entry of the CPU list, or a line saying why not. */
static void describe_cpu(struct fw_machine *m, int n, int ac, u64 boot_hwid)
{
	const char *name = fdt_node_name(&of_fdt, n);
	const char *method = fdt_prop_str(&of_fdt, n, "enable-method");
	u32 len;
	const void *reg = fdt_prop(&of_fdt, n, "reg", &len);
	struct fw_cpu *c;
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
	if (mpidr != boot_hwid && !method_driver(method)) {
		pr_warn("[OF] %s: enable-method '%s' not supported, skipped\n", name,
			method ? method : "(none)");
		return;
	}
	if (m->ncpus == FW_CPUS_MAX) {
		m->ncpus_dropped++;
		return;
	}
	c = &m->cpus[m->ncpus++];
	c->hwid = mpidr;
	c->flags = FW_CPU_ENABLED;
	c->enable_method = method;
	c->node = FW_NODE_NONE;
	if (fdt_prop(&of_fdt, n, "numa-node-id", NULL)) {
		c->node = fdt_prop_u32(&of_fdt, n, "numa-node-id", 0);
		m->numa = true;
	}
	if (mpidr != boot_hwid && !m->enable_method)
		m->enable_method = method_driver(method);
}

static int describe_cpus(struct fw_machine *m)
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
			describe_cpu(m, n, ac, boot);
	m->enable_method_dev.node = FW_NO_NODE;
	return 0;
}

/* ---------------------------------------------------------------- NUMA */

/* Memory nodes with a numa-node-id: their ranges, by node. */
static void describe_mem_nodes(struct fw_machine *m)
{
	int root = fdt_root(&of_fdt), n;
	unsigned int i;
	u64 base, size;
	u32 node;

	for (n = fdt_first_child(&of_fdt, root); n >= 0; n = fdt_next_sibling(&of_fdt, n)) {
		if (!is_memory_node(n) || !fdt_node_enabled(&of_fdt, n) ||
		    !fdt_prop(&of_fdt, n, "numa-node-id", NULL))
			continue;
		node = fdt_prop_u32(&of_fdt, n, "numa-node-id", 0);
		m->numa = true;
		for (i = 0; fdt_reg(&of_fdt, n, i, &base, &size) == 0; i++) {
			if (m->nmem_nodes == FW_MEM_NODES_MAX) {
				m->numa_dropped++;
				continue;
			}
			m->mem_nodes[m->nmem_nodes++] = (struct fw_mem_node){
				.base = base, .size = size, .node = node };
		}
	}
}

/* /distance-map (numa-distance-map-v1): distance-matrix is <from to distance> triples. */
static void describe_distances(struct fw_machine *m)
{
	int n = fdt_path(&of_fdt, "/distance-map");
	const u8 *p;
	u32 len, i, from, to, d;

	if (n < 0 || !fdt_is_compatible(&of_fdt, n, "numa-distance-map-v1"))
		return;
	p = fdt_prop(&of_fdt, n, "distance-matrix", &len);
	if (!p || len % 12) {
		pr_warn("[OF] /distance-map: no usable distance-matrix, ignored\n");
		return;
	}
	for (i = 0; i < len; i += 12) {
		from = fdt32(p + i);
		to = fdt32(p + i + 4);
		d = fdt32(p + i + 8);
		if (from >= FW_NODES_MAX || to >= FW_NODES_MAX || d > 255) {
			m->numa_dropped++;
			continue;
		}
		m->distance[from][to] = (u8)d;
	}
}

/* ---------------------------------------------------------------- probe */

/* "a, b or c": the compatible strings of every driver of the irqchip class. */
static void irqchip_names(char *buf, size_t size)
{
	const struct irqchip *const *d;
	const char *const *c;
	size_t len = 0;

	buf[0] = '\0';
	for_each_driver(irqchip, d)
		for (c = (*d)->match.compatible; c && *c && len < size; c++)
			len += snprintf(buf + len, size - len, "%s%s", len ? ", " : "", *c);
}

/* Every class, even without an irqchip: the power driver must still end the machine. */
static int describe_devices(struct fw_machine *m)
{
	char names[160];

	MATCH_NODE(irqchip, irqchip, true);
	MATCH_NODE(timer, timer, false);
	MATCH_NODE(power, power, false);
	if (!m->irqchip) {
		irqchip_names(names, sizeof(names));
		pr_err("[OF] no usable interrupt controller in the device tree (drivers for: %s)\n",
		       names);
		return -ENODEV;
	}
	pr_info("[OF] irqchip %s at 0x%llx\n", m->irqchip_dev.compatible,
		(unsigned long long)m->irqchip_dev.regs[0].base);
	return 0;
}

int fw_probe(const struct boot_info *bi, struct fw_machine *m)
{
	int err;

	if (!of_fdt.blob) {
		pr_err("[OF] no device tree: cannot find CPUs, GIC or timer\n");
		return -ENODEV;
	}
	err = describe_cpus(m);
	describe_mem_nodes(m);
	describe_distances(m);
	if (describe_devices(m))
		return -ENODEV;
	return err;
}

bool fw_machine_compatible(const char *compat)
{
	return of_fdt.blob && fdt_is_compatible(&of_fdt, fdt_root(&of_fdt), compat);
}

/* ---------------------------------------------------------------- properties */

u32 fw_prop_u32(const struct fw_device *dev, const char *name, u32 def)
{
	return dev->node == FW_NO_NODE ? def : fdt_prop_u32(&of_fdt, dev->node, name, def);
}

u64 fw_prop_u64(const struct fw_device *dev, const char *name, u64 def)
{
	u32 len;
	const void *p = dev->node == FW_NO_NODE ? NULL :
			fdt_prop(&of_fdt, dev->node, name, &len);

	if (!p || (len != 4 && len != 8))
		return def;
	return fdt_cells(p, (int)(len / 4));
}

const char *fw_prop_str(const struct fw_device *dev, const char *name)
{
	return dev->node == FW_NO_NODE ? NULL : fdt_prop_str(&of_fdt, dev->node, name);
}

/* ---------------------------------------------------------------- console */

const struct console *of_console_setup(void)
{
	int n = fdt_stdout(&of_fdt);
	const struct console *con = NULL;
	struct fw_device dev;
	u32 len, pos = 0;
	const char *s;

	if (n < 0 || !fdt_node_enabled(&of_fdt, n))
		return NULL;
	s = fdt_prop(&of_fdt, n, "compatible", &len);
	/* The first of the node's compatible strings that a console driver takes. */
	while (s && pos < len && !con) {
		size_t sl = strnlen(s + pos, len - pos);

		if (sl == len - pos)
			break;
		describe(n, s + pos, &dev);
		if (dev.nregs)
			con = console_setup(s + pos, &dev);
		pos += (u32)sl + 1;
	}
	return con;
}
