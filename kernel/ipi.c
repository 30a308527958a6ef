/*
 * IPIs and cross-calls, carried by the irqchip (GIC SGIs, LAPIC vectors).
 *
 * A cross-call is a struct call_data shared by its targets. Each target
 * CPU has a ring of pending calls (its call_queue, guarded by
 * call_queue.lock); the sender pushes a pointer on every target's ring,
 * sends IPI_CALL_FUNC, and, when waiting, spins on call_data.pending
 * while running its own queue, so two CPUs calling each other cannot
 * deadlock.
 *
 * A CPU going offline leaves the online set under its own queue's lock
 * (smp_call_cpu_offline) and then runs what is queued: a sender checks
 * that its target is online under the same lock, so a call is either
 * queued before and run, or never queued and not waited for.
 */
#include <sis/errno.h>
#include <sis/ipi.h>
#include <sis/irq.h>
#include <sis/irqchip.h>
#include <sis/mm.h>
#include <sis/panic.h>
#include <sis/percpu.h>
#include <sis/platform.h>
#include <sis/printk.h>
#include <sis/sched.h>
#include <sis/smp.h>
#include <sis/spinlock.h>
#include <sis/topology.h>

#define CALL_QUEUE_LEN 16

const char *const ipi_names[IPI_MAX] = {
	[IPI_RESCHEDULE] = "RESCHED",
	[IPI_CALL_FUNC] = "CALL_FUNC",
	[IPI_TLB_FLUSH] = "TLB_FLUSH",
	[IPI_STOP] = "STOP",
	[IPI_TEST] = "TEST",
	[IPI_WAKE] = "WAKE",
};

struct call_data {
	smp_call_fn fn;
	void *arg;
	int pending;		/* targets that have not run fn yet (atomic) */
	bool wait;		/* sender waits: it owns (and frees) the struct */
};

struct call_queue {
	/* Protects head, tail, slot. Raw: spinning CPUs poll this queue. */
	raw_spinlock_t lock;
	unsigned int head, tail;
	struct call_data *slot[CALL_QUEUE_LEN];
} __cacheline_aligned;

static struct call_queue call_queues[CONFIG_MAX_CPUS];
static void (*test_handler)(void);

/* What `irqs` calls each IPI's interrupt. */
static const char *const ipi_irq_names[IPI_MAX] = {
	[IPI_RESCHEDULE] = "IPI RESCHED",
	[IPI_CALL_FUNC] = "IPI CALL_FUNC",
	[IPI_TLB_FLUSH] = "IPI TLB_FLUSH",
	[IPI_STOP] = "IPI STOP",
	[IPI_TEST] = "IPI TEST",
	[IPI_WAKE] = "IPI WAKE",
};

static void ipi_handler(unsigned int irq, void *arg)
{
	enum ipi_type type = (enum ipi_type)(uintptr_t)arg;
	struct percpu *p = this_cpu();
	void (*fn)(void);

	WRITE_ONCE(p->ipi_count[type], p->ipi_count[type] + 1);
	switch (type) {
	case IPI_RESCHEDULE:
		sched_resched_ipi();	/* the switch happens on interrupt exit */
		break;
	case IPI_CALL_FUNC:
	case IPI_TLB_FLUSH:
		smp_call_poll();
		break;
	case IPI_STOP:
		panic_stop_self();
	case IPI_TEST:
		fn = load_acquire(&test_handler);
		if (fn)
			fn();
		break;
	default:
		break;
	}
}

static void ipi_kick(unsigned int cpu)
{
	ipi_send(cpu, IPI_WAKE);
}

/* What a CPU waiting for a spinlock does (include/sis/spinlock.h). */
static const struct spin_wait_ops lock_waiter = {
	.service = smp_call_poll,
	.pending = smp_call_pending,
	.kick = ipi_kick,
};

void ipi_init(void)
{
	unsigned int t;

	for (t = 0; t < IPI_MAX; t++)
		irq_register(platform.irqchip->ipi_irq(t), ipi_irq_names[t], ipi_handler,
			     (void *)(uintptr_t)t);
	spin_set_wait_ops(&lock_waiter);
}

/* IPI interrupts are per-CPU (banked): enable them on each CPU. */
void ipi_init_cpu(unsigned int cpu)
{
	unsigned int t;

	for (t = 0; t < IPI_MAX; t++)
		irq_enable(platform.irqchip->ipi_irq(t));
}

void ipi_set_test_handler(void (*fn)(void))
{
	store_release(&test_handler, fn);
}

void ipi_send(unsigned int cpu, enum ipi_type type)
{
	if (type == IPI_RESCHEDULE)
		pr_debug("[SCHED][core%u] send RESCHED IPI -> core%u\n",
			 smp_processor_id(), cpu);
	platform.irqchip->send_ipi(cpu, type);
}

void ipi_send_mask(const cpumask_t *cpus, enum ipi_type type)
{
	unsigned int cpu;

	if (cpumask_empty(cpus))
		return;
	if (platform.irqchip->send_ipi_mask) {
		platform.irqchip->send_ipi_mask(cpus, type);
		return;
	}
	for_each_cpu(cpu, cpus)
		ipi_send(cpu, type);
}

void ipi_broadcast(enum ipi_type type, bool exclude_self)
{
	unsigned int me = smp_processor_id();
	cpumask_t cpus;

	cpumask_copy_atomic(&cpus, cpu_online_mask());
	cpumask_clear(&cpus, me);
	ipi_send_mask(&cpus, type);
	if (!exclude_self && cpu_is_online(me))
		ipi_send(me, type);
}

static void call_done(struct call_data *cd)
{
	/* Read before the decrement: a waiting sender may return (and reuse its stack) right after. */
	bool wait = cd->wait;

	if (__atomic_sub_fetch(&cd->pending, 1, __ATOMIC_ACQ_REL) == 0 && !wait)
		kfree(cd);
}

bool smp_call_pending(void)
{
	struct call_queue *q = &call_queues[smp_processor_id()];

	return READ_ONCE(q->head) != READ_ONCE(q->tail);
}

void smp_call_poll(void)
{
	struct call_queue *q = &call_queues[smp_processor_id()];
	struct call_data *cd;
	unsigned long flags;

	/* Cheap early out: spinning CPUs call this in their wait loops. */
	if (READ_ONCE(q->head) == READ_ONCE(q->tail))
		return;
	for (;;) {
		flags = raw_spin_lock_irqsave(&q->lock);
		if (q->head == q->tail) {
			raw_spin_unlock_irqrestore(&q->lock, flags);
			return;
		}
		cd = q->slot[q->head % CALL_QUEUE_LEN];
		q->head++;
		raw_spin_unlock_irqrestore(&q->lock, flags);
		cd->fn(cd->arg);
		call_done(cd);
	}
}

/* Tell the CPUs of signal that a call waits for them; signal is emptied. */
static void call_signal(cpumask_t *signal, enum ipi_type ipi)
{
	if (cpumask_empty(signal))
		return;
	ipi_send_mask(signal, ipi);
	/* A target spinning with interrupts off polls after wfe. */
	arch_spin_wake();
	cpumask_zero(signal);
}

/*
 * Queue cd for cpu; false when cpu is offline (then nothing was queued).
 * The IPI is the caller's: the CPUs queued so far (*signal) get theirs at
 * once in one send, and at the latest before we wait on a full ring, so
 * that no CPU waits for a call it was never told about.
 */
static bool call_enqueue(unsigned int cpu, struct call_data *cd, enum ipi_type ipi,
			 cpumask_t *signal)
{
	struct call_queue *q = &call_queues[cpu];
	unsigned long flags;

	for (;;) {
		flags = raw_spin_lock_irqsave(&q->lock);
		if (!cpu_is_online(cpu)) {
			raw_spin_unlock_irqrestore(&q->lock, flags);
			return false;
		}
		if (q->tail - q->head < CALL_QUEUE_LEN) {
			q->slot[q->tail % CALL_QUEUE_LEN] = cd;
			q->tail++;
			raw_spin_unlock_irqrestore(&q->lock, flags);
			cpumask_set(signal, cpu);
			return true;
		}
		raw_spin_unlock_irqrestore(&q->lock, flags);
		call_signal(signal, ipi);
		smp_call_poll();
		arch_cpu_relax();
	}
}

int smp_call_function_many(const cpumask_t *mask, smp_call_fn fn, void *arg, bool wait)
{
	return smp_call_function_many_ipi(mask, fn, arg, wait, IPI_CALL_FUNC);
}

/* fn(arg) here, interrupts off as on the other CPUs. */
static void call_self(smp_call_fn fn, void *arg)
{
	unsigned long flags = arch_irq_save();

	fn(arg);
	arch_irq_restore(flags);
}

int smp_call_function_many_ipi(const cpumask_t *targets, smp_call_fn fn, void *arg, bool wait,
			       enum ipi_type ipi)
{
	struct call_data local, *cd = &local;
	unsigned int me = smp_processor_id(), cpu, n, skipped = 0;
	bool self = cpumask_test(targets, me);
	cpumask_t mask, signal;

	cpumask_copy_atomic(&mask, cpu_online_mask());
	cpumask_and(&mask, &mask, targets);
	cpumask_clear(&mask, me);
	n = cpumask_weight(&mask);
	if (!n) {
		if (self)
			call_self(fn, arg);
		return 0;
	}
	if (!wait) {
		cd = kmalloc(sizeof(*cd));
		if (!cd)
			return -ENOMEM;
	}
	cd->fn = fn;
	cd->arg = arg;
	cd->wait = wait;
	/* One count more while queueing: the struct outlives the loop whatever the targets do. */
	cd->pending = (int)n + 1;
	cpumask_zero(&signal);
	for_each_cpu(cpu, &mask)
		skipped += !call_enqueue(cpu, cd, ipi, &signal);	/* went offline: not for it */
	call_signal(&signal, ipi);
	if (__atomic_sub_fetch(&cd->pending, (int)skipped + 1, __ATOMIC_ACQ_REL) == 0 && !wait)
		kfree(cd);
	if (self)
		call_self(fn, arg);
	while (wait && load_acquire(&local.pending)) {
		smp_call_poll();
		arch_cpu_relax();
	}
	return 0;
}

void smp_call_cpu_offline(void)
{
	struct percpu *p = this_cpu();
	struct call_queue *q = &call_queues[p->cpu];
	unsigned long flags = raw_spin_lock_irqsave(&q->lock);

	cpu_set_online(p, false);
	raw_spin_unlock_irqrestore(&q->lock, flags);
	smp_call_poll();
}

int smp_call_function_single(unsigned int cpu, smp_call_fn fn, void *arg, bool wait)
{
	if (cpu >= CONFIG_MAX_CPUS || !cpu_is_online(cpu))
		return -EINVAL;
	cpumask_t one = cpumask_of(cpu);

	return smp_call_function_many(&one, fn, arg, wait);
}
