/*
 * Per-CPU storage and the online set (include/sis/percpu.h). Each CPU's
 * struct percpu lives here; a CPU publishes that it is up by setting
 * its own online flag with release order (kernel/smp.c), so whoever sees
 * the flag with acquire order also sees the CPU's setup.
 */
#include <sis/percpu.h>

struct percpu percpu_area[CONFIG_MAX_CPUS];

bool cpu_is_online(unsigned int cpu)
{
	return cpu < CONFIG_MAX_CPUS && load_acquire(&percpu_of(cpu)->online);
}

cpumask_t cpu_online_mask(void)
{
	cpumask_t mask = 0;
	unsigned int cpu;

	for (cpu = 0; cpu < CONFIG_MAX_CPUS; cpu++)
		if (cpu_is_online(cpu))
			mask |= BIT(cpu);
	return mask;
}

unsigned int num_online_cpus(void)
{
	return cpumask_weight(cpu_online_mask());
}

unsigned int cpumask_nth(cpumask_t mask, unsigned int n)
{
	unsigned int cpu, count = cpumask_weight(mask);

	if (!count)
		return 0;
	n %= count;
	for (cpu = 0; cpu < CONFIG_MAX_CPUS; cpu++)
		if ((mask & BIT(cpu)) && n-- == 0)
			break;
	return cpu;
}
