/*
 * What the firmware layer (drivers/firmware/: ACPI on pc, the device
 * tree on arm64) tells the rest of the kernel. It only describes:
 * fw_probe() lists the CPUs it found and, for each driver class, the
 * device it found and the driver that matched it. The generic layer
 * decides: platform_init() (kernel/platform.c) keeps one driver per
 * class, falling back where the firmware described none, and
 * topology_init() (kernel/topology.c) turns the CPU list into logical
 * CPUs.
 *
 * A driver sees its device as a struct fw_device: MMIO ranges and
 * interrupts already translated, the ACPI table it was matched by, and
 * fw_prop_*() for the few properties of its own binding.
 */
#ifndef SIS_FIRMWARE_H
#define SIS_FIRMWARE_H

#include <sis/bootinfo.h>
#include <sis/types.h>

struct irqchip;
struct clockevent;
struct cpu_enable_method;
struct power_ops;
struct refclock;

/*
 * CPUs one firmware list holds: the most MAX_CPUS allows, so that a kernel
 * built for fewer still detects (and names) every CPU; more are counted.
 */
#define FW_CPUS_MAX	512
#define FW_DEV_REGS	16
#define FW_DEV_IRQS	8
#define FW_NO_NODE	(-1)
#define FW_IRQ_NONE	(~0u)	/* an interrupt the irqchip could not translate */
#define FW_REFCLOCKS_MAX 4
#define FW_NODES_MAX	16	/* NUMA nodes: ids 0 .. FW_NODES_MAX - 1 */
#define FW_MEM_NODES_MAX 32	/* memory ranges with a NUMA node */
#define FW_NODE_NONE	(~0u)

/* fw_cpu.flags */
#define FW_CPU_ENABLED		BIT(0)	/* present and usable now */
#define FW_CPU_ONLINE_CAPABLE	BIT(1)	/* not now, may be brought up later (ACPI) */

struct fw_cpu {
	u64 hwid;			/* APIC id / MPIDR */
	u32 flags;
	const char *enable_method;	/* DT enable-method; NULL: the platform's */
	u32 node;			/* NUMA node (SRAT domain, DT numa-node-id); */
					/* FW_NODE_NONE: the firmware gave it none */
};

struct fw_mem_node {
	phys_addr_t base;
	u64 size;
	u32 node;
};

struct fw_reg {
	phys_addr_t base;		/* CPU physical address (or I/O port) */
	u64 size;
};

struct fw_device {
	const char *compatible;		/* the DT string or ACPI signature that matched */
	int node;			/* DT node for fw_prop_*(); FW_NO_NODE */
	const void *table;		/* ACPI: the parsed table (include/sis/acpi_tables.h) */
	unsigned int nregs;
	struct fw_reg regs[FW_DEV_REGS];	/* reg, translated through the bus ranges */
	unsigned int nirqs;
	unsigned int irqs[FW_DEV_IRQS];	/* interrupts, numbered as the irqchip does */
	unsigned int irq_types[FW_DEV_IRQS];	/* their triggers, IRQ_TYPE_* */
	u64 clock_hz;			/* the first clock's fixed rate; 0: unknown */
	bool io_port;			/* regs are x86 I/O ports */
};

/* The firmware's description; what it did not find stays NULL / 0. */
struct fw_machine {
	struct fw_cpu cpus[FW_CPUS_MAX];	/* firmware order */
	unsigned int ncpus;
	unsigned int ncpus_dropped;		/* listed beyond FW_CPUS_MAX */
	const struct irqchip *irqchip;
	struct fw_device irqchip_dev;
	const struct clockevent *timer;
	struct fw_device timer_dev;
	const struct cpu_enable_method *enable_method;
	struct fw_device enable_method_dev;
	const struct power_ops *power;
	struct fw_device power_dev;
	/* Calibration references (refclock.h): every one described, in link order. */
	const struct refclock *refclocks[FW_REFCLOCKS_MAX];
	struct fw_device refclock_devs[FW_REFCLOCKS_MAX];
	unsigned int nrefclocks;
	/*
	 * NUMA (SRAT and SLIT; DT numa-node-id and /distance-map): numa is
	 * set when the firmware said anything, else every CPU and all memory
	 * are node 0. distance[a][b]: 10 local, 0 not given.
	 */
	bool numa;
	struct fw_mem_node mem_nodes[FW_MEM_NODES_MAX];
	unsigned int nmem_nodes;
	u8 distance[FW_NODES_MAX][FW_NODES_MAX];
	unsigned int numa_dropped;	/* entries beyond the arrays above */
};

/*
 * Describe the machine into m (zeroed by the caller). 0, or a negative
 * error when the tables were unusable; what was found is in m either way
 * and every problem has been logged once.
 */
int fw_probe(const struct boot_info *bi, struct fw_machine *m);

/* The machine as a whole is compatible with compat (the DT root's list; ACPI: never). */
bool fw_machine_compatible(const char *compat);

/*
 * Properties of a device's own DT binding ("redistributor-stride",
 * "method"); def / NULL when absent. Only DT drivers ask (drivers/firmware/of.c):
 * what ACPI says is in the table the driver was handed.
 */
u32 fw_prop_u32(const struct fw_device *dev, const char *name, u32 def);
u64 fw_prop_u64(const struct fw_device *dev, const char *name, u64 def);
const char *fw_prop_str(const struct fw_device *dev, const char *name);

/*
 * A property of the CPU whose hardware id is hwid, from its own node
 * (spin-table's "cpu-release-addr"); def when absent. DT only: the
 * enable method's device is the method, not one CPU.
 */
u64 fw_cpu_prop_u64(u64 hwid, const char *name, u64 def);

/*
 * The i-th interrupt controller chained behind parent (wired into one
 * of parent's lines), described as a device whose irqs[0] is that line
 * in parent's numbering, and the irqchip driver that serves it; NULL
 * past the last. The root irqchip's init() asks, as only it knows where
 * the numbers of a chained controller go (include/sis/irqchip.h). DT only.
 */
const struct irqchip *fw_irqchip_chained(const struct fw_device *parent, unsigned int i,
					 struct fw_device *dev);

#endif /* SIS_FIRMWARE_H */
