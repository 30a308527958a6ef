/*
 * KTAP suites "hotplug" and "hotplug_stress" (kernel/hotplug.c).
 *
 * hotplug: every CPU but CPU 0 goes offline and comes back with its own
 * hardware id, its counters carried on and its tick running again; a
 * task pinned to the CPU makes cpu_down() refuse, and with
 * CPU_DOWN_FORCE the task runs on elsewhere; CPU 0 and a CPU that does
 * not exist are refused; cross-calls to an offline CPU fail at once and
 * those to every CPU skip it; a TLB shootdown completes with a CPU
 * offline; a device interrupt routed to a CPU moves off it.
 *
 * hotplug_stress (explicit: it takes seconds): 200 off/on cycles of
 * random CPUs while tasks on the others add to a shared counter and
 * stream messages through a port across CPUs: the counter is exact,
 * every message arrives once and in order, and no task is lost.
 */
#include <sis/cpu_ops.h>
#include <sis/errno.h>
#include <sis/hotplug.h>
#include <sis/ipc.h>
#include <sis/ipi.h>
#include <sis/irq.h>
#include <sis/ktest.h>
#include <sis/percpu.h>
#include <sis/platform.h>
#include <sis/sched.h>
#include <sis/spinlock.h>
#include <sis/string.h>
#include <sis/time.h>
#include <sis/tlb.h>
#include <sis/topology.h>

#define TICK_WAIT_MS	(3 * 1000 / CONFIG_SCHED_HZ + 20)
#define STRESS_CYCLES	200
#define STRESS_WORKERS	3
#define STRESS_PORT_CAP	16
#define TASKS_MAX	256

static u64 seen_hwid;
static int calls[CONFIG_MAX_CPUS];

static void record_hwid(void *arg)
{
	seen_hwid = arch_cpu_hwid();
}

static void count_call(void *arg)
{
	__atomic_add_fetch(&calls[smp_processor_id()], 1, __ATOMIC_RELAXED);
}

static bool need_cpus(struct ktest *t, unsigned int n)
{
	if (num_online_cpus() >= n)
		return true;
	ktest_skip(t, "needs more CPUs online");
	return false;
}

/*
 * Two CPUs, and an enable method that takes a CPU back (spin-table
 * cannot: the Pi 3 and 4); else the case is skipped with the reason.
 */
static bool need_hotplug(struct ktest *t)
{
	const char *why;

	if (!need_cpus(t, 2))
		return false;
	why = cpu_down_refusal(nr_cpu_ids - 1);
	if (!why)
		return true;
	ktest_skip(t, why);
	return false;
}

static u64 ticks_of(unsigned int cpu)
{
	return READ_ONCE(percpu_of(cpu)->ticks);
}

static int spin_ms(void *arg)
{
	u64 end = time_ns() + (uintptr_t)arg * 1000000ull;

	while (time_ns() < end)
		arch_cpu_relax();
	return 0;
}

/* Keep cpu busy for ms: a busy CPU ticks even where idle ones stop their tick. */
static void busy_on(struct ktest *t, unsigned int cpu, unsigned int ms)
{
	struct task *task = task_create_on("busy", spin_ms, (void *)(uintptr_t)ms,
					   SCHED_PRIO_DEFAULT, cpu);

	if (KTEST_EXPECT(t, task != NULL))
		task_join(task);
}

/* Down and up: offline in every view, back with its hardware id and a running tick. */
static void cycle_one(struct ktest *t, unsigned int cpu)
{
	u64 ticks, irqs_before = irq_handler_count(0, cpu);
	struct sched_stats before, after;

	sched_cpu_stats(cpu, &before);
	KTEST_EXPECT_EQ(t, cpu_down(cpu, 0), 0);
	KTEST_EXPECT(t, !cpu_is_online(cpu));
	KTEST_EXPECT(t, !cpumask_test_atomic(cpu_online_mask(), cpu));
	KTEST_EXPECT(t, !sched_cpu_active(cpu));
	KTEST_EXPECT_EQ(t, cpu_down(cpu, 0), -EALREADY);
	ticks = ticks_of(cpu);
	sleep_ms(TICK_WAIT_MS);
	KTEST_EXPECT_EQ(t, ticks_of(cpu), ticks);	/* its tick stopped */
	KTEST_EXPECT_EQ(t, cpu_up(cpu), 0);
	KTEST_EXPECT(t, cpu_is_online(cpu));
	KTEST_EXPECT(t, sched_cpu_active(cpu));
	KTEST_EXPECT_EQ(t, cpu_up(cpu), -EALREADY);
	seen_hwid = ~0ull;
	KTEST_EXPECT_EQ(t, smp_call_function_single(cpu, record_hwid, NULL, true), 0);
	KTEST_EXPECT_EQ(t, seen_hwid, cpu_hwid(cpu));
	busy_on(t, cpu, TICK_WAIT_MS);
	KTEST_EXPECT(t, ticks_of(cpu) > ticks);		/* ticking again, counted on */
	sched_cpu_stats(cpu, &after);
	KTEST_EXPECT(t, after.switches >= before.switches);
	KTEST_EXPECT(t, irq_handler_count(0, cpu) >= irqs_before);
}

static void test_every_cpu_cycles(struct ktest *t)
{
	unsigned int cpu;

	if (!need_hotplug(t))
		return;
	for (cpu = 1; cpu < nr_cpu_ids; cpu++)
		if (cpu_is_online(cpu))
			cycle_one(t, cpu);
	KTEST_EXPECT_EQ(t, num_online_cpus(), nr_cpu_ids);
}

static void test_refusals(struct ktest *t)
{
	unsigned int cpu;

	KTEST_EXPECT_EQ(t, cpu_down(0, 0), -EPERM);
	KTEST_EXPECT(t, cpu_is_online(0));
	KTEST_EXPECT_EQ(t, cpu_down(nr_cpu_ids, 0), -EINVAL);
	KTEST_EXPECT_EQ(t, cpu_up(nr_cpu_ids), -EINVAL);
	KTEST_EXPECT(t, cpu_down_refusal(0) != NULL);
	if (!need_cpus(t, 2))
		return;
	if (!platform.enable_method->stop) {	/* refused cleanly, the CPU untouched */
		KTEST_EXPECT_EQ(t, cpu_down(1, 0), -ENOTSUP);
		KTEST_EXPECT(t, cpu_is_online(1));
		return;
	}
	if (!need_hotplug(t))
		return;
	/* Everyone else off: CPU 0, the last one, stays; all come back. */
	for (cpu = 1; cpu < nr_cpu_ids; cpu++)
		KTEST_EXPECT_EQ(t, cpu_down(cpu, 0), 0);
	KTEST_EXPECT_EQ(t, num_online_cpus(), 1);
	KTEST_EXPECT(t, cpu_down(0, 0) < 0);
	KTEST_EXPECT(t, cpu_is_online(0));
	for (cpu = 1; cpu < nr_cpu_ids; cpu++)
		KTEST_EXPECT_EQ(t, cpu_up(cpu), 0);
	KTEST_EXPECT_EQ(t, num_online_cpus(), nr_cpu_ids);
}

struct pinned {
	volatile int stop;
	u64 loops;
};

static int pinned_fn(void *arg)
{
	struct pinned *p = arg;

	while (!READ_ONCE(p->stop)) {
		WRITE_ONCE(p->loops, p->loops + 1);
		sleep_ms(1);
	}
	return 0;
}

static void test_pinned_task(struct ktest *t)
{
	unsigned int cpu = nr_cpu_ids - 1;
	struct pinned p = { 0 };
	struct task *task;
	u64 loops;

	if (!need_hotplug(t))
		return;
	task = task_create_on("pinned", pinned_fn, &p, SCHED_PRIO_DEFAULT, cpu);
	KTEST_EXPECT(t, task != NULL);
	if (!task)
		return;
	sleep_ms(5);
	KTEST_EXPECT_EQ(t, cpu_down(cpu, 0), -EBUSY);
	KTEST_EXPECT(t, cpu_is_online(cpu));
	KTEST_EXPECT_EQ(t, cpu_down(cpu, CPU_DOWN_FORCE), 0);
	loops = READ_ONCE(p.loops);
	sleep_ms(20);
	KTEST_EXPECT(t, READ_ONCE(p.loops) > loops);	/* it runs on elsewhere */
	KTEST_EXPECT(t, task_cpu(task) != cpu);
	KTEST_EXPECT_EQ(t, cpu_up(cpu), 0);
	WRITE_ONCE(p.stop, 1);
	KTEST_EXPECT_EQ(t, task_join(task), 0);
}

static void test_calls_skip_offline(struct ktest *t)
{
	unsigned int cpu = nr_cpu_ids - 1, c;
	u64 start;

	if (!need_hotplug(t))
		return;
	KTEST_EXPECT_EQ(t, cpu_down(cpu, 0), 0);
	start = time_ns();
	KTEST_EXPECT_EQ(t, smp_call_function_single(cpu, count_call, NULL, true), -EINVAL);
	memset(calls, 0, sizeof(calls));
	KTEST_EXPECT_EQ(t, smp_call_function_many(cpu_all_mask, count_call, NULL, true), 0);
	for (c = 0; c < nr_cpu_ids; c++)
		KTEST_EXPECT_EQ(t, calls[c], c == cpu ? 0 : 1);
	tlb_flush_kernel_range(0, 0);		/* a shootdown with a CPU offline */
	KTEST_EXPECT(t, time_ns() - start < 1000000000ull);
	KTEST_EXPECT_EQ(t, cpu_up(cpu), 0);
	memset(calls, 0, sizeof(calls));
	KTEST_EXPECT_EQ(t, smp_call_function_many(cpu_all_mask, count_call, NULL, true), 0);
	KTEST_EXPECT_EQ(t, calls[cpu], 1);
}

/* The first routed device line (the console's UART), or -1. */
static int routed_line(void)
{
	unsigned int slot, irq;

	for (slot = 0; irq_handler_info(slot, &irq); slot++)
		if (irq_routed_cpu(irq) >= 0)
			return (int)irq;
	return -1;
}

static void test_irq_moves_off(struct ktest *t)
{
	unsigned int cpu = nr_cpu_ids - 1;
	int irq = routed_line(), home;

	if (!need_hotplug(t))
		return;
	if (irq < 0) {
		ktest_skip(t, "no routed device interrupt");
		return;
	}
	home = irq_routed_cpu((unsigned int)irq);
	KTEST_EXPECT(t, irq_move_from((unsigned int)home, cpu) >= 1);
	KTEST_EXPECT_EQ(t, irq_routed_cpu((unsigned int)irq), cpu);
	KTEST_EXPECT_EQ(t, cpu_down(cpu, 0), 0);
	KTEST_EXPECT(t, irq_routed_cpu((unsigned int)irq) != (int)cpu);
	KTEST_EXPECT(t, cpu_is_online((unsigned int)irq_routed_cpu((unsigned int)irq)));
	KTEST_EXPECT_EQ(t, cpu_up(cpu), 0);
	irq_move_from((unsigned int)irq_routed_cpu((unsigned int)irq), (unsigned int)home);
	KTEST_EXPECT_EQ(t, irq_routed_cpu((unsigned int)irq), home);
}

KTEST_SUITE(hotplug,
	    KTEST_CASE(test_every_cpu_cycles),
	    KTEST_CASE(test_refusals),
	    KTEST_CASE(test_pinned_task),
	    KTEST_CASE(test_calls_skip_offline),
	    KTEST_CASE(test_irq_moves_off));

/* ---------------------------------------------------------------- stress */

struct stress {
	spinlock_t lock;
	u64 counter;		/* under lock */
	u64 added[STRESS_WORKERS];	/* what each adder added: its own */
	struct port *port;
	u64 sent, received, out_of_order;
	int done;		/* the cycles are over: workers finish */
};

struct adder_arg {
	struct stress *s;
	unsigned int i;
};

/* Adds to the shared counter until the cycles are over; counts its own adds. */
static int adder(void *arg)
{
	struct adder_arg *a = arg;
	struct stress *s = a->s;
	u64 n = 0;

	while (!load_acquire(&s->done)) {
		spin_lock(&s->lock);
		s->counter++;
		spin_unlock(&s->lock);
		if (++n % 256 == 0)
			yield();
	}
	s->added[a->i] = n;
	return 0;
}

static int sender(void *arg)
{
	struct stress *s = arg;
	struct msg m = { 0 };

	while (!load_acquire(&s->done)) {
		m.tag = s->sent;
		if (port_send(s->port, &m))
			return -EIO;
		s->sent++;
	}
	port_close(s->port);
	return 0;
}

static int receiver(void *arg)
{
	struct stress *s = arg;
	struct msg m;

	while (port_recv(s->port, &m) == 0) {
		if (m.tag != s->received)
			s->out_of_order++;
		s->received++;
	}
	return 0;
}

static unsigned int count_tasks(void)
{
	static struct task_info info[TASKS_MAX];

	return sched_task_snapshot(info, TASKS_MAX);
}

static void test_stress(struct ktest *t)
{
	static struct stress s;
	static struct adder_arg args[STRESS_WORKERS];
	struct task *tasks[STRESS_WORKERS + 2];
	unsigned int i, n = 0, before, cycles, failed = 0;
	int err;
	u64 seed = time_ns() | 1, total = 0;

	if (!need_hotplug(t))
		return;
	memset(&s, 0, sizeof(s));
	spin_lock_init(&s.lock, "hotplug_stress");
	s.port = port_create(STRESS_PORT_CAP);
	before = count_tasks();
	for (i = 0; i < STRESS_WORKERS; i++) {
		args[i] = (struct adder_arg){ &s, i };
		tasks[n++] = task_create_named("adder", adder, &args[i], SCHED_PRIO_DEFAULT,
					       cpu_all_mask);
	}
	tasks[n++] = task_create_named("sender", sender, &s, SCHED_PRIO_DEFAULT, cpu_all_mask);
	tasks[n++] = task_create_named("receiver", receiver, &s, SCHED_PRIO_DEFAULT,
				       cpu_all_mask);
	for (cycles = 0; cycles < STRESS_CYCLES; cycles++) {
		unsigned int cpu;

		seed ^= seed << 13;
		seed ^= seed >> 7;
		seed ^= seed << 17;
		cpu = 1 + (unsigned int)(seed % (nr_cpu_ids - 1));
		err = cpu_down(cpu, 0);
		if (!err)
			err = cpu_up(cpu);
		if (err) {
			ktest_log(t, "cycle %u, core%u: %s", cycles, cpu, err_name(err));
			failed++;
		}
	}
	store_release(&s.done, 1);
	for (i = 0; i < n; i++) {
		KTEST_EXPECT(t, tasks[i] != NULL);
		if (tasks[i])
			KTEST_EXPECT_EQ(t, task_join(tasks[i]), 0);
	}
	for (i = 0; i < STRESS_WORKERS; i++)
		total += s.added[i];
	KTEST_EXPECT_EQ(t, failed, 0);
	KTEST_EXPECT_EQ(t, num_online_cpus(), nr_cpu_ids);
	KTEST_EXPECT_EQ(t, s.counter, total);
	KTEST_EXPECT(t, total > 0);
	KTEST_EXPECT_EQ(t, s.received, s.sent);
	KTEST_EXPECT(t, s.sent > 0);
	KTEST_EXPECT_EQ(t, s.out_of_order, 0);
	KTEST_EXPECT_EQ(t, count_tasks(), before);
	ktest_log(t, "%u cycles; %llu adds, %llu messages", cycles, (unsigned long long)total,
		  (unsigned long long)s.sent);
	port_destroy(s.port);
}

KTEST_SUITE_EXPLICIT(hotplug_stress, KTEST_CASE(test_stress));
