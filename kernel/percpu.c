/*
 * Per-CPU storage and the online set (include/sis/percpu.h). CPU 0's
 * struct percpu is static; the others' are one block from the page
 * allocator, sized for the CPUs the topology found, so a kernel built for
 * 512 CPUs pays for the 4 it runs on; on a NUMA machine each node's
 * areas then move to that node's memory (percpu_to_nodes). A CPU publishes that it is up by
 * setting its own online flag with release order (kernel/smp.c), so
 * whoever sees the flag with acquire order also sees the CPU's setup.
 * The online mask follows the flags (each bit changed by its CPU,
 * atomically): one read per 64 CPUs instead of one per CPU.
 */
#include <sis/errno.h>
#include <sis/mm.h>
#include <sis/numa.h>
#include <sis/percpu.h>
#include <sis/string.h>
#include <sis/topology.h>

struct percpu percpu_boot;
struct percpu *percpu_ptr[CONFIG_MAX_CPUS] = { &percpu_boot };
static cpumask_t online_mask;

static struct percpu *first_block;	/* percpu_alloc's, until percpu_to_nodes */
static size_t first_pages;

static size_t pages_for(unsigned int areas)
{
	return (areas * sizeof(struct percpu) + PAGE_SIZE - 1) / PAGE_SIZE;
}

int percpu_alloc(unsigned int n)
{
	size_t pages = pages_for(n > 1 ? n - 1 : 0);
	struct percpu *block;
	unsigned int cpu;

	if (!pages)
		return 0;
	block = page_alloc(pages);	/* page aligned: every area on its own cache lines */
	if (!block)
		return -ENOMEM;
	memset(block, 0, pages * PAGE_SIZE);
	for (cpu = 1; cpu < n && cpu < CONFIG_MAX_CPUS; cpu++)
		percpu_ptr[cpu] = &block[cpu - 1];
	first_block = block;
	first_pages = pages;
	return 0;
}

/*
 * Move each node's CPUs' areas (CPU 0's is static) into one block of
 * that node's memory. Only numa_init() calls it, before any other CPU
 * runs and before anything but percpu_ptr[] points at an area, so a copy
 * is a move. A node whose memory is full keeps its CPUs where they were.
 */
void percpu_to_nodes(void)
{
	unsigned int node, cpu, n, moved = 0;
	struct percpu *block;
	size_t pages;

	for (node = 0; node < numa_nr_nodes(); node++) {
		n = 0;
		for_each_cpu(cpu, numa_node_cpus(node))
			n += cpu != 0;
		pages = pages_for(n);
		if (!n || !(block = page_alloc_node(pages, node)))
			continue;
		memset(block, 0, pages * PAGE_SIZE);
		for_each_cpu(cpu, numa_node_cpus(node)) {
			if (cpu == 0)
				continue;
			*block = *percpu_ptr[cpu];
			percpu_ptr[cpu] = block++;
			moved++;
		}
	}
	if (first_block && moved == nr_cpu_ids - 1)
		page_free(first_block, first_pages);
	first_block = NULL;
}

bool cpu_is_online(unsigned int cpu)
{
	return cpu < CONFIG_MAX_CPUS && percpu_ptr[cpu] && load_acquire(&percpu_ptr[cpu]->online);
}

void cpu_set_online(struct percpu *p, bool online)
{
	if (online) {
		cpumask_set_atomic(&online_mask, p->cpu);
		store_release(&p->online, 1);
	} else {
		store_release(&p->online, 0);
		cpumask_clear_atomic(&online_mask, p->cpu);
	}
}

const cpumask_t *cpu_online_mask(void)
{
	return &online_mask;
}

unsigned int num_online_cpus(void)
{
	cpumask_t m;

	cpumask_copy_atomic(&m, &online_mask);
	return cpumask_weight(&m);
}
