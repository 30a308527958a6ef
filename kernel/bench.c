/*
 * In-kernel microbenchmarks, run on the boot CPU when the command line
 * says "bench". Each figure is printed as "[BENCH] name value unit".
 *
 * Timing comes from the architecture's counter. Short operations are
 * timed in batches and divided, because the counter can be coarser than
 * one operation (arm64 on QEMU: 62.5 MHz, 16 ns a tick). Each figure is
 * the median of several samples, so a timer tick or a host hiccup in
 * one sample does not move it.
 *
 * The lock handoff runs as cross-calls (smp_call_function_many), that
 * is in the other CPUs' IPI handlers with interrupts off: every worker
 * meets the others at a start line, so all of them run the measured
 * part together, and the boot CPU, which is one of the workers, reads
 * the counter at the start line and after the last worker is done.
 * The scheduler figures (yield, ports, wake-up, scaling, balancing) use
 * tasks, created from the boot CPU's "main" task.
 */
#include <sis/arch.h>
#include <sis/bench.h>
#include <sis/bench_peer.h>
#include <sis/cmdline.h>
#include <sis/errno.h>
#include <sis/ipc.h>
#include <sis/ipi.h>
#include <sis/percpu.h>
#include <sis/printk.h>
#include <sis/sched.h>
#include <sis/smp.h>
#include <sis/spinlock.h>
#include <sis/string.h>
#include <sis/time.h>

#define BALANCE_TASKS	16
#define BALANCE_WAIT_MS	2000
#define BENCH_WAIT_NS	(1000 * 1000 * 1000ull)

/* Sample buffer: only the boot CPU writes it, one benchmark at a time. */
static u64 samples[BENCH_SAMPLES];


/* Counter ticks to tenths of a nanosecond, per operation. */
static u64 tenths_ns(u64 ticks, u64 ops)
{
	return ticks_to_ns(ticks * 10) / (ops ? ops : 1);
}

/* value is in tenths of unit. */
static void bench_report(const char *name, u64 value, const char *unit)
{
	pr_info("[BENCH] %s %llu.%llu %s\n", name, (unsigned long long)(value / 10),
		(unsigned long long)(value % 10), unit);
}

/* The first n online CPUs (empty when fewer are online). */
static cpumask_t first_cpus(unsigned int n)
{
	cpumask_t online, mask;
	unsigned int cpu;

	cpumask_copy_atomic(&online, cpu_online_mask());
	cpumask_zero(&mask);
	for_each_cpu(cpu, &online) {
		if (!n)
			break;
		cpumask_set(&mask, cpu);
		n--;
	}
	if (n)
		cpumask_zero(&mask);
	return mask;
}

/* ---- Uncontended lock: one CPU, the lock always free. ---- */

static void bench_lock_uncontended(void)
{
	spinlock_t lock;
	unsigned int s, i;
	u64 t0;

	spin_lock_init(&lock, "bench_uncontended");
	for (s = 0; s < LOCK_SAMPLES; s++) {
		t0 = arch_counter_read();
		for (i = 0; i < LOCK_BATCH; i++) {
			spin_lock(&lock);
			spin_unlock(&lock);
		}
		samples[s] = tenths_ns(arch_counter_read() - t0, LOCK_BATCH);
	}
	bench_report(IS_ENABLED(CONFIG_DEBUG_LOCK_ORDER) ? "lock_uncontended_lockorder" :
		     IS_ENABLED(CONFIG_DEBUG_SPINLOCK) ? "lock_uncontended_debug" :
		     "lock_uncontended", bench_median(samples, LOCK_SAMPLES), "ns");
	/* The bare ticket lock: what the preemption count and the kick check add. */
	for (s = 0; s < LOCK_SAMPLES; s++) {
		t0 = arch_counter_read();
		for (i = 0; i < LOCK_BATCH; i++) {
			raw_spin_lock(&lock.raw);
			raw_spin_unlock(&lock.raw);
		}
		samples[s] = tenths_ns(arch_counter_read() - t0, LOCK_BATCH);
	}
	bench_report("lock_uncontended_raw", bench_median(samples, LOCK_SAMPLES), "ns");
}

/* ---- Work on several CPUs at once, as cross-calls. ---- */

struct gang {
	unsigned int ncpus;
	int ready;		/* workers at the start line (atomic) */
	int done;		/* workers finished (atomic, release) */
	u64 t_start, t_end;	/* written by the boot CPU's worker */
	void (*work)(struct gang *g);
	void *arg;
};

static void gang_worker(void *arg)
{
	struct gang *g = arg;
	bool timer = smp_processor_id() == 0;

	__atomic_add_fetch(&g->ready, 1, __ATOMIC_ACQ_REL);
	while (load_acquire(&g->ready) < (int)g->ncpus)
		arch_cpu_relax();
	if (timer)
		g->t_start = arch_counter_read();
	g->work(g);
	__atomic_add_fetch(&g->done, 1, __ATOMIC_RELEASE);
	if (!timer)
		return;
	while (load_acquire(&g->done) < (int)g->ncpus)
		arch_cpu_relax();
	g->t_end = arch_counter_read();
}

/* Run work on the first ncpus CPUs (the boot CPU among them); ticks taken. */
static u64 gang_run(unsigned int ncpus, void (*work)(struct gang *g), void *arg)
{
	struct gang g = { .ncpus = ncpus, .work = work, .arg = arg };
	cpumask_t cpus = first_cpus(ncpus);

	smp_call_function_many(&cpus, gang_worker, &g, true);
	return g.t_end - g.t_start;
}

/* ---- Contended lock: every CPU hammers one lock. ---- */

struct handoff {
	spinlock_t lock;
	u64 count;		/* protected by lock */
	u64 cpu_changes;	/* protected by lock: the holder's CPU changed */
	unsigned int last_cpu;	/* protected by lock */
};

static void handoff_work(struct gang *g)
{
	struct handoff *h = g->arg;
	unsigned long flags;
	unsigned int i;

	for (i = 0; i < HANDOFF_ITERS; i++) {
		flags = spin_lock_irqsave(&h->lock);
		h->count++;
		h->cpu_changes += h->last_cpu != smp_processor_id();
		h->last_cpu = smp_processor_id();
		spin_unlock_irqrestore(&h->lock, flags);
	}
}

static void bench_lock_handoff(unsigned int ncpus)
{
	static struct handoff h;
	u64 changes[HANDOFF_ROUNDS];
	char name[48];
	unsigned int r;
	u64 ticks;

	spin_lock_init(&h.lock, "bench_handoff");
	for (r = 0; r < HANDOFF_ROUNDS; r++) {
		h.cpu_changes = 0;
		h.last_cpu = ~0u;
		ticks = gang_run(ncpus, handoff_work, &h);
		samples[r] = tenths_ns(ticks, (u64)ncpus * HANDOFF_ITERS);
		/* tenths of a percent of the acquisitions */
		changes[r] = h.cpu_changes * 1000 / ((u64)ncpus * HANDOFF_ITERS);
	}
	snprintf(name, sizeof(name), "lock_handoff_cpus%u", ncpus);
	bench_report(name, bench_median(samples, HANDOFF_ROUNDS), "ns");
	/* A ticket lock is FIFO: how often the lock changed CPU (Linux's peer says too). */
	snprintf(name, sizeof(name), "lock_handoff_cpus%u_cpu_changes", ncpus);
	bench_report(name, bench_median(changes, HANDOFF_ROUNDS), "%");
}

/* ---- IPI round trip: CPU 0 -> CPU 1 -> CPU 0, raw IPIs. ---- */

static int ipi_pong;
static int ipi_one_way;		/* CPU 1 notes the time instead of answering */
static u64 ipi_seen;		/* CPU 1's counter in the handler (one way) */

static void bench_ipi_handler(void)
{
	if (smp_processor_id() == 0)
		store_release(&ipi_pong, 1);
	else if (load_acquire(&ipi_one_way))
		store_release(&ipi_seen, arch_counter_read());
	else
		ipi_send(0, IPI_TEST);
}

/* One round trip in ticks, or 0 when the answer never came. */
static u64 ipi_round_trip(unsigned int peer)
{
	u64 deadline = time_ns() + BENCH_WAIT_NS;
	u64 t0;

	WRITE_ONCE(ipi_pong, 0);
	t0 = arch_counter_read();
	ipi_send(peer, IPI_TEST);
	while (!load_acquire(&ipi_pong)) {
		if (time_ns() > deadline)
			return 0;
		arch_cpu_relax();
	}
	return arch_counter_read() - t0;
}

static void bench_ipi_roundtrip(void)
{
	unsigned int s;
	u64 ticks;

	ipi_set_test_handler(bench_ipi_handler);
	for (s = 0; s < BENCH_SAMPLES; s++) {
		ticks = ipi_round_trip(1);
		if (!ticks) {
			pr_err("[BENCH] ipi_roundtrip: CPU 1 did not answer\n");
			ipi_set_test_handler(NULL);
			return;
		}
		samples[s] = tenths_ns(ticks, 1);
	}
	ipi_set_test_handler(NULL);
	bench_report("ipi_roundtrip", bench_median(samples, BENCH_SAMPLES), "ns");
}

/*
 * One way, to a CPU that has been idle for 2 ms, as wake_latency's
 * receiver is: the part of a remote wake-up that is the IPI reaching a
 * halted CPU (under QEMU: the host waking that vCPU's thread).
 */
static void bench_ipi_wake_idle(void)
{
	u64 deadline, t0;
	unsigned int s;

	store_release(&ipi_one_way, 1);
	ipi_set_test_handler(bench_ipi_handler);
	for (s = 0; s < WAKE_SAMPLES; s++) {
		sleep_ms(2);
		store_release(&ipi_seen, 0);
		deadline = time_ns() + BENCH_WAIT_NS;
		t0 = arch_counter_read();
		ipi_send(1, IPI_TEST);
		while (!load_acquire(&ipi_seen) && time_ns() < deadline)
			arch_cpu_relax();
		if (!load_acquire(&ipi_seen)) {
			pr_err("[BENCH] ipi_wake_idle: CPU 1 did not answer\n");
			break;
		}
		samples[s] = tenths_ns(load_acquire(&ipi_seen) - t0, 1);
	}
	ipi_set_test_handler(NULL);
	store_release(&ipi_one_way, 0);
	if (s == WAKE_SAMPLES)
		bench_report("ipi_wake_idle", bench_median(samples, WAKE_SAMPLES), "ns");
}

/* ---- Cross-calls: one CPU, then every online CPU. ---- */

static void bench_nop(void *arg)
{
}

static void bench_call_single(void)
{
	unsigned int s;
	u64 t0;

	for (s = 0; s < BENCH_SAMPLES; s++) {
		t0 = arch_counter_read();
		smp_call_function_single(1, bench_nop, NULL, true);
		samples[s] = tenths_ns(arch_counter_read() - t0, 1);
	}
	bench_report("smp_call_single", bench_median(samples, BENCH_SAMPLES), "ns");
}

static void bench_call_many(void)
{
	char name[32];
	unsigned int s;
	u64 t0;

	for (s = 0; s < BENCH_SAMPLES; s++) {
		t0 = arch_counter_read();
		smp_call_function_many(cpu_online_mask(), bench_nop, NULL, true);
		samples[s] = tenths_ns(arch_counter_read() - t0, 1);
	}
	snprintf(name, sizeof(name), "smp_call_many_cpus%u", num_online_cpus());
	bench_report(name, bench_median(samples, BENCH_SAMPLES), "ns");
}

/* ---- Scheduler: yield, ports, wake-up. ---- */

struct yield_pair {
	int stop;		/* set by the timed task when done (atomic) */
};

static int yield_partner(void *arg)
{
	struct yield_pair *yp = arg;

	while (!load_acquire(&yp->stop))
		yield();
	return 0;
}

/* Each yield() of the timed task is two switches: to the partner and back. */
static int yield_timed(void *arg)
{
	struct yield_pair *yp = arg;
	unsigned int s, i;
	u64 t0;

	for (s = 0; s < LOCK_SAMPLES; s++) {
		t0 = arch_counter_read();
		for (i = 0; i < YIELD_BATCH; i++)
			yield();
		samples[s] = tenths_ns(arch_counter_read() - t0, 2 * YIELD_BATCH);
	}
	store_release(&yp->stop, 1);
	return 0;
}

static void bench_yield(void)
{
	struct yield_pair yp = { .stop = 0 };
	struct task *a, *b;

	b = task_create_on("bench_yb", yield_partner, &yp, SCHED_PRIO_DEFAULT, 0);
	a = task_create_on("bench_ya", yield_timed, &yp, SCHED_PRIO_DEFAULT, 0);
	if (!a || !b) {
		pr_err("[BENCH] yield_switch: cannot create tasks\n");
		store_release(&yp.stop, 1);
	}
	if (a)
		task_join(a);
	if (b)
		task_join(b);
	if (a && b)
		bench_report("yield_switch", bench_median(samples, LOCK_SAMPLES), "ns");
}

struct pingpong {
	struct port *to_b, *to_a;
};

/* CPU 1's side: answer every message; tag 0 ends it. */
static int pong_task(void *arg)
{
	struct pingpong *pp = arg;
	struct msg m;

	while (port_recv(pp->to_b, &m) == 0 && m.tag) {
		/* For the wake-up figure: how long after the send we ran. */
		m.w[1] = arch_counter_read() - m.w[0];
		port_send(pp->to_a, &m);
	}
	return 0;
}

/* One round trip (ticks); *wake_ticks: send -> the receiver running. */
static u64 ping(struct pingpong *pp, u64 *wake_ticks)
{
	struct msg m = { .tag = 1 };
	u64 t0 = arch_counter_read();

	m.w[0] = t0;
	port_send(pp->to_b, &m);
	port_recv(pp->to_a, &m);
	*wake_ticks = m.w[1];
	return arch_counter_read() - t0;
}

static void bench_ports(void)
{
	struct pingpong pp = { port_create(4), port_create(4) };
	struct msg stop = { .tag = 0 };
	struct task *b = NULL;
	unsigned int s;
	u64 wake;

	if (pp.to_b && pp.to_a)
		b = task_create_on("bench_pong", pong_task, &pp, SCHED_PRIO_DEFAULT, 1);
	if (!b) {
		pr_err("[BENCH] port_pingpong: cannot create ports or task\n");
		goto out;
	}
	/* Back to back: the receiver is often still awake. */
	for (s = 0; s < BENCH_SAMPLES; s++)
		samples[s] = tenths_ns(ping(&pp, &wake), 1);
	bench_report("port_pingpong", bench_median(samples, BENCH_SAMPLES), "ns");
	/* With a pause: CPU 1 has gone idle, the send must wake it remotely. */
	for (s = 0; s < WAKE_SAMPLES; s++) {
		sleep_ms(2);
		ping(&pp, &wake);
		samples[s] = tenths_ns(wake, 1);
	}
	bench_report("wake_latency", bench_median(samples, WAKE_SAMPLES), "ns");
	port_send(pp.to_b, &stop);
	task_join(b);
out:
	if (pp.to_b)
		port_destroy(pp.to_b);
	if (pp.to_a)
		port_destroy(pp.to_a);
}

/* ---- Scaling: one fixed CPU-bound job split into many tasks. ---- */

static u64 scale_sink;

static int scale_piece(void *arg)
{
	__atomic_add_fetch(&scale_sink, bench_scale_work((uintptr_t)arg), __ATOMIC_RELAXED);
	return 0;
}

/* Wall time in ticks of the whole job on the CPUs of mask. */
static u64 scale_job(const cpumask_t *mask)
{
	static struct task *tasks[SCALE_PIECES];
	u64 t0 = arch_counter_read();
	unsigned int i;

	for (i = 0; i < SCALE_PIECES; i++)
		tasks[i] = task_create_named("bench_job", scale_piece, (void *)(uintptr_t)i,
					     SCHED_PRIO_DEFAULT, mask);
	for (i = 0; i < SCALE_PIECES; i++)
		if (tasks[i])
			task_join(tasks[i]);
	return arch_counter_read() - t0;
}

/*
 * Runs with 1, 2 and 4 CPUs take turns, so that a slow spell of the host
 * lands on all of them alike rather than on one CPU count.
 */
static void bench_scaling(unsigned int online)
{
	static u64 runs[3][SCALE_RUNS];
	unsigned int r, i, n;
	char name[32];

	cpumask_t cpus;

	for (r = 0; r < SCALE_RUNS; r++)
		for (i = 0, n = 1; i < 3 && n <= online; i++, n *= 2) {
			cpus = first_cpus(n);
			/* tenths of a ms: ns * 10 / 10^6 */
			runs[i][r] = tenths_ns(scale_job(&cpus), 1000000);
		}
	for (i = 0, n = 1; i < 3 && n <= online; i++, n *= 2) {
		snprintf(name, sizeof(name), "scaling_cpus%u", n);
		bench_report(name, bench_median(runs[i], SCALE_RUNS), "ms");
	}
}

/* ---- Balancing: 16 tasks start on CPU 0; how soon are they spread? ---- */

static int balance_stop;

static int balance_spinner(void *arg)
{
	while (!load_acquire(&balance_stop))
		arch_cpu_relax();
	return 0;
}

/* Within one of an even spread over the online CPUs? */
static bool balance_even(struct task **t, unsigned int online)
{
	static unsigned int count[CONFIG_MAX_CPUS];	/* 2 KiB at 512 CPUs: not on the stack */
	unsigned int i, lo = BALANCE_TASKS, hi = 0;

	memset(count, 0, sizeof(count));
	for (i = 0; i < BALANCE_TASKS; i++)
		count[task_cpu(t[i]) % CONFIG_MAX_CPUS]++;
	for (i = 0; i < online; i++) {
		lo = MIN(lo, count[i]);
		hi = MAX(hi, count[i]);
	}
	return hi - lo <= 1;
}

static void bench_balance(unsigned int online)
{
	static struct task *t[BALANCE_TASKS];
	u64 t0, deadline, migrations = 0;
	bool even = false;
	char name[48];
	unsigned int i;

	store_release(&balance_stop, 0);
	for (i = 0; i < BALANCE_TASKS; i++)
		t[i] = task_create_on("bench_bal", balance_spinner, NULL, SCHED_PRIO_DEFAULT, 0);
	for (i = 0; i < BALANCE_TASKS; i++)
		if (t[i])
			task_set_affinity(t[i], cpu_all_mask);
	t0 = time_ns();
	deadline = t0 + BALANCE_WAIT_MS * 1000000ull;
	while (time_ns() < deadline && !(even = balance_even(t, online)))
		sleep_ms(1);
	snprintf(name, sizeof(name), "balance_%s_time", sched_policy_name());
	bench_report(name, (time_ns() - t0) / 100000, "ms");
	for (i = 0; i < BALANCE_TASKS; i++)
		migrations += task_migrations(t[i]);
	snprintf(name, sizeof(name), "balance_%s_migrations", sched_policy_name());
	bench_report(name, migrations * 10, "tasks");
	snprintf(name, sizeof(name), "balance_%s_even", sched_policy_name());
	bench_report(name, even ? 10 : 0, "bool");
	store_release(&balance_stop, 1);
	for (i = 0; i < BALANCE_TASKS; i++)
		if (t[i])
			task_join(t[i]);
}

static void bench_locks(unsigned int online)
{
	unsigned int n;

	bench_lock_uncontended();
	for (n = 2; n <= online && n <= 4; n *= 2)
		bench_lock_handoff(n);
}

static void bench_ipi(unsigned int online)
{
	bench_ipi_roundtrip();
	bench_ipi_wake_idle();
}

static void bench_calls(unsigned int online)
{
	bench_call_single();
	bench_call_many();
}

static void bench_switch(unsigned int online)
{
	bench_yield();
}

static void bench_port(unsigned int online)
{
	bench_ports();
}

/* The benchmarks by name, in the order "bench" runs them. */
static const struct {
	const char *name;
	unsigned int min_cpus;
	void (*run)(unsigned int online);
} benches[] = {
	{ "locks", 1, bench_locks },
	{ "ipi", 2, bench_ipi },
	{ "calls", 2, bench_calls },
	{ "yield", 1, bench_switch },
	{ "ports", 2, bench_port },
	{ "scaling", 1, bench_scaling },
	{ "balance", 2, bench_balance },
};

const char *bench_nth(unsigned int n)
{
	return n < ARRAY_SIZE(benches) ? benches[n].name : NULL;
}

int bench_run_named(const char *name, bool (*stop)(void))
{
	unsigned int online = num_online_cpus(), i, ran = 0;

	pr_info("[BENCH] start: %u CPU(s), counter %llu Hz\n", online,
		(unsigned long long)arch_counter_freq());
	for (i = 0; i < ARRAY_SIZE(benches) && !(stop && stop()); i++) {
		if (name && strcmp(name, benches[i].name))
			continue;
		ran++;
		if (online < benches[i].min_cpus)
			pr_info("[BENCH] %s: needs %u CPUs, skipped\n", benches[i].name,
				benches[i].min_cpus);
		else
			benches[i].run(online);
	}
	pr_info("[BENCH] done\n");
	return name && !ran ? -ENOENT : 0;
}

static bool bench_known(const char *name)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(benches); i++)
		if (!strcmp(name, benches[i].name))
			return true;
	return false;
}

/*
 * "bench" runs them all; "bench=ports,scaling" the named ones, in the
 * list's order (make bench runs scaling apart, when the host is quiet).
 */
void bench_run(void)
{
	char list[128], *name, *next;

	if (!cmdline_get("bench", list, sizeof(list)) || !list[0]) {
		bench_run_named(NULL, NULL);
		return;
	}
	for (name = list; name; name = next) {
		next = strchr(name, ',');
		if (next)
			*next++ = '\0';
		if (!*name)
			continue;
		if (bench_known(name))
			bench_run_named(name, NULL);
		else
			pr_err("[BENCH] no benchmark '%s'\n", name);
	}
}
