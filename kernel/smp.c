/*
 * Bringing the secondary CPUs online. The boot CPU starts each possible
 * CPU through the platform's enable method and waits for it to publish
 * its online flag; a CPU that fails or never answers is reported and
 * left out, never fatal.
 *
 * Publish order: topology_init() wrote percpu->{cpu,hwid} and the boot
 * CPU writes percpu->stack_top before start(); the enable method's own
 * hardware/firmware handshake orders those writes before the secondary
 * runs. The secondary finishes all of
 * its per-CPU setup, then sets online with release; the boot CPU reads it
 * with acquire, so everything the secondary did is visible after.
 */
#include <sis/clockevent.h>
#include <sis/cpu_ops.h>
#include <sis/errno.h>
#include <sis/ipi.h>
#include <sis/irq.h>
#include <sis/mm.h>
#include <sis/numa.h>
#include <sis/panic.h>
#include <sis/percpu.h>
#include <sis/platform.h>
#include <sis/printk.h>
#include <sis/sched.h>
#include <sis/smp.h>
#include <sis/time.h>
#include <sis/topology.h>

#define SMP_STACK_SIZE (16 * 1024)

static const char *start_error(int err)
{
	const struct cpu_enable_method *m = platform.enable_method;

	if (m->strerror && m->strerror(err))
		return m->strerror(err);
	return err_name(err);
}

static bool wait_online(struct percpu *p)
{
	u64 deadline = time_ns() + SMP_ONLINE_TIMEOUT_MS * 1000000ull;

	while (!load_acquire(&p->online)) {
		if (time_ns() > deadline)
			return false;
		smp_call_poll();
		arch_cpu_relax();
	}
	return true;
}

/*
 * Start cpu at the secondary entry and wait for it to come online: 0, or
 * a negative error after one line saying why. A CPU started again
 * (hotplug) keeps its boot stack: nothing else ever runs on it.
 */
int smp_start_cpu(unsigned int cpu)
{
	struct percpu *p = percpu_of(cpu);
	char id[24];
	int err;

	hwid_str(cpu_hwid(cpu), id, sizeof(id));
	p->self = p;
	if (!p->stack_top)
		p->stack_top = stack_alloc_node(SMP_STACK_SIZE, cpu_to_node(cpu));
	if (!p->stack_top) {
		pr_err("[SMP] CPU %u (%s) did not come online: no memory for its stack\n", cpu, id);
		return -ENOMEM;
	}
	smp_mb();	/* percpu fields before the CPU can run */
	err = platform.enable_method->start(cpu, cpu_hwid(cpu), arch_secondary_entry(),
					    (uintptr_t)p);
	if (err) {
		pr_err("[SMP] CPU %u (%s) did not come online: %s\n", cpu, id,
		       start_error(err));
		return err;
	}
	if (!wait_online(p)) {
		pr_err("[SMP] CPU %u (%s) did not come online: no answer after %d ms\n",
		       cpu, id, SMP_ONLINE_TIMEOUT_MS);
		return -ETIMEDOUT;
	}
	return 0;
}

void smp_init(void)
{
	const struct cpu_enable_method *m = platform.enable_method;
	unsigned int cpu;
	char id[24];
	int err;

	pr_info("[SMP] BSP online (%s=%s)\n", ARCH_HWID_NAME,
		hwid_str(cpu_hwid(0), id, sizeof(id)));
	cpu_set_online(percpu_of(0), true);
	/* CONFIG_MAX_CPUS == 1 compiles the start loop out altogether. */
	if (CONFIG_MAX_CPUS > 1 && nr_cpu_ids > 1 && !m) {
		pr_err("[SMP] no CPU enable method: staying on one CPU\n");
	} else if (CONFIG_MAX_CPUS > 1 && nr_cpu_ids > 1) {
		err = m->prepare ? m->prepare(platform.enable_method_dev) : 0;
		if (err)
			pr_err("[SMP] %s: cannot start secondary CPUs: %s\n", m->match.name,
			       start_error(err));
		for (cpu = 1; !err && cpu < nr_cpu_ids; cpu++)
			smp_start_cpu(cpu);
	}
	pr_info("[SMP] %u CPU(s) online\n", num_online_cpus());
	/* The kernel's own view of bring-up, for make bench. */
	pr_info("[SMP] all CPUs online in %llu us\n",
		(unsigned long long)ticks_to_ns(arch_counter_read() - boot_counter_start) / 1000);
}

/* A secondary CPU, with its stack, per-CPU pointer, vectors and MMU set. */
void secondary_main(struct percpu *p)
{
	char id[24];

	irq_init_cpu(p->cpu);
	ipi_init_cpu(p->cpu);
	timer_init_cpu(p->cpu);
	pr_info("[SMP] AP#%u online (%s=%s)\n", p->cpu, ARCH_HWID_NAME,
		hwid_str(arch_cpu_hwid(), id, sizeof(id)));
	cpu_set_online(p, true);
	sched_start_cpu();	/* this code becomes the CPU's idle task */
}
