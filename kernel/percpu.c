/*
 * Per-CPU storage and the online set (include/sis/percpu.h). Each CPU's
 * struct percpu lives here; a CPU publishes that it is up by setting
 * its own online flag with release order (kernel/smp.c), so whoever sees
 * the flag with acquire order also sees the CPU's setup. The online mask
 * follows the flags (each bit changed by its CPU, atomically): one read
 * per 64 CPUs instead of one per CPU.
 */
#include <sis/percpu.h>

struct percpu percpu_area[CONFIG_MAX_CPUS];
static cpumask_t online_mask;

bool cpu_is_online(unsigned int cpu)
{
	return cpu < CONFIG_MAX_CPUS && load_acquire(&percpu_of(cpu)->online);
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
