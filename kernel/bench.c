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
 * Work on the other CPUs runs as cross-calls (smp_call_function_many),
 * that is in their IPI handlers with interrupts off: every worker
 * meets the others at a start line, so all of them run the measured
 * part together, and the boot CPU, which is one of the workers, reads
 * the counter at the start line and after the last worker is done.
 */
#include <sis/arch.h>
#include <sis/bench.h>
#include <sis/cmdline.h>
#include <sis/ipi.h>
#include <sis/percpu.h>
#include <sis/printk.h>
#include <sis/smp.h>
#include <sis/spinlock.h>
#include <sis/time.h>

#define BENCH_SAMPLES	101	/* odd, so the median is one sample */
#define LOCK_SAMPLES	63
#define LOCK_BATCH	1000	/* lock+unlock pairs per sample */
#define HANDOFF_ROUNDS	5
#define HANDOFF_ITERS	400	/* acquisitions per CPU per round */
#define SCALE_RUNS	5
#define SCALE_CHUNKS	64	/* the job is split into this many pieces */
#define SCALE_CHUNK_WORK 400000	/* xorshift steps per piece */
#define BENCH_WAIT_NS	(1000 * 1000 * 1000ull)

/* Sample buffer: only the boot CPU writes it, one benchmark at a time. */
static u64 samples[BENCH_SAMPLES];

static u64 median(u64 *v, unsigned int n)
{
	unsigned int i, j;
	u64 x;

	for (i = 1; i < n; i++) {
		x = v[i];
		for (j = i; j > 0 && v[j - 1] > x; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
	return v[n / 2];
}

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

/* The first n online CPUs, or 0 when fewer are online. */
static cpumask_t first_cpus(unsigned int n)
{
	cpumask_t online = cpu_online_mask(), mask = 0;
	unsigned int cpu;

	for (cpu = 0; cpu < CONFIG_MAX_CPUS && n; cpu++) {
		if (online & BIT(cpu)) {
			mask |= BIT(cpu);
			n--;
		}
	}
	return n ? 0 : mask;
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
		     "lock_uncontended", median(samples, LOCK_SAMPLES), "ns");
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

	smp_call_function_many(first_cpus(ncpus), gang_worker, &g, true);
	return g.t_end - g.t_start;
}

/* ---- Contended lock: every CPU hammers one lock. ---- */

struct handoff {
	spinlock_t lock;
	u64 count;		/* protected by lock */
};

static void handoff_work(struct gang *g)
{
	struct handoff *h = g->arg;
	unsigned long flags;
	unsigned int i;

	for (i = 0; i < HANDOFF_ITERS; i++) {
		flags = spin_lock_irqsave(&h->lock);
		h->count++;
		spin_unlock_irqrestore(&h->lock, flags);
	}
}

static void bench_lock_handoff(unsigned int ncpus)
{
	static struct handoff h;
	char name[32];
	unsigned int r;
	u64 ticks;

	spin_lock_init(&h.lock, "bench_handoff");
	for (r = 0; r < HANDOFF_ROUNDS; r++) {
		ticks = gang_run(ncpus, handoff_work, &h);
		samples[r] = tenths_ns(ticks, (u64)ncpus * HANDOFF_ITERS);
	}
	snprintf(name, sizeof(name), "lock_handoff_cpus%u", ncpus);
	bench_report(name, median(samples, HANDOFF_ROUNDS), "ns");
}

/* ---- IPI round trip: CPU 0 -> CPU 1 -> CPU 0, raw IPIs. ---- */

static int ipi_pong;

static void bench_ipi_handler(void)
{
	if (smp_processor_id() == 0)
		store_release(&ipi_pong, 1);
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
	bench_report("ipi_roundtrip", median(samples, BENCH_SAMPLES), "ns");
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
	bench_report("smp_call_single", median(samples, BENCH_SAMPLES), "ns");
}

static void bench_call_many(void)
{
	cpumask_t all = cpu_online_mask();
	char name[32];
	unsigned int s;
	u64 t0;

	for (s = 0; s < BENCH_SAMPLES; s++) {
		t0 = arch_counter_read();
		smp_call_function_many(all, bench_nop, NULL, true);
		samples[s] = tenths_ns(arch_counter_read() - t0, 1);
	}
	snprintf(name, sizeof(name), "smp_call_many_cpus%u", num_online_cpus());
	bench_report(name, median(samples, BENCH_SAMPLES), "ns");
}

/* ---- Scaling: one fixed CPU-bound job, shared out in pieces. ---- */

struct scale_job {
	int next;		/* next piece to hand out (atomic) */
	u64 sink;		/* results, so the work is not optimised away */
};

static u64 scale_piece(u64 seed)
{
	u64 x = seed * 0x9e3779b97f4a7c15ull + 1;
	unsigned int i;

	for (i = 0; i < SCALE_CHUNK_WORK; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
	}
	return x;
}

static void scale_work(struct gang *g)
{
	struct scale_job *job = g->arg;
	u64 acc = 0;
	int piece;

	while ((piece = __atomic_fetch_add(&job->next, 1, __ATOMIC_RELAXED)) < SCALE_CHUNKS)
		acc += scale_piece((u64)piece);
	__atomic_add_fetch(&job->sink, acc, __ATOMIC_RELAXED);
}

/*
 * Runs with 1, 2 and 4 CPUs take turns, so that a slow spell of the host
 * lands on all of them alike rather than on one CPU count.
 */
static void bench_scaling(unsigned int online)
{
	static u64 runs[3][SCALE_RUNS];
	struct scale_job job;
	unsigned int r, i, n;
	char name[32];

	for (r = 0; r < SCALE_RUNS; r++) {
		for (i = 0, n = 1; i < 3 && n <= online; i++, n *= 2) {
			job.next = 0;
			job.sink = 0;
			/* tenths of a ms: ns * 10 / 10^6 */
			runs[i][r] = tenths_ns(gang_run(n, scale_work, &job), 1000000);
		}
	}
	for (i = 0, n = 1; i < 3 && n <= online; i++, n *= 2) {
		snprintf(name, sizeof(name), "scaling_cpus%u", n);
		bench_report(name, median(runs[i], SCALE_RUNS), "ms");
	}
}

void bench_run(void)
{
	unsigned int online = num_online_cpus(), n;

	if (!cmdline_has("bench"))
		return;
	pr_info("[BENCH] start: %u CPU(s), counter %llu Hz\n", online,
		(unsigned long long)arch_counter_freq());
	bench_lock_uncontended();
	for (n = 2; n <= online && n <= 4; n *= 2)
		bench_lock_handoff(n);
	if (online >= 2) {
		bench_ipi_roundtrip();
		bench_call_single();
		bench_call_many();
	}
	bench_scaling(online);
	pr_info("[BENCH] done\n");
}
