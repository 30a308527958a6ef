/*
 * NUMA nodes (kernel/numa.c): which CPUs and how much memory each node
 * has, and the distance between nodes (10: local, as ACPI's SLIT and the
 * DT's distance-map count). Filled once at boot from the firmware's
 * description (SRAT/SLIT, numa-node-id/distance-map); a machine that
 * describes none is one node 0 holding everything. Read-only after boot.
 */
#ifndef SIS_NUMA_H
#define SIS_NUMA_H

#include <sis/cpumask.h>
#include <sis/types.h>

#define NUMA_NODES_MAX		16
#define NUMA_LOCAL_DISTANCE	10
#define NUMA_REMOTE_DISTANCE	20	/* when the firmware gives none */

struct fw_machine;

/* After topology_init(): logical CPUs exist, with their hardware ids. */
void numa_init(const struct fw_machine *m);

unsigned int numa_nr_nodes(void);	/* highest node id + 1 */
unsigned int cpu_to_node(unsigned int cpu);
const cpumask_t *numa_node_cpus(unsigned int node);
/* The masks of nodes 0 .. numa_nr_nodes() - 1, as one array. */
const cpumask_t *numa_node_masks(void);
unsigned int numa_distance(unsigned int a, unsigned int b);
u64 numa_node_bytes(unsigned int node);

#endif /* SIS_NUMA_H */
