/*
 * Per-CPU storage and the online set (include/sis/percpu.h). CPU 0's
 * struct percpu is static; the others' are one block from the page
 * allocator, sized for the CPUs the topology found, so a kernel built for
 * 512 CPUs pays for the 4 it runs on. A CPU publishes that it is up by
 * setting its own online flag with release order (kernel/smp.c), so
 * whoever sees the flag with acquire order also sees the CPU's setup.
 * The online mask follows the flags (each bit changed by its CPU,
 * atomically): one read per 64 CPUs instead of one per CPU.
 */
#include <sis/errno.h>
#include <sis/mm.h>
#include <sis/percpu.h>
#include <sis/string.h>

struct percpu percpu_boot;
struct percpu *percpu_ptr[CONFIG_MAX_CPUS] = { &percpu_boot };
static cpumask_t online_mask;

int percpu_alloc(unsigned int n)
{
	size_t bytes = (n > 1 ? n - 1 : 0) * sizeof(struct percpu);
	size_t pages = (bytes + PAGE_SIZE - 1) / PAGE_SIZE;
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
	return 0;
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
