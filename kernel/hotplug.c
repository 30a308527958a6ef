/*
 * CPU hotplug (include/sis/hotplug.h): the stages of going down, in the
 * order they run, and coming back through the boot path.
 *
 * The requesting task checks, then starts the CPU's stopper: a task of
 * the highest priority pinned to the dying CPU, which preempts whatever
 * runs there and does the rest on that CPU, each stage before the next.
 * The requester waits for the stopper's last word (dead) and takes the
 * CPU out of the scheduler's books. The stopper's stack stays allocated
 * until the CPU is started again: the CPU may be using it up to the
 * moment the enable method turns it off (or INIT resets it).
 *
 * hotplug_busy serialises operations (a task may sleep while holding
 * it); the per-CPU state below is written only under it, except dead,
 * which the dying CPU publishes with release order.
 */
#include <sis/arch.h>
#include <sis/clockevent.h>
#include <sis/cpu_ops.h>
#include <sis/errno.h>
#include <sis/hotplug.h>
#include <sis/ipi.h>
#include <sis/irq.h>
#include <sis/percpu.h>
#include <sis/platform.h>
#include <sis/printk.h>
#include <sis/sched.h>
#include <sis/smp.h>
#include <sis/time.h>
#include <sis/topology.h>

#define REASON_MAX	160

struct hotplug_cpu {
	struct task *stopper;	/* the last task the CPU ran, until reaped */
	int dead;		/* set by the dying CPU, release order */
	u64 cycles;		/* times it went down and came back */
};

static struct hotplug_cpu hp[CONFIG_MAX_CPUS];
static int hotplug_busy;

static void hotplug_lock(void)
{
	int expected = 0;

	while (!__atomic_compare_exchange_n(&hotplug_busy, &expected, 1, false,
					    __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) {
		expected = 0;
		sleep_ms(1);
	}
}

static void hotplug_unlock(void)
{
	store_release(&hotplug_busy, 0);
}

static int refuse(unsigned int cpu, const char *stage, int err, const char *why)
{
	pr_warn("[HOTPLUG] core%u stays online (%s): %s\n", cpu, stage, why);
	return err;
}

/* Why cpu cannot go down now, with the error to return; NULL: it can. */
static const char *down_refusal(unsigned int cpu, int *err)
{
	const struct cpu_enable_method *m = platform.enable_method;
	const char *why;

	*err = -EINVAL;
	if (cpu >= nr_cpu_ids)
		return "no such CPU";
	*err = -EPERM;
	if (cpu == 0)
		return "CPU 0 is the boot CPU: it runs the periodic balancer and the boot "
		       "task, and never goes offline";
	*err = -ENOTSUP;
	if (!m || !m->stop)
		return "its enable method cannot take a CPU back";
	why = m->stop_refusal ? m->stop_refusal(cpu) : NULL;
	if (why)
		return why;
	*err = -EALREADY;
	if (!cpu_is_online(cpu))
		return "it is not online";
	*err = -EBUSY;
	if (num_online_cpus() <= 1)
		return "it is the last CPU online";
	return NULL;
}

const char *cpu_down_refusal(unsigned int cpu)
{
	int err;

	return down_refusal(cpu, &err);
}

/* ---------------------------------------------------------------- going down */

/* The stages that run on the dying CPU itself; the last never returns. */
static int stopper_fn(void *arg)
{
	unsigned int cpu = smp_processor_id(), to;
	struct hotplug_cpu *h = arg;
	cpumask_t cpus;

	sched_cpu_dying(cpu);			/* sched */
	arch_irq_disable();
	timer_stop_cpu(cpu);			/* tick */
	cpus = sched_cpus_now();
	to = cpumask_first(&cpus);
	irq_move_from(cpu, to);			/* irqs */
	smp_call_cpu_offline();			/* offline */
	irq_cpu_off(cpu);			/* irqchip */
	store_release(&h->dead, 1);		/* dead */
	platform.enable_method->stop(cpu);
	arch_halt();				/* stop() does not return */
}

/*
 * A CPU is online a moment before it joins the scheduler (secondary_main):
 * wait for that moment to pass, so that "online" means "in service".
 */
static bool wait_sched_active(unsigned int cpu)
{
	u64 deadline = time_ns() + HOTPLUG_DEAD_TIMEOUT_MS * 1000000ull;

	while (!sched_cpu_active(cpu)) {
		if (time_ns() > deadline)
			return false;
		sleep_ms(1);
	}
	return true;
}

static bool wait_dead(struct hotplug_cpu *h)
{
	u64 deadline = time_ns() + HOTPLUG_DEAD_TIMEOUT_MS * 1000000ull;

	while (!load_acquire(&h->dead)) {
		if (time_ns() > deadline)
			return false;
		sleep_ms(1);
	}
	return true;
}

static int do_cpu_down(unsigned int cpu, unsigned int flags)
{
	struct hotplug_cpu *h = &hp[cpu];
	char buf[REASON_MAX];
	const char *why;
	cpumask_t one;
	int err;

	why = down_refusal(cpu, &err);
	if (why)
		return refuse(cpu, "check", err, why);
	if (!wait_sched_active(cpu))
		return refuse(cpu, "check", -EBUSY, "it is online but never joined the scheduler");
	why = sched_cpu_pinned(cpu, flags & CPU_DOWN_FORCE, buf, sizeof(buf));
	if (why)
		return refuse(cpu, "check", -EBUSY, why);
	h->dead = 0;
	snprintf(buf, sizeof(buf), "cpuhp/%u", cpu);
	one = cpumask_of(cpu);
	h->stopper = task_create_err(stopper_fn, h, SCHED_PRIO_MAX, &one, buf, &err);
	if (!h->stopper)
		return refuse(cpu, "stopper", err, "no task to take the CPU over");
	if (!wait_dead(h)) {
		/* It went off the rails mid-way: the books cannot be trusted to close. */
		pr_err("[HOTPLUG] core%u: no word from its stopper after %d ms\n", cpu,
		       HOTPLUG_DEAD_TIMEOUT_MS);
		return -ETIMEDOUT;
	}
	sched_cpu_dead(cpu, h->stopper);
	pr_info("[HOTPLUG] core%u offline\n", cpu);
	return 0;
}

int cpu_down(unsigned int cpu, unsigned int flags)
{
	int err;

	hotplug_lock();
	err = do_cpu_down(cpu, flags);
	hotplug_unlock();
	return err;
}

/* ---------------------------------------------------------------- coming up */

static int do_cpu_up(unsigned int cpu)
{
	const struct cpu_enable_method *m = platform.enable_method;
	struct hotplug_cpu *h = &hp[cpu];
	int err;

	if (cpu >= nr_cpu_ids)
		return refuse(cpu, "check", -EINVAL, "no such CPU");
	if (cpu_is_online(cpu))
		return -EALREADY;
	if (!h->stopper)
		return refuse(cpu, "check", -ENOTSUP,
			      "it never went offline (a CPU that failed at boot is not retried)");
	if (m->wait_off) {
		err = m->wait_off(cpu, cpu_hwid(cpu));
		if (err)
			return refuse(cpu, "wait_off", err, "the firmware never reported it off");
	}
	err = smp_start_cpu(cpu);
	if (err)
		return err;		/* smp_start_cpu() said why; it stays offline */
	/* Back in service means online and in the scheduler. */
	wait_sched_active(cpu);
	sched_task_reap(h->stopper);	/* reset and running elsewhere: its stack is free */
	h->stopper = NULL;
	h->cycles++;
	pr_info("[HOTPLUG] core%u online again\n", cpu);
	return 0;
}

int cpu_up(unsigned int cpu)
{
	int err;

	hotplug_lock();
	err = do_cpu_up(cpu);
	hotplug_unlock();
	return err;
}
