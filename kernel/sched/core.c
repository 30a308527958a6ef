/*
 * The scheduler core: tasks, per-CPU runqueues, the switch, wake-ups,
 * migration and the tick.
 *
 * Model. Every CPU has a runqueue in its struct percpu: one FIFO per
 * priority level of ready tasks, the running task (curr) and an idle
 * task that halts until an interrupt. A task is on_rq while it is ready
 * or running; it is counted in that CPU's nr_running, the load figure
 * placement and balancing use. The highest priority ready task runs;
 * equal priorities share the CPU in slices of SCHED_SLICE_TICKS.
 *
 * The switch. schedule() runs with interrupts off and its CPU's rq lock
 * held across arch_context_switch(); the incoming task releases it in
 * finish_switch(). So the per-CPU preempt count and held-lock stack are
 * the same before and after, and a task's registers are saved before
 * its on_cpu flag drops (release), which is what another CPU waits for
 * (acquire) before it may run or free that task.
 *
 * Blocking and waking (the lost wake-up problem). A task marks itself
 * TASK_BLOCKED under the lock that guards its wait condition, with
 * interrupts off, and calls sched_block(); schedule() takes it off the
 * runqueue under the rq lock unless a waker got there first. task_wake()
 * takes the task's lock, then its rq lock: if the task is still on_rq it
 * only marks it running again; otherwise it waits for on_cpu to drop and
 * places it on the least-loaded allowed CPU, sending IPI_RESCHEDULE when
 * that CPU is remote and idle or running a lower priority.
 *
 * Lock order: port / wait-queue / exit lock -> task lock -> rq lock,
 * rq locks in ascending CPU id (the second with spin_lock_nested()).
 */
#include <sis/clockevent.h>
#include <sis/errno.h>
#include <sis/ipi.h>
#include <sis/mm.h>
#include <sis/numa.h>
#include <sis/panic.h>
#include <sis/preempt.h>
#include <sis/printk.h>
#include <sis/smp.h>
#include <sis/string.h>
#include <sis/switch.h>
#include <sis/time.h>
#include <sis/topology.h>
#include <sis/user.h>
#include "balance.h"
#include "internal.h"

static struct task main_task;
static struct task idle_boot;		/* CPU 0's; the others' are allocated (rq_init) */
static cpumask_t sched_cpus;		/* CPUs running the scheduler: atomic */

/*
 * Freed task stacks, reused by task_create(), one pool per NUMA node (a
 * stack is made from its node's memory and goes back to that pool); the
 * link is in the stack. stack_pool_lock guards every pool.
 */
static DEFINE_SPINLOCK(stack_pool_lock);
static void *stack_pool[NUMA_NODES_MAX];

const cpumask_t *sched_cpu_mask(void)
{
	return &sched_cpus;
}

cpumask_t sched_cpus_now(void)
{
	cpumask_t m;

	cpumask_copy_atomic(&m, &sched_cpus);
	return m;
}

bool sched_cpu_active(unsigned int cpu)
{
	return cpumask_test_atomic(&sched_cpus, cpu);
}

unsigned int sched_ncpus(void)
{
	cpumask_t m = sched_cpus_now();

	return cpumask_weight(&m);
}

unsigned int sched_cpu_nth(unsigned int n)
{
	cpumask_t m = sched_cpus_now();

	return cpumask_nth(&m, n);
}

unsigned int sched_nr_running(unsigned int cpu)
{
	return cpu < CONFIG_MAX_CPUS ? READ_ONCE(cpu_rq(cpu)->nr_running) : 0;
}

struct task *task_current(void)
{
	unsigned long flags = arch_irq_save();
	struct task *t = this_cpu()->rq.curr;

	arch_irq_restore(flags);
	return t;
}

/* For panic's report of a stopped CPU. */
static const char *current_name(void)
{
	struct task *t = task_current();

	return t ? t->name : NULL;
}

const char *task_name(const struct task *t)
{
	return t->name;
}

unsigned int task_cpu(const struct task *t)
{
	return READ_ONCE(t->cpu);
}

void task_set_user(struct mm *mm, void *uthread)
{
	unsigned long flags = arch_irq_save();
	struct task *t = this_cpu()->rq.curr;
	struct mm *prev = t->mm;

	t->mm = mm;
	t->uthread = uthread;
	if (prev != mm)
		mm_switch_to(prev, mm, t->stack);
	arch_irq_restore(flags);
}

struct mm *task_mm(const struct task *t)
{
	return t->mm;
}

void *task_uthread(const struct task *t)
{
	return t->uthread;
}

void *task_stack_top(const struct task *t)
{
	return t->stack;
}

u64 task_migrations(const struct task *t)
{
	return __atomic_load_n(&t->migrations, __ATOMIC_RELAXED);
}

/* ------------------------------------------------------------------ */
/* Runqueue primitives: rq lock held (asserted under lock debugging). */

static void rq_enqueue(struct runqueue *rq, struct task *t)
{
	lockdep_assert_held(&rq->lock);
	BUG_ON(t->queued);		/* twice on a list corrupts it */
	list_add_tail(&t->rq_node, &rq->queue[t->prio]);
	rq->prio_mask |= 1u << t->prio;
	t->queued = true;
}

static void rq_dequeue(struct runqueue *rq, struct task *t)
{
	lockdep_assert_held(&rq->lock);
	BUG_ON(!t->queued);
	list_del(&t->rq_node);
	if (list_empty(&rq->queue[t->prio]))
		rq->prio_mask &= ~(1u << t->prio);
	t->queued = false;
}

static int rq_top_prio(const struct runqueue *rq)
{
	return rq->prio_mask ? 31 - __builtin_clz(rq->prio_mask) : -1;
}

static struct task *rq_pick(struct runqueue *rq)
{
	int prio = rq_top_prio(rq);
	struct task *t;

	lockdep_assert_held(&rq->lock);
	if (prio < 0)
		return rq->idle;
	t = list_first_entry(&rq->queue[prio], struct task, rq_node);
	rq_dequeue(rq, t);
	return t;
}

/* Would t, just queued on rq, deserve the CPU more than what runs there? */
static bool rq_should_preempt(const struct runqueue *rq, const struct task *t)
{
	return rq->curr == rq->idle || rq->curr->prio < t->prio;
}

/* Lock the runqueue t is on; t->cpu can change until we hold it. */
static struct runqueue *task_rq_lock(struct task *t)
{
	struct runqueue *rq;

	for (;;) {
		rq = cpu_rq(READ_ONCE(t->cpu));
		spin_lock(&rq->lock);
		if (rq == cpu_rq(t->cpu))
			return rq;
		spin_unlock(&rq->lock);
	}
}

/* Both runqueue locks (one if a == b), lower CPU id first; interrupts off. */
static void rq_double_lock(unsigned int a, unsigned int b)
{
	unsigned int lo = a < b ? a : b, hi = a < b ? b : a;

	spin_lock(&cpu_rq(lo)->lock);
	if (hi != lo)
		spin_lock_nested(&cpu_rq(hi)->lock, 1);
}

static void rq_double_unlock(unsigned int a, unsigned int b)
{
	unsigned int lo = a < b ? a : b, hi = a < b ? b : a;

	if (hi != lo)
		spin_unlock(&cpu_rq(hi)->lock);
	spin_unlock(&cpu_rq(lo)->lock);
}

static void kick_cpu(unsigned int cpu)
{
	WRITE_ONCE(cpu_rq(cpu)->need_resched, 1);
	if (cpu != smp_processor_id())
		ipi_send(cpu, IPI_RESCHEDULE);
}

static void count_migration(struct task *t, unsigned int from, unsigned int to)
{
	stat_add(&cpu_rq(from)->stats.migrations_out, 1);
	stat_add(&cpu_rq(to)->stats.migrations_in, 1);
	stat_add(&t->migrations, 1);
}

/*
 * Put t (lock held, interrupts off, on no runqueue, registers saved) on
 * the least-loaded CPU it may run on and kick that CPU if t should run
 * there now.
 */
unsigned int sched_load(unsigned int cpu, void *ctx)
{
	return READ_ONCE(cpu_rq(cpu)->nr_running);
}

/*
 * The CPU to put t on: the least loaded it may use. A task whose every
 * allowed CPU went offline (cpu_down() with CPU_DOWN_FORCE, or a pin
 * that raced with cpu_down()) may run anywhere rather than nowhere.
 */
static unsigned int place(struct task *t)
{
	cpumask_t allowed = sched_cpus_now();
	int best;

	if (unlikely(!cpumask_and(&allowed, &allowed, &t->affinity))) {
		pr_warn("[SCHED] task %u (%s) may run on no online CPU: now on every CPU\n",
			t->id, t->name);
		t->affinity = cpumask_all;	/* widening: safe for readers under either lock */
		allowed = sched_cpus_now();
	}
	best = balance_place_near(sched_load, NULL, &allowed, numa_node_cpus(cpu_to_node(t->cpu)),
				  (int)t->cpu);
	return best == BALANCE_NO_CPU ? t->cpu : (unsigned int)best;
}

static void activate(struct task *t, bool first)
{
	unsigned int cpu, from = t->cpu;
	struct runqueue *rq;
	bool kick;

	lockdep_assert_held(&t->lock);
	for (;;) {
		cpu = place(t);
		rq = cpu_rq(cpu);
		spin_lock(&rq->lock);
		if (!rq->offline)
			break;
		spin_unlock(&rq->lock);	/* went offline since the mask was read */
	}
	t->cpu = cpu;
	t->on_rq = true;
	rq->nr_running++;
	rq_enqueue(rq, t);
	kick = rq_should_preempt(rq, t);
	if (kick)
		WRITE_ONCE(rq->need_resched, 1);
	spin_unlock(&rq->lock);
	if (!first && cpu != from)
		count_migration(t, from, cpu);
	if (kick && cpu != smp_processor_id())
		ipi_send(cpu, IPI_RESCHEDULE);
}

bool task_wake(struct task *t)
{
	unsigned long flags = spin_lock_irqsave(&t->lock);
	struct runqueue *rq;

	if (t->state != TASK_BLOCKED) {
		spin_unlock_irqrestore(&t->lock, flags);
		return false;
	}
	rq = task_rq_lock(t);
	if (t->on_rq) {
		/* Not switched out yet: schedule() will see it running. */
		t->state = TASK_RUNNING;
		spin_unlock(&rq->lock);
		spin_unlock_irqrestore(&t->lock, flags);
		return true;
	}
	spin_unlock(&rq->lock);
	/* Off the runqueue: wait until its registers are saved. */
	while (load_acquire(&t->on_cpu))
		arch_cpu_relax();
	t->state = TASK_RUNNING;
	activate(t, false);
	spin_unlock_irqrestore(&t->lock, flags);
	return true;
}

/* ------------------------------------------------------------------ */
/* The switch. */

/* Decide what happens to prev, the task leaving this CPU (rq lock held). */
static void put_prev(struct runqueue *rq, struct task *prev, bool preempt,
		     unsigned int cpu)
{
	bool stays = prev->state == TASK_RUNNING ||
		     (preempt && prev->state == TASK_BLOCKED);

	lockdep_assert_held(&rq->lock);
	if (stays && cpumask_test(&prev->affinity, cpu)) {
		rq_enqueue(rq, prev);
		return;
	}
	/* Blocked, dead, or no longer allowed here: off this runqueue. */
	prev->on_rq = false;
	rq->nr_running--;
	prev->replace = stays;
}

/*
 * The second half of a switch, on the incoming task. noinline: this_cpu()
 * must be read again after the stack changed, never reused from before.
 */
static __attribute__((noinline)) void finish_switch(struct task *prev)
{
	struct runqueue *rq = &this_cpu()->rq;
	bool replace = prev->replace;

	prev->replace = false;
	store_release(&prev->on_cpu, 0);
	spin_unlock(&rq->lock);
	if (replace) {
		spin_lock(&prev->lock);
		activate(prev, false);
		spin_unlock(&prev->lock);
	}
}

/* Run time and switch counts, for tasks and top. rq lock held, interrupts off. */
static void account_switch(struct task *prev, struct task *next)
{
	u64 now = time_ns();

	if (prev->run_start_ns)
		WRITE_ONCE(prev->run_ns, prev->run_ns + (now - prev->run_start_ns));
	WRITE_ONCE(next->run_start_ns, now);
	WRITE_ONCE(next->switches, next->switches + 1);
}

static void __schedule(bool preempt)
{
	unsigned long flags = arch_irq_save();
	struct percpu *p = this_cpu();
	struct runqueue *rq = &p->rq;
	struct task *prev = rq->curr, *next;

	spin_lock(&rq->lock);
	WRITE_ONCE(rq->need_resched, 0);
	if (prev != rq->idle)
		put_prev(rq, prev, preempt, p->cpu);
	next = rq_pick(rq);
	if (next == prev) {
		prev->slice = SCHED_SLICE_TICKS;
		spin_unlock(&rq->lock);
		arch_irq_restore(flags);
		return;
	}
	next->slice = SCHED_SLICE_TICKS;
	next->cpu = p->cpu;
	WRITE_ONCE(next->on_cpu, 1);
	rq->curr = next;
	WRITE_ONCE(rq->stats.switches, rq->stats.switches + 1);
	account_switch(prev, next);
	if (prev->mm || next->mm)
		mm_switch_to(prev->mm, next->mm, next->stack);
	prev = arch_context_switch(&prev->sp, next->sp, prev);
	finish_switch(prev);
	arch_irq_restore(flags);
}

static void schedule(void)
{
	if (unlikely(preempt_count()))
		panic("scheduling while atomic: %s, preempt count %u",
		      task_current()->name, preempt_count());
	__schedule(false);
}

void preempt_schedule(void)
{
	__schedule(true);
}

void preempt_irq_exit(void)
{
	struct percpu *p = this_cpu();
	struct runqueue *rq = &p->rq;

	/* The idle task switches by itself, right after its halt. */
	if (READ_ONCE(rq->need_resched) && p->preempt_count == 0 && p->irq_depth == 0 &&
	    rq->curr && rq->curr != rq->idle)
		__schedule(true);
}

void sched_block(void)
{
	__schedule(false);
}

void yield(void)
{
	schedule();
}

/* ------------------------------------------------------------------ */
/* Tasks. */

static void *stack_get(unsigned int node)
{
	void *top;

	spin_lock(&stack_pool_lock);
	top = stack_pool[node];
	if (top)
		stack_pool[node] = *((void **)top - 1);
	spin_unlock(&stack_pool_lock);
	return top ? top : stack_alloc_node(TASK_STACK_SIZE, node);
}

static void stack_put(void *top, unsigned int node)
{
	spin_lock(&stack_pool_lock);
	*((void **)top - 1) = stack_pool[node];
	stack_pool[node] = top;
	spin_unlock(&stack_pool_lock);
}

/* Where a new task will run first: this CPU if it may, else the first CPU it may use. */
static unsigned int home_node(const cpumask_t *affinity)
{
	unsigned int cpu = smp_processor_id();

	if (!cpumask_test(affinity, cpu))
		cpu = cpumask_first(affinity);
	return cpu < nr_cpu_ids ? cpu_to_node(cpu) : 0;
}

static void task_init(struct task *t, const char *name, int prio, const cpumask_t *affinity)
{
	spin_lock_init(&t->lock, "task");
	spin_lock_init(&t->exit_lock, "task_exit");
	wait_queue_init(&t->exit_wq);
	list_init(&t->rq_node);
	t->state = TASK_RUNNING;
	t->prio = prio;
	t->affinity = *affinity;
	strlcpy(t->name, name, TASK_NAME_LEN);
}

struct task *task_create_err(task_fn fn, void *arg, int prio, const cpumask_t *affinity,
			     const char *name, int *err)
{
	struct task *t;
	unsigned long flags;
	int e = -EINVAL;

	if (prio < SCHED_PRIO_MIN || prio > SCHED_PRIO_MAX || !fn ||
	    !affinity || !cpumask_intersects(affinity, sched_cpu_mask()))
		goto fail;
	e = -ENOMEM;
	t = kzalloc(sizeof(*t));
	if (!t)
		goto fail;
	t->stack_node = home_node(affinity);
	t->stack = stack_get(t->stack_node);
	if (!t->stack)
		goto free_task;
	task_init(t, name ? name : "task", prio, affinity);
	task_list_add(t);
	t->fn = fn;
	t->arg = arg;
	t->sp = arch_task_stack_init(t->stack);
	flags = spin_lock_irqsave(&t->lock);
	t->cpu = smp_processor_id();
	activate(t, true);
	spin_unlock_irqrestore(&t->lock, flags);
	return t;

free_task:
	kfree(t);
fail:
	if (err)
		*err = e;
	return NULL;
}

void task_entry(struct task *prev)
{
	struct task *t;

	finish_switch(prev);
	arch_irq_enable();
	t = task_current();
	task_exit(t->fn(t->arg));
}

void task_exit(int code)
{
	struct task *t = task_current();
	unsigned long flags;

	spin_lock(&t->exit_lock);
	t->exit_code = code;
	t->exited = true;
	wake_all(&t->exit_wq);
	if (t == &main_task)
		task_list_del(t);	/* static, never joined: off the list now */
	flags = arch_irq_save();
	t->state = TASK_DEAD;
	spin_unlock(&t->exit_lock);
	__schedule(false);
	arch_irq_restore(flags);
	panic("dead task %s scheduled again", t->name);
}

int task_join(struct task *t)
{
	unsigned long flags;
	int code;

	spin_lock(&t->exit_lock);
	while (!t->exited)
		wait_locked(&t->exit_wq, &t->exit_lock);
	code = t->exit_code;
	spin_unlock(&t->exit_lock);
	/* It exited; wait until it is off its CPU for good. */
	while (load_acquire(&t->on_cpu))
		arch_cpu_relax();
	/*
	 * finish_switch() on the CPU t last left may still be between its
	 * activate(t) and the unlock of t->lock: wait for that unlock before
	 * the struct (and its lock) is freed and reused.
	 */
	flags = spin_lock_irqsave(&t->lock);
	spin_unlock_irqrestore(&t->lock, flags);
	task_list_del(t);
	stack_put(t->stack, t->stack_node);
	kfree(t);
	return code;
}

/* ------------------------------------------------------------------ */
/* Affinity and migration. */

struct task *task_create_on(const char *name, task_fn fn, void *arg, int prio,
			    unsigned int cpu)
{
	cpumask_t one = cpumask_of(cpu);

	return task_create_err(fn, arg, prio, &one, name, NULL);
}

int task_pin(struct task *t, unsigned int cpu)
{
	cpumask_t one = cpumask_of(cpu);

	return task_set_affinity(t, &one);
}

int task_set_affinity(struct task *t, const cpumask_t *mask)
{
	bool self = t == task_current(), resched = false;
	unsigned long flags;
	struct runqueue *rq;
	unsigned int cpu;

	if (!cpumask_intersects(mask, sched_cpu_mask()))
		return -EINVAL;
	flags = spin_lock_irqsave(&t->lock);
	rq = task_rq_lock(t);
	t->affinity = *mask;
	cpu = t->cpu;
	if (t->queued && !cpumask_test(mask, cpu)) {
		rq_dequeue(rq, t);
		t->on_rq = false;
		rq->nr_running--;
		spin_unlock(&rq->lock);
		activate(t, false);
	} else {
		/* Running elsewhere: it re-places itself when it switches out. */
		resched = t->on_rq && !cpumask_test(mask, cpu);
		spin_unlock(&rq->lock);
		if (resched && !self)
			kick_cpu(cpu);
	}
	spin_unlock_irqrestore(&t->lock, flags);
	if (resched && self)
		schedule();
	/* Running elsewhere: back only once it left the CPU it may not use. */
	while (resched && !self && READ_ONCE(cpu_rq(cpu)->curr) == t)
		arch_cpu_relax();
	return 0;
}

/* Move up to max queued tasks allowed on dst; both rq locks held. */
static unsigned int move_queued(unsigned int src, unsigned int dst, unsigned int max)
{
	struct runqueue *from = cpu_rq(src), *to = cpu_rq(dst);
	struct list_node *pos, *tmp;
	unsigned int moved = 0;
	int prio;

	lockdep_assert_held(&from->lock);
	lockdep_assert_held(&to->lock);
	/* Lowest priority first, the longest-waiting last: cheapest to move. */
	for (prio = 0; prio < SCHED_PRIO_LEVELS && moved < max; prio++) {
		list_for_each_safe(pos, tmp, &from->queue[prio]) {
			struct task *t = list_entry(pos, struct task, rq_node);

			if (moved == max)
				break;
			if (!cpumask_test(&t->affinity, dst))
				continue;
			rq_dequeue(from, t);
			from->nr_running--;
			t->cpu = dst;
			rq_enqueue(to, t);
			to->nr_running++;
			count_migration(t, src, dst);
			moved++;
		}
	}
	return moved;
}

unsigned int sched_move_tasks(unsigned int src, unsigned int dst, unsigned int max,
			      unsigned int *nr, void *ctx)
{
	unsigned long flags;
	unsigned int moved;
	bool kick;

	if (src == dst || !max)
		return 0;
	flags = arch_irq_save();
	rq_double_lock(src, dst);
	if (cpu_rq(dst)->offline) {
		rq_double_unlock(src, dst);
		arch_irq_restore(flags);
		return 0;
	}
	if (nr && (cpu_rq(src)->nr_running != nr[src] || cpu_rq(dst)->nr_running != nr[dst])) {
		/* Planned on stale lengths (another CPU moved first): replan. */
		nr[src] = cpu_rq(src)->nr_running;
		nr[dst] = cpu_rq(dst)->nr_running;
		rq_double_unlock(src, dst);
		arch_irq_restore(flags);
		return 0;
	}
	moved = move_queued(src, dst, max);
	kick = moved && cpu_rq(dst)->curr == cpu_rq(dst)->idle;
	rq_double_unlock(src, dst);
	if (kick)
		kick_cpu(dst);
	arch_irq_restore(flags);
	if (nr) {
		nr[src] -= moved;
		nr[dst] += moved;
	}
	return moved;
}

int migrate_task(struct task *t, unsigned int cpu)
{
	unsigned long flags;
	unsigned int src;
	int err = 0;

	if (cpu >= CONFIG_MAX_CPUS || !sched_cpu_active(cpu))
		return -EINVAL;
	flags = spin_lock_irqsave(&t->lock);
	for (;;) {
		src = READ_ONCE(t->cpu);
		rq_double_lock(src, cpu);
		if (t->cpu == src)
			break;
		rq_double_unlock(src, cpu);
	}
	if (!cpumask_test(&t->affinity, cpu) || cpu_rq(cpu)->offline)
		err = -EINVAL;
	else if (t->on_rq && !t->queued)
		err = -EBUSY;		/* running: never moved under its feet */
	else if (!t->queued)
		err = -EAGAIN;		/* blocked: placed when it wakes */
	else if (src != cpu) {
		rq_dequeue(cpu_rq(src), t);
		cpu_rq(src)->nr_running--;
		t->cpu = cpu;
		rq_enqueue(cpu_rq(cpu), t);
		cpu_rq(cpu)->nr_running++;
		count_migration(t, src, cpu);
	}
	rq_double_unlock(src, cpu);
	if (!err && src != cpu && cpu_rq(cpu)->curr == cpu_rq(cpu)->idle)
		kick_cpu(cpu);
	spin_unlock_irqrestore(&t->lock, flags);
	return err;
}

/* ------------------------------------------------------------------ */
/* Time: the tick and sleeping. */

void sleep_ms(u64 ms)
{
	struct task *t = task_current();
	struct runqueue *rq;
	unsigned long flags;

	if (!ms) {
		yield();
		return;
	}
	flags = arch_irq_save();
	rq = &this_cpu()->rq;
	spin_lock(&rq->lock);
	t->wake_ns = time_ns() + ms * 1000000ull;
	list_add_tail(&t->rq_node, &rq->sleepers);
	t->state = TASK_BLOCKED;
	spin_unlock(&rq->lock);
	schedule();
	arch_irq_restore(flags);
}

/* Wake the sleepers of this CPU whose time has come (interrupt context). */
static void wake_sleepers(struct runqueue *rq, u64 now)
{
	struct list_node due, *pos, *tmp;
	struct task *t;

	list_init(&due);
	spin_lock(&rq->lock);
	list_for_each_safe(pos, tmp, &rq->sleepers) {
		t = list_entry(pos, struct task, rq_node);
		if (t->wake_ns <= now) {
			list_del(pos);
			list_add_tail(pos, &due);
		}
	}
	spin_unlock(&rq->lock);
	list_for_each_safe(pos, tmp, &due) {
		list_del(pos);
		task_wake(list_entry(pos, struct task, rq_node));
	}
}

void sched_tick(void)
{
	struct percpu *p = this_cpu();
	struct runqueue *rq = &p->rq;
	struct task *curr = rq->curr;
	u64 now;

	if (!curr)
		return;
	now = time_ns();
	if (!list_empty(&rq->sleepers))
		wake_sleepers(rq, now);
	if (curr != rq->idle && curr->slice && --curr->slice == 0) {
		/* Slice over: round robin if another task of its level waits. */
		if (rq_top_prio(rq) >= curr->prio)
			WRITE_ONCE(rq->need_resched, 1);
		else
			curr->slice = SCHED_SLICE_TICKS;
	}
	balance_tick(p->cpu, now);
}

/*
 * Whether idle cpu must keep its tick (kernel/tick.c): tasks sleep on its
 * runqueue (they wake on its tick; whoever adds one from another CPU
 * kicks it), or the balancing policy balances from it. The list is read
 * without the lock: only this CPU empties it, and an addition kicks.
 */
bool sched_idle_needs_tick(unsigned int cpu)
{
	return !list_empty(&cpu_rq(cpu)->sleepers) || balance_idle_tick(cpu);
}

void sched_resched_ipi(void)
{
	WRITE_ONCE(this_cpu()->rq.need_resched, 1);
}

/* ------------------------------------------------------------------ */
/* Idle and start-up. */

static __noreturn void idle_loop(void)
{
	struct percpu *p = this_cpu();	/* the idle task never migrates */
	struct runqueue *rq = &p->rq;
	u64 t0;

	for (;;) {
		if (balance_idle(p->cpu))
			WRITE_ONCE(rq->need_resched, 1);
		/* Interrupts off: a wake-up between the test and the halt still ends it. */
		arch_irq_disable();
		if (!READ_ONCE(rq->need_resched) && !READ_ONCE(rq->prio_mask)) {
			t0 = time_ns();
			tick_idle_enter();
			arch_wait_for_interrupt();
			WRITE_ONCE(rq->stats.idle_ns, rq->stats.idle_ns + time_ns() - t0);
		}
		arch_irq_enable();
		if (READ_ONCE(rq->need_resched) || READ_ONCE(rq->prio_mask)) {
			arch_irq_disable();
			tick_idle_exit();	/* woken without an interrupt: work to do */
			arch_irq_enable();
		}
		if (READ_ONCE(rq->need_resched) || READ_ONCE(rq->prio_mask))
			__schedule(false);
	}
}

static int idle_fn(void *arg)
{
	idle_loop();
}

static void rq_init(unsigned int cpu)
{
	struct runqueue *rq = cpu_rq(cpu);
	int prio;

	spin_lock_init(&rq->lock, "rq");
	spin_lock_set_order(&rq->lock, cpu);
	for (prio = 0; prio < SCHED_PRIO_LEVELS; prio++)
		list_init(&rq->queue[prio]);
	list_init(&rq->sleepers);
	cpumask_t one = cpumask_of(cpu);
	struct task *idle = cpu ? kmalloc(sizeof(*idle)) : &idle_boot;

	if (!idle)
		panic("no memory for core%u's idle task", cpu);
	memset(idle, 0, sizeof(*idle));
	task_init(idle, "idle", SCHED_PRIO_MIN, &one);
	idle->idle = true;
	idle->cpu = cpu;
	rq->idle = idle;
}

void sched_init(void)
{
	struct runqueue *rq = cpu_rq(0);
	struct task *idle0 = &idle_boot;
	cpumask_t boot_cpu = cpumask_of(0);
	unsigned int cpu;

	for (cpu = 0; cpu < nr_cpu_ids; cpu++)
		rq_init(cpu);
	/* CPU 0's idle task needs a stack of its own: it starts at idle_fn. */
	idle0->stack = stack_get(cpu_to_node(0));
	idle0->stack_node = cpu_to_node(0);
	if (!idle0->stack)
		panic("no memory for the idle task's stack");
	idle0->fn = idle_fn;
	idle0->sp = arch_task_stack_init(idle0->stack);
	/* The code running now becomes "main", pinned to the boot CPU. */
	task_init(&main_task, "main", SCHED_PRIO_DEFAULT, &boot_cpu);
	main_task.on_rq = true;
	main_task.on_cpu = 1;
	main_task.slice = SCHED_SLICE_TICKS;
	main_task.run_start_ns = time_ns();
	rq->nr_running = 1;
	rq->curr = &main_task;
	for (cpu = 0; cpu < nr_cpu_ids; cpu++)
		task_list_add(cpu_rq(cpu)->idle);
	task_list_add(&main_task);
	cpumask_set_atomic(&sched_cpus, 0);
	panic_set_task_name(current_name);
	pr_info("[SCHED] %u priority levels, %u ms slices, balancing: %s\n",
		SCHED_PRIO_LEVELS, SCHED_SLICE_TICKS * 1000 / CONFIG_SCHED_HZ,
		sched_policy_name());
}

void sched_start_cpu(void)
{
	struct percpu *p = this_cpu();
	struct task *idle = p->rq.idle;

	/* The code running now becomes this CPU's idle task. */
	idle->on_cpu = 1;
	idle->run_start_ns = time_ns();
	spin_lock(&p->rq.lock);
	p->rq.curr = idle;
	p->rq.offline = false;
	spin_unlock(&p->rq.lock);
	cpumask_set_atomic(&sched_cpus, p->cpu);
	arch_irq_enable();
	idle_loop();
}

/* ------------------------------------------------------------------ */
/* Hotplug (kernel/hotplug.c drives these). */

/* Move a task queued on cpu (dying) elsewhere; false when none is left. */
static bool evict_one(unsigned int cpu)
{
	struct runqueue *rq = cpu_rq(cpu);
	struct task *t = NULL;
	unsigned long flags;
	int prio;

	flags = spin_lock_irqsave(&rq->lock);
	for (prio = SCHED_PRIO_MAX; prio >= 0 && !t; prio--)
		if (!list_empty(&rq->queue[prio]))
			t = list_first_entry(&rq->queue[prio], struct task, rq_node);
	spin_unlock_irqrestore(&rq->lock, flags);
	if (!t)
		return false;
	/* t cannot run meanwhile: this CPU runs the stopper, others take nothing from an offline rq. */
	flags = spin_lock_irqsave(&t->lock);
	rq = task_rq_lock(t);
	if (t->queued && t->cpu == cpu) {
		rq_dequeue(rq, t);
		t->on_rq = false;
		rq->nr_running--;
		spin_unlock(&rq->lock);
		activate(t, false);
	} else {
		spin_unlock(&rq->lock);
	}
	spin_unlock_irqrestore(&t->lock, flags);
	return true;
}

/* The tasks sleeping in sleep_ms() on cpu wait on the first scheduling CPU's tick. */
static void move_sleepers(unsigned int cpu)
{
	cpumask_t cpus = sched_cpus_now();
	unsigned int to = cpumask_first(&cpus);
	unsigned long flags = arch_irq_save();
	struct list_node *pos, *tmp;

	rq_double_lock(cpu, to);
	list_for_each_safe(pos, tmp, &cpu_rq(cpu)->sleepers) {
		list_del(pos);
		list_add_tail(pos, &cpu_rq(to)->sleepers);
	}
	rq_double_unlock(cpu, to);
	arch_irq_restore(flags);
	kick_cpu(to);	/* its tick may be stopped: the sleepers need it */
}

void sched_cpu_dying(unsigned int cpu)
{
	struct runqueue *rq = cpu_rq(cpu);
	unsigned long flags = spin_lock_irqsave(&rq->lock);

	/* Under the lock activate() re-checks: nothing lands here after this. */
	cpumask_clear_atomic(&sched_cpus, cpu);
	rq->offline = true;
	spin_unlock_irqrestore(&rq->lock, flags);
	while (evict_one(cpu))
		;
	move_sleepers(cpu);
}

void sched_cpu_dead(unsigned int cpu, struct task *stopper)
{
	struct runqueue *rq = cpu_rq(cpu);
	unsigned long flags = spin_lock_irqsave(&rq->lock);

	/* The stopper was the CPU's last task: it ends there, unjoined until the CPU is reset. */
	rq->curr = NULL;
	rq->nr_running = 0;
	stopper->on_rq = false;
	stopper->state = TASK_DEAD;
	spin_unlock_irqrestore(&rq->lock, flags);
	spin_lock(&stopper->exit_lock);
	stopper->exit_code = 0;
	stopper->exited = true;
	wake_all(&stopper->exit_wq);
	spin_unlock(&stopper->exit_lock);
}

void sched_task_reap(struct task *stopper)
{
	store_release(&stopper->on_cpu, 0);
	task_join(stopper);
}

/* ------------------------------------------------------------------ */
/* Statistics. */

void sched_stats(void)
{
	cpumask_t cpus = sched_cpus_now();
	unsigned int cpu;

	for_each_cpu(cpu, &cpus) {
		struct runqueue *rq = cpu_rq(cpu);
		struct sched_stats *s = &rq->stats;

		pr_info("[SCHED] core%u: switches=%llu migrations_in=%llu migrations_out=%llu "
			"idle=%llums ticks=%llu nr_running=%u\n", cpu,
			(unsigned long long)READ_ONCE(s->switches),
			(unsigned long long)READ_ONCE(s->migrations_in),
			(unsigned long long)READ_ONCE(s->migrations_out),
			(unsigned long long)(READ_ONCE(s->idle_ns) / 1000000),
			(unsigned long long)READ_ONCE(percpu_of(cpu)->ticks),
			READ_ONCE(rq->nr_running));
	}
}
