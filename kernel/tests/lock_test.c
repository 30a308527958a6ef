/*
 * KTAP suites for spinlocks and the lock-order checker.
 *
 * "locks": what every build promises: a counter hammered by all CPUs
 * under one lock is exact, trylock fails while another CPU holds the
 * lock, irqsave nests and restores. With CONFIG_DEBUG_LOCK_ORDER, an A->B
 * / B->A inversion on two CPUs (never at the same time) is reported with
 * both class names, declared nesting in ascending order is accepted and
 * in descending order reported, and a class taken in an interrupt and
 * with interrupts on is reported.
 *
 * "lock_recursion", "lock_bad_unlock", "lock_lockup": explicit-only
 * suites that end in the panic CONFIG_DEBUG_SPINLOCK promises.
 */
#include <sis/ipi.h>
#include <sis/ktest.h>
#include <sis/lockorder.h>
#include <sis/percpu.h>
#include <sis/platform.h>
#include <sis/preempt.h>
#include <sis/sched.h>
#include <sis/smp.h>
#include <sis/spinlock.h>
#include <sis/string.h>
#include <sis/time.h>

#define HAMMER_ROUNDS 100000

/* counter_lock protects counter. */
static DEFINE_SPINLOCK(counter_lock);
static u64 counter;

/*
 * One task pinned to each CPU, interrupts on, as kernel code takes its
 * locks. (From an IPI handler, x86 could not halt a waiter, see
 * spinlock.h.)
 */
static int hammer(void *arg)
{
	unsigned int i;

	for (i = 0; i < HAMMER_ROUNDS; i++) {
		spin_lock(&counter_lock);
		counter++;
		spin_unlock(&counter_lock);
	}
	return 0;
}

/*
 * The same from cross-calls: interrupt context, interrupts off, where a
 * waiter may not halt (nothing of its priority can wake it before EOI).
 * Fewer rounds: such waiters spin, and emulated CPUs beyond the host's
 * cores spin slowly.
 */
#define IRQ_HAMMER_ROUNDS 2000

/*
 * irq_counter_lock protects irq_counter. Its own lock: one lock taken
 * both in interrupt context and with interrupts on is the IRQ-unsafe
 * pattern the lock-order checker reports.
 */
static DEFINE_SPINLOCK(irq_counter_lock);
static u64 irq_counter;

static void hammer_irq(void *arg)
{
	unsigned long flags;
	unsigned int i;

	for (i = 0; i < IRQ_HAMMER_ROUNDS; i++) {
		flags = spin_lock_irqsave(&irq_counter_lock);
		irq_counter++;
		spin_unlock_irqrestore(&irq_counter_lock, flags);
	}
}

static void test_counter_exact_in_irq(struct ktest *t)
{
	irq_counter = 0;
	smp_call_function_many(cpu_online_mask(), hammer_irq, NULL, true);
	KTEST_EXPECT_EQ(t, irq_counter, (u64)IRQ_HAMMER_ROUNDS * num_online_cpus());
}

static void test_counter_exact(struct ktest *t)
{
	static struct task *tasks[CONFIG_MAX_CPUS];	/* not on the stack at 512 CPUs */
	unsigned int cpu, n = 0;

	counter = 0;
	for (cpu = 0; cpu < CONFIG_MAX_CPUS; cpu++)
		if (cpu_is_online(cpu))
			tasks[n++] = task_create_on("hammer", hammer, NULL, SCHED_PRIO_DEFAULT,
						    cpu);
	for (cpu = 0; cpu < n; cpu++)
		if (KTEST_EXPECT(t, tasks[cpu] != NULL))
			task_join(tasks[cpu]);
	KTEST_EXPECT_EQ(t, counter, (u64)HAMMER_ROUNDS * n);
	KTEST_EXPECT(t, !spin_is_locked(&counter_lock));
}

struct pinned_call {
	void (*fn)(void *arg);
	void *arg;
};

static int pinned_call_task(void *arg)
{
	struct pinned_call *pc = arg;

	pc->fn(pc->arg);
	return 0;
}

/* Run fn(arg) in a task on cpu (task context, interrupts on) and wait. */
static void run_on(unsigned int cpu, void (*fn)(void *arg), void *arg)
{
	struct pinned_call pc = { fn, arg };
	struct task *t = task_create_on("lock_test", pinned_call_task, &pc, SCHED_PRIO_DEFAULT,
					cpu);

	if (t)
		task_join(t);
}

static DEFINE_SPINLOCK(try_lock);
static int try_result;

static void try_remote(void *arg)
{
	try_result = spin_trylock(&try_lock);
	if (try_result)
		spin_unlock(&try_lock);
}

static void test_trylock(struct ktest *t)
{
	unsigned int other = num_online_cpus() > 1 ? 1 : 0;

	spin_lock(&try_lock);
	KTEST_EXPECT(t, spin_is_locked(&try_lock));
	try_result = -1;
	if (other)
		run_on(other, try_remote, NULL);
	else
		try_result = spin_trylock(&try_lock);
	KTEST_EXPECT_EQ(t, try_result, 0);
	spin_unlock(&try_lock);
	try_result = -1;
	run_on(other, try_remote, NULL);
	KTEST_EXPECT_EQ(t, try_result, 1);
	KTEST_EXPECT(t, !spin_is_locked(&try_lock));
}

static DEFINE_SPINLOCK(outer_lock);
static DEFINE_SPINLOCK(inner_lock);

static void test_irqsave_nesting(struct ktest *t)
{
	unsigned long f1, f2;
	unsigned int pc = preempt_count();

	KTEST_EXPECT(t, arch_irqs_enabled());
	f1 = spin_lock_irqsave(&outer_lock);
	KTEST_EXPECT(t, !arch_irqs_enabled());
	f2 = spin_lock_irqsave(&inner_lock);
	KTEST_EXPECT_EQ(t, preempt_count(), pc + 2);
	spin_unlock_irqrestore(&inner_lock, f2);
	KTEST_EXPECT(t, !arch_irqs_enabled());	/* inner restores "off" */
	spin_unlock_irqrestore(&outer_lock, f1);
	KTEST_EXPECT(t, arch_irqs_enabled());
	KTEST_EXPECT_EQ(t, preempt_count(), pc);
}

/* The inversion: A then B on one CPU, later B then A on another. */
static DEFINE_SPINLOCK(lock_test_a);
static DEFINE_SPINLOCK(lock_test_b);

static void take_a_then_b(void *arg)
{
	spin_lock(&lock_test_a);
	spin_lock(&lock_test_b);
	spin_unlock(&lock_test_b);
	spin_unlock(&lock_test_a);
}

static void take_b_then_a(void *arg)
{
	spin_lock(&lock_test_b);
	spin_lock(&lock_test_a);
	spin_unlock(&lock_test_a);
	spin_unlock(&lock_test_b);
}

static void test_lockorder_inversion(struct ktest *t)
{
	unsigned int other, before;
	const char *r;

	if (!IS_ENABLED(CONFIG_DEBUG_LOCK_ORDER)) {
		ktest_skip(t, "CONFIG_DEBUG_LOCK_ORDER is off");
		return;
	}
	other = num_online_cpus() > 1 ? 1 : 0;
	before = lockorder_reports();
	run_on(0, take_a_then_b, NULL);
	KTEST_EXPECT_EQ(t, lockorder_reports(), before);
	run_on(other, take_b_then_a, NULL);
	KTEST_EXPECT_EQ(t, lockorder_reports(), before + 1);
	r = lockorder_last_report();
	ktest_log(t, "report: %s", r);
	KTEST_EXPECT(t, !strcmp(r, "cycle: lock_test_b -> lock_test_a -> lock_test_b"));
	/* Once per cycle: the same inversion again is not reported again. */
	run_on(other, take_b_then_a, NULL);
	KTEST_EXPECT_EQ(t, lockorder_reports(), before + 1);
}

static spinlock_t nest_locks[2];

static void test_lockorder_nesting(struct ktest *t)
{
	unsigned int before, i;

	if (!IS_ENABLED(CONFIG_DEBUG_LOCK_ORDER)) {
		ktest_skip(t, "CONFIG_DEBUG_LOCK_ORDER is off");
		return;
	}
	before = lockorder_reports();
	for (i = 0; i < 2; i++) {
		spin_lock_init(&nest_locks[i], "nest_test");	/* one class */
		spin_lock_set_order(&nest_locks[i], i);
	}
	spin_lock(&nest_locks[0]);
	spin_lock_nested(&nest_locks[1], 1);
	spin_unlock(&nest_locks[1]);
	spin_unlock(&nest_locks[0]);
	KTEST_EXPECT_EQ(t, lockorder_reports(), before);
	spin_lock(&nest_locks[1]);
	spin_lock_nested(&nest_locks[0], 1);	/* descending: reported */
	spin_unlock(&nest_locks[0]);
	spin_unlock(&nest_locks[1]);
	KTEST_EXPECT_EQ(t, lockorder_reports(), before + 1);
	KTEST_EXPECT(t, !strcmp(lockorder_last_report(), "nesting: nest_test"));
}

static DEFINE_SPINLOCK(irq_test_lock);
static int irq_took;

static void take_in_irq(void)
{
	spin_lock(&irq_test_lock);
	spin_unlock(&irq_test_lock);
	store_release(&irq_took, 1);
}

static void test_lockorder_irq_unsafe(struct ktest *t)
{
	unsigned int before;
	u64 start;

	if (!IS_ENABLED(CONFIG_DEBUG_LOCK_ORDER) || num_online_cpus() < 2) {
		ktest_skip(t, "needs CONFIG_DEBUG_LOCK_ORDER and two CPUs");
		return;
	}
	before = lockorder_reports();
	spin_lock(&irq_test_lock);	/* interrupts on */
	spin_unlock(&irq_test_lock);
	irq_took = 0;
	ipi_set_test_handler(take_in_irq);
	ipi_send(1, IPI_TEST);
	start = time_ns();
	while (!load_acquire(&irq_took) && time_ns() - start < 2 * NSEC_PER_SEC)
		arch_cpu_relax();
	ipi_set_test_handler(NULL);
	KTEST_EXPECT(t, load_acquire(&irq_took));
	KTEST_EXPECT_EQ(t, lockorder_reports(), before + 1);
	KTEST_EXPECT(t, !strcmp(lockorder_last_report(), "irq-unsafe: irq_test_lock"));
}

KTEST_SUITE(locks,
	KTEST_CASE(test_counter_exact),
	KTEST_CASE(test_counter_exact_in_irq),
	KTEST_CASE(test_trylock),
	KTEST_CASE(test_irqsave_nesting),
	KTEST_CASE_ONCE(test_lockorder_inversion),
	KTEST_CASE_ONCE(test_lockorder_nesting),
	KTEST_CASE_ONCE(test_lockorder_irq_unsafe));

/* Explicit-only: each ends in the panic lock debugging promises. */
static DEFINE_SPINLOCK(recursion_lock);

static void test_recursive_acquire(struct ktest *t)
{
	if (!IS_ENABLED(CONFIG_DEBUG_SPINLOCK)) {
		ktest_skip(t, "CONFIG_DEBUG_SPINLOCK is off");
		return;
	}
	spin_lock(&recursion_lock);
	spin_lock(&recursion_lock);	/* panics: recursive lock */
	KTEST_EXPECT(t, false);
}

KTEST_SUITE_EXPLICIT(lock_recursion, KTEST_CASE(test_recursive_acquire));

static DEFINE_SPINLOCK(stuck_lock);

static void hold_forever(void *arg)
{
	spin_lock(&stuck_lock);
	store_release((int *)arg, 1);
}

static void test_bad_unlock(struct ktest *t)
{
	int held = 0;

	if (!IS_ENABLED(CONFIG_DEBUG_SPINLOCK) || num_online_cpus() < 2) {
		ktest_skip(t, "needs CONFIG_DEBUG_SPINLOCK and two CPUs");
		return;
	}
	smp_call_function_single(1, hold_forever, &held, true);
	spin_unlock(&stuck_lock);	/* panics: CPU 1 holds it */
	KTEST_EXPECT(t, false);
}

KTEST_SUITE_EXPLICIT(lock_bad_unlock, KTEST_CASE(test_bad_unlock));

static void test_lockup(struct ktest *t)
{
	int held = 0;

	if (!IS_ENABLED(CONFIG_DEBUG_SPINLOCK) || num_online_cpus() < 2) {
		ktest_skip(t, "needs CONFIG_DEBUG_SPINLOCK and two CPUs");
		return;
	}
	smp_call_function_single(1, hold_forever, &held, true);
	spin_lock(&stuck_lock);		/* never granted: lockup report, panic */
	KTEST_EXPECT(t, false);
}

KTEST_SUITE_EXPLICIT(lock_lockup, KTEST_CASE(test_lockup));
