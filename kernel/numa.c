/*
 * NUMA nodes from the firmware's description (include/sis/numa.h). The
 * firmware layer hands each CPU's node (by hardware id) and the memory
 * ranges of each node; here they become per-node CPU masks, sizes and a
 * complete distance table, and one line per node says what it holds.
 * The scheduler's balancers use the masks to stay within a node first;
 * the page allocator learns each node's RAM (page_alloc_node), and the
 * per-CPU areas move to their CPU's node before anything points at them.
 */
#include <sis/firmware.h>
#include <sis/mm.h>
#include <sis/numa.h>
#include <sis/percpu.h>
#include <sis/printk.h>
#include <sis/topology.h>

static unsigned int nr_nodes = 1;
static cpumask_t node_cpus[NUMA_NODES_MAX];
static u64 node_bytes[NUMA_NODES_MAX];
static u8 distance[NUMA_NODES_MAX][NUMA_NODES_MAX];
static u8 cpu_node[CONFIG_MAX_CPUS];

/*
 * Why the firmware's NUMA description cannot be used, or NULL: a CPU in
 * no node, a node with CPUs but no memory, distances that differ by
 * direction. One line says which; the machine is then one node.
 */
static const char *numa_refusal(const struct fw_machine *m, char *buf, size_t size)
{
	u64 bytes[FW_NODES_MAX] = { 0 };
	bool cpus[FW_NODES_MAX] = { false };
	unsigned int i, a, b;
	char id[24];

	for (i = 0; i < m->ncpus; i++) {
		if (m->cpus[i].node == FW_NODE_NONE) {
			snprintf(buf, size, "CPU %s=%s is in no node", ARCH_HWID_NAME,
				 hwid_str(m->cpus[i].hwid, id, sizeof(id)));
			return buf;
		}
		if (m->cpus[i].node < FW_NODES_MAX)
			cpus[m->cpus[i].node] = true;
	}
	for (i = 0; i < m->nmem_nodes; i++)
		if (m->mem_nodes[i].node < FW_NODES_MAX)
			bytes[m->mem_nodes[i].node] += m->mem_nodes[i].size;
	for (a = 0; a < FW_NODES_MAX; a++)
		if (cpus[a] && !bytes[a] && m->nmem_nodes) {
			snprintf(buf, size, "node %u has CPUs but no memory", a);
			return buf;
		}
	for (a = 0; a < FW_NODES_MAX; a++)
		for (b = 0; b < a; b++)
			if (m->distance[a][b] && m->distance[b][a] &&
			    m->distance[a][b] != m->distance[b][a]) {
				snprintf(buf, size, "the distance from node %u to %u is %u, back %u",
					 a, b, m->distance[a][b], m->distance[b][a]);
				return buf;
			}
	return NULL;
}

/* A firmware node id as a node here: out-of-range ids fold onto node 0, said once. */
static unsigned int node_id(u32 fw_node)
{
	static bool said;

	if (fw_node < NUMA_NODES_MAX)
		return fw_node;
	if (!said)
		pr_warn("[NUMA] node %u is beyond the %d nodes kept: counted as node 0\n",
			fw_node, NUMA_NODES_MAX);
	said = true;
	return 0;
}

/* The firmware's node for logical cpu, matched by hardware id. */
static u32 fw_node_of(const struct fw_machine *m, unsigned int cpu)
{
	unsigned int i;

	for (i = 0; i < m->ncpus; i++)
		if (m->cpus[i].hwid == cpu_hwid(cpu))
			return m->cpus[i].node;
	return 0;
}

/* distance[a][b] from the firmware's (m; NULL: none), the other direction, or the defaults. */
static void fill_distances(const struct fw_machine *m)
{
	unsigned int a, b, d;

	for (a = 0; a < NUMA_NODES_MAX; a++)
		for (b = 0; b < NUMA_NODES_MAX; b++) {
			d = m && a < FW_NODES_MAX && b < FW_NODES_MAX ? m->distance[a][b] : 0;
			if (!d && m && a < FW_NODES_MAX && b < FW_NODES_MAX)
				d = m->distance[b][a];
			if (!d)
				d = a == b ? NUMA_LOCAL_DISTANCE : NUMA_REMOTE_DISTANCE;
			distance[a][b] = (u8)d;
		}
}

static void report(void)
{
	char cpus[128], line[4 * NUMA_NODES_MAX + 1];
	unsigned int n, b, len;

	for (n = 0; n < nr_nodes; n++) {
		if (cpumask_empty(&node_cpus[n]) && !node_bytes[n])
			continue;
		cpumask_str(&node_cpus[n], cpus, sizeof(cpus));
		pr_info("[NUMA] node %u: cpus %s, %llu MiB\n", n, cpus[0] ? cpus : "none",
			(unsigned long long)(node_bytes[n] >> 20));
	}
	for (n = 0; n < nr_nodes; n++) {
		for (b = 0, len = 0; b < nr_nodes; b++)
			len += (unsigned int)snprintf(line + len, sizeof(line) - len, " %u",
						      distance[n][b]);
		pr_info("[NUMA] node %u distances:%s\n", n, line);
	}
}

void numa_init(const struct fw_machine *m)
{
	unsigned int cpu, i, node;
	const char *why = NULL;
	bool use = m->numa;
	char buf[96];

	if (!use)
		pr_info("[NUMA] no NUMA information: one node\n");
	else if ((why = numa_refusal(m, buf, sizeof(buf))))
		pr_warn("[NUMA] firmware NUMA information unusable (%s): one node\n", why);
	use = use && !why;
	for (cpu = 0; cpu < nr_cpu_ids; cpu++) {
		node = use ? node_id(fw_node_of(m, cpu)) : 0;
		cpu_node[cpu] = (u8)node;
		percpu_of(cpu)->node = node;
		cpumask_set(&node_cpus[node], cpu);
		nr_nodes = MAX(nr_nodes, node + 1);
	}
	for (i = 0; use && i < m->nmem_nodes; i++) {
		node = node_id(m->mem_nodes[i].node);
		node_bytes[node] += m->mem_nodes[i].size;
		nr_nodes = MAX(nr_nodes, node + 1);
		page_node_range(m->mem_nodes[i].base, m->mem_nodes[i].size, node);
	}
	fill_distances(use ? m : NULL);
	if (m->numa_dropped)
		pr_warn("[NUMA] %u firmware NUMA entries beyond the tables kept: ignored\n",
			m->numa_dropped);
	if (use)
		report();
	if (nr_nodes > 1)
		percpu_to_nodes();
}

unsigned int numa_nr_nodes(void)
{
	return nr_nodes;
}

unsigned int cpu_to_node(unsigned int cpu)
{
	return cpu < CONFIG_MAX_CPUS ? cpu_node[cpu] : 0;
}

const cpumask_t *numa_node_cpus(unsigned int node)
{
	return &node_cpus[node < NUMA_NODES_MAX ? node : 0];
}

const cpumask_t *numa_node_masks(void)
{
	return node_cpus;
}

unsigned int numa_distance(unsigned int a, unsigned int b)
{
	if (a >= NUMA_NODES_MAX || b >= NUMA_NODES_MAX)
		return NUMA_REMOTE_DISTANCE;
	return distance[a][b];
}

u64 numa_node_bytes(unsigned int node)
{
	return node < NUMA_NODES_MAX ? node_bytes[node] : 0;
}
