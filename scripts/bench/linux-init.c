/*
 * The Linux peers of sis's in-kernel microbenchmarks (kernel/bench.c):
 * booted as /init from an initramfs by Debian's Linux kernel on the
 * board's own QEMU line, it measures what the same operation costs a
 * Linux program, prints one "[LXBENCH] name value unit" line a figure
 * and powers the machine off. Built static by scripts/bench.py with
 * Debian's gcc (x86_64) and aarch64-linux-gnu-gcc (arm64).
 *
 * The statistics are sis's: the same sample counts and batch sizes,
 * the median of the samples, the architecture counter (TSC, CNTVCT)
 * for timing, as kernel/bench.c does. Peers:
 *
 *	lock_uncontended	pthread_spin_lock + unlock, one CPU
 *	lock_handoff_cpusN	N threads pinned to CPUs 0..N-1 take one
 *				pthread spinlock 400 times each
 *	yield_switch		two threads on CPU 0 calling sched_yield
 *	port_pingpong_pipe	a round trip CPU 0 -> CPU 1 -> CPU 0
 *	port_pingpong_futex	through two pipes / one futex word
 *	wake_latency		futex_wake to a thread blocked in
 *				futex_wait on an idle CPU 1, until it runs
 *	scaling_cpusN		64 threads of the same xorshift job on the
 *				first N CPUs; wall time
 *	getpid, mmap_shootdown	the user-mode figures' peers
 *
 * Without arguments (as init) it runs everything; "linux-init NAME..."
 * runs the named parts (locks yield ports wake scaling user) and exits
 * instead of powering off, so it can be tried on the host.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

/* What only the peer needs (the shared counts are in sis/bench_peer.h). */
#define WAKE_PAUSE_NS	2000000	/* sis sleeps 2 ms so that CPU 1 goes idle */
#define GETPID_BATCH	1000
#define MAX_CPUS	64
#define THREAD_STACK	(64 * 1024)

typedef uint64_t u64;

#include <sis/bench_peer.h>	/* the counts, the median and the job, as sis has them */

static u64 samples[BENCH_SAMPLES];
static double counter_hz;
static int ncpus;

/* ---- the counter sis uses ---- */

static inline u64 counter_read(void)
{
#if defined(__x86_64__)
	uint32_t lo, hi;

	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((u64)hi << 32) | lo;
#elif defined(__aarch64__)
	u64 v;

	__asm__ __volatile__("isb\n\tmrs %0, cntvct_el0" : "=r"(v) :: "memory");
	return v;
#else
#error "linux-init: x86_64 or aarch64 only"
#endif
}

#if !defined(__aarch64__)
static double mono_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}
#endif

/* arm64 says its frequency; the TSC's is measured against CLOCK_MONOTONIC. */
static void counter_init(void)
{
#if defined(__aarch64__)
	u64 f;

	__asm__ __volatile__("mrs %0, cntfrq_el0" : "=r"(f));
	counter_hz = (double)f;
#else
	double t0 = mono_s(), t1;
	u64 c0 = counter_read(), c1;

	do {
		t1 = mono_s();
	} while (t1 - t0 < 0.2);
	c1 = counter_read();
	counter_hz = (c1 - c0) / (t1 - t0);
#endif
}

/* Counter ticks to tenths of a nanosecond per operation, as sis prints. */
static u64 tenths_ns(u64 ticks, u64 ops)
{
	return (u64)(ticks * 1e10 / counter_hz) / (ops ? ops : 1);
}


/* value in tenths of unit, as "[BENCH] name value unit" in sis. */
static void report(const char *name, u64 value, const char *unit)
{
	printf("[LXBENCH] %s %llu.%llu %s\n", name, (unsigned long long)(value / 10),
	       (unsigned long long)(value % 10), unit);
	fflush(stdout);
}

static void say(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	printf("[LXBENCH] ");
	vprintf(fmt, ap);
	va_end(ap);
	fflush(stdout);
}

/* ---- threads pinned to CPUs ---- */

static int pin_self(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	return sched_setaffinity(0, sizeof(set), &set);
}

/* A thread allowed on the first n CPUs (n 1: CPU first only, see below). */
static int spawn_on(pthread_t *t, int first, int n, void *(*fn)(void *), void *arg)
{
	pthread_attr_t attr;
	cpu_set_t set;
	int i, err;

	CPU_ZERO(&set);
	for (i = first; i < first + n; i++)
		CPU_SET(i, &set);
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, THREAD_STACK);
	pthread_attr_setaffinity_np(&attr, sizeof(set), &set);
	err = pthread_create(t, &attr, fn, arg);
	pthread_attr_destroy(&attr);
	if (err)
		say("error: pthread_create: %s\n", strerror(err));
	return err;
}

static long futex(int *word, int op, int val)
{
	return syscall(SYS_futex, word, op | FUTEX_PRIVATE_FLAG, val, NULL, NULL, 0);
}

/* Block until *word is no longer val. */
static void futex_wait_ne(int *word, int val)
{
	while (__atomic_load_n(word, __ATOMIC_ACQUIRE) == val)
		futex(word, FUTEX_WAIT, val);
}

static void futex_set_wake(int *word, int val)
{
	__atomic_store_n(word, val, __ATOMIC_RELEASE);
	futex(word, FUTEX_WAKE, 1);
}

/* ---- locks ---- */

static void bench_lock_uncontended(void)
{
	pthread_spinlock_t lock;
	unsigned int s, i;
	u64 t0;

	pthread_spin_init(&lock, PTHREAD_PROCESS_PRIVATE);
	pin_self(0);
	for (s = 0; s < LOCK_SAMPLES; s++) {
		t0 = counter_read();
		for (i = 0; i < LOCK_BATCH; i++) {
			pthread_spin_lock(&lock);
			pthread_spin_unlock(&lock);
		}
		samples[s] = tenths_ns(counter_read() - t0, LOCK_BATCH);
	}
	report("lock_uncontended", bench_median(samples, LOCK_SAMPLES), "ns");
}

/* kernel/bench.c's gang: every worker meets the others at a start line. */
struct gang {
	int n, ready, done;
	u64 t_start, t_end;
	pthread_spinlock_t lock;
	unsigned long long count;	/* protected by lock */
	unsigned long long handoffs;	/* protected by lock: holder's CPU changed */
	int last_cpu;			/* protected by lock */
};

struct gang_arg {
	struct gang *g;
	int cpu;
};

static void *handoff_worker(void *p)
{
	struct gang_arg *a = p;
	struct gang *g = a->g;
	int i;

	__atomic_add_fetch(&g->ready, 1, __ATOMIC_ACQ_REL);
	while (__atomic_load_n(&g->ready, __ATOMIC_ACQUIRE) < g->n)
		;
	if (a->cpu == 0)
		g->t_start = counter_read();
	for (i = 0; i < HANDOFF_ITERS; i++) {
		pthread_spin_lock(&g->lock);
		g->count++;
		g->handoffs += g->last_cpu != a->cpu;
		g->last_cpu = a->cpu;
		pthread_spin_unlock(&g->lock);
	}
	__atomic_add_fetch(&g->done, 1, __ATOMIC_RELEASE);
	if (a->cpu == 0) {
		while (__atomic_load_n(&g->done, __ATOMIC_ACQUIRE) < g->n)
			;
		g->t_end = counter_read();
	}
	return NULL;
}

static void bench_lock_handoff(int n)
{
	struct gang_arg args[MAX_CPUS];
	pthread_t t[MAX_CPUS];
	static u64 handoffs[HANDOFF_ROUNDS];
	struct gang g;
	char name[48];
	int r, i;

	for (r = 0; r < HANDOFF_ROUNDS; r++) {
		memset(&g, 0, sizeof(g));
		g.n = n;
		g.last_cpu = -1;
		pthread_spin_init(&g.lock, PTHREAD_PROCESS_PRIVATE);
		for (i = 0; i < n; i++) {
			args[i] = (struct gang_arg){ &g, i };
			if (spawn_on(&t[i], i, 1, handoff_worker, &args[i]))
				return;
		}
		for (i = 0; i < n; i++)
			pthread_join(t[i], NULL);
		if (g.count != (unsigned long long)n * HANDOFF_ITERS)
			say("error: lock_handoff lost updates\n");
		samples[r] = tenths_ns(g.t_end - g.t_start, (u64)n * HANDOFF_ITERS);
		/* tenths of a percent of the acquisitions */
		handoffs[r] = g.handoffs * 1000 / ((u64)n * HANDOFF_ITERS);
	}
	snprintf(name, sizeof(name), "lock_handoff_cpus%d", n);
	report(name, bench_median(samples, HANDOFF_ROUNDS), "ns");
	/* pthread spinlocks are not fair: how often the lock changed CPU. */
	snprintf(name, sizeof(name), "lock_handoff_cpus%d_cpu_changes", n);
	report(name, bench_median(handoffs, HANDOFF_ROUNDS), "%");
}

static void bench_locks(void)
{
	int n;

	bench_lock_uncontended();
	for (n = 2; n <= ncpus && n <= 4; n *= 2)
		bench_lock_handoff(n);
}

/* ---- yield: two threads on CPU 0 ---- */

static int yield_stop;

static void *yield_partner(void *p)
{
	(void)p;
	while (!__atomic_load_n(&yield_stop, __ATOMIC_ACQUIRE))
		sched_yield();
	return NULL;
}

/* Each sched_yield() of the timed thread is two switches, as in sis. */
static void *yield_timed(void *p)
{
	unsigned int s, i;
	u64 t0;

	(void)p;
	for (s = 0; s < LOCK_SAMPLES; s++) {
		t0 = counter_read();
		for (i = 0; i < YIELD_BATCH; i++)
			sched_yield();
		samples[s] = tenths_ns(counter_read() - t0, 2 * YIELD_BATCH);
	}
	__atomic_store_n(&yield_stop, 1, __ATOMIC_RELEASE);
	return NULL;
}

static void bench_yield(void)
{
	pthread_t a, b;

	yield_stop = 0;
	pin_self(ncpus > 1 ? 1 : 0);	/* the main thread waits elsewhere */
	if (spawn_on(&b, 0, 1, yield_partner, NULL))
		return;
	if (spawn_on(&a, 0, 1, yield_timed, NULL)) {
		yield_stop = 1;
		pthread_join(b, NULL);
		return;
	}
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	report("yield_switch", bench_median(samples, LOCK_SAMPLES), "ns");
}

/* ---- ping-pong CPU 0 <-> CPU 1: pipes and a futex ---- */

struct pingpong {
	int to_b[2], to_a[2];	/* pipes */
	int seq;		/* futex word: odd from A, even from B */
	int use_futex;
};

static void *pong_thread(void *p)
{
	struct pingpong *pp = p;
	u64 m;
	int seq = 0;

	for (;;) {
		if (pp->use_futex) {
			futex_wait_ne(&pp->seq, seq);
			seq = __atomic_load_n(&pp->seq, __ATOMIC_ACQUIRE);
			if (seq < 0)
				return NULL;
			futex_set_wake(&pp->seq, ++seq);
		} else {
			if (read(pp->to_b[0], &m, sizeof(m)) != sizeof(m) || !m)
				return NULL;
			if (write(pp->to_a[1], &m, sizeof(m)) != sizeof(m))
				return NULL;
		}
	}
}

static u64 ping_once(struct pingpong *pp, int *seq)
{
	u64 t0 = counter_read(), m = 1;

	if (pp->use_futex) {
		futex_set_wake(&pp->seq, ++*seq);
		futex_wait_ne(&pp->seq, *seq);
		++*seq;
	} else {
		if (write(pp->to_b[1], &m, sizeof(m)) != sizeof(m) ||
		    read(pp->to_a[0], &m, sizeof(m)) != sizeof(m))
			say("error: pipe ping-pong: %s\n", strerror(errno));
	}
	return counter_read() - t0;
}

static void pingpong_run(int use_futex)
{
	struct pingpong pp = { .use_futex = use_futex };
	pthread_t b;
	unsigned int s;
	int seq = 0;
	u64 stop = 0;

	if (pipe(pp.to_b) || pipe(pp.to_a)) {
		say("error: pipe: %s\n", strerror(errno));
		return;
	}
	pin_self(0);
	if (spawn_on(&b, 1, 1, pong_thread, &pp))
		return;
	ping_once(&pp, &seq);	/* the partner is running */
	for (s = 0; s < BENCH_SAMPLES; s++)
		samples[s] = tenths_ns(ping_once(&pp, &seq), 1);
	if (use_futex)
		futex_set_wake(&pp.seq, -1);
	else if (write(pp.to_b[1], &stop, sizeof(stop)) != sizeof(stop))
		say("error: pipe: %s\n", strerror(errno));
	pthread_join(b, NULL);
	close(pp.to_b[0]), close(pp.to_b[1]), close(pp.to_a[0]), close(pp.to_a[1]);
	report(use_futex ? "port_pingpong_futex" : "port_pingpong_pipe",
	       bench_median(samples, BENCH_SAMPLES), "ns");
}

/* ---- wake-up latency: a futex_wake to a thread asleep on idle CPU 1 ---- */

struct wake {
	int go, ack;		/* futex words: sample numbers */
	u64 t_send, ticks;
};

static void *wake_thread(void *p)
{
	struct wake *w = p;
	int k;

	for (k = 0;; k++) {
		futex_wait_ne(&w->go, k);
		if (__atomic_load_n(&w->go, __ATOMIC_ACQUIRE) < 0)
			return NULL;
		w->ticks = counter_read() - w->t_send;
		futex_set_wake(&w->ack, k + 1);
	}
}

static void bench_wake(void)
{
	struct timespec pause = { 0, WAKE_PAUSE_NS };
	struct wake w = { 0 };
	pthread_t b;
	int s;

	pin_self(0);
	if (spawn_on(&b, 1, 1, wake_thread, &w))
		return;
	for (s = 0; s < WAKE_SAMPLES; s++) {
		nanosleep(&pause, NULL);
		w.t_send = counter_read();
		futex_set_wake(&w.go, s + 1);
		futex_wait_ne(&w.ack, s);
		samples[s] = tenths_ns(w.ticks, 1);
	}
	futex_set_wake(&w.go, -1);
	pthread_join(b, NULL);
	report("wake_latency", bench_median(samples, WAKE_SAMPLES), "ns");
}

static void bench_ports(void)
{
	pingpong_run(0);
	pingpong_run(1);
}

/* ---- scaling: kernel/bench.c's job, as threads ---- */

static u64 scale_sink;

static void *scale_piece(void *arg)
{
	__atomic_add_fetch(&scale_sink, bench_scale_work((uintptr_t)arg), __ATOMIC_RELAXED);
	return NULL;
}

static u64 scale_job(int n)
{
	static pthread_t t[SCALE_PIECES];
	static int made[SCALE_PIECES];
	u64 t0 = counter_read();
	int i;

	for (i = 0; i < SCALE_PIECES; i++)
		made[i] = !spawn_on(&t[i], 0, n, scale_piece, (void *)(uintptr_t)i);
	for (i = 0; i < SCALE_PIECES; i++)
		if (made[i])
			pthread_join(t[i], NULL);
	return counter_read() - t0;
}

/* 1, 2 and 4 CPUs take turns, as in sis. */
static void bench_scaling(void)
{
	static u64 runs[3][SCALE_RUNS];
	int r, i, n;
	char name[32];

	pin_self(0);
	for (r = 0; r < SCALE_RUNS; r++)
		for (i = 0, n = 1; i < 3 && n <= ncpus; i++, n *= 2)
			runs[i][r] = tenths_ns(scale_job(n), 1000000);
	for (i = 0, n = 1; i < 3 && n <= ncpus; i++, n *= 2) {
		snprintf(name, sizeof(name), "scaling_cpus%d", n);
		report(name, bench_median(runs[i], SCALE_RUNS), "ms");
	}
}

/* ---- the user-mode figures: a system call, and a TLB shootdown ---- */

static void bench_getpid(void)
{
	unsigned int s, i;
	u64 t0;

	pin_self(0);
	for (s = 0; s < LOCK_SAMPLES; s++) {
		t0 = counter_read();
		for (i = 0; i < GETPID_BATCH; i++)
			syscall(SYS_getpid);
		samples[s] = tenths_ns(counter_read() - t0, GETPID_BATCH);
	}
	report("getpid", bench_median(samples, LOCK_SAMPLES), "ns");
}

struct toucher {
	volatile char *volatile page;	/* set by CPU 0, cleared by CPU 1 once read */
	int stop;
};

/* CPU 1 reads each page it is handed, then keeps running in the mm. */
static void *touch_thread(void *p)
{
	struct toucher *t = p;
	volatile char *pg;

	while (!__atomic_load_n(&t->stop, __ATOMIC_ACQUIRE)) {
		pg = t->page;
		if (pg) {
			(void)pg[0];
			t->page = NULL;
		}
	}
	return NULL;
}

/* mmap + touch + (CPU 1 uses it) + munmap; the munmap must reach CPU 1's TLB. */
static void bench_shootdown(void)
{
	struct toucher t = { 0 };
	long psz = sysconf(_SC_PAGESIZE);
	unsigned int s;
	pthread_t b;
	char *pg;
	u64 t0, total;

	pin_self(0);
	if (spawn_on(&b, 1, 1, touch_thread, &t))
		return;
	for (s = 0; s < BENCH_SAMPLES; s++) {
		t0 = counter_read();
		pg = mmap(NULL, psz, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (pg == MAP_FAILED) {
			say("error: mmap: %s\n", strerror(errno));
			break;
		}
		pg[0] = 1;
		total = counter_read() - t0;
		t.page = pg;
		while (t.page)
			;
		t0 = counter_read();
		munmap(pg, psz);
		samples[s] = tenths_ns(total + counter_read() - t0, 1);
	}
	__atomic_store_n(&t.stop, 1, __ATOMIC_RELEASE);
	pthread_join(b, NULL);
	if (s == BENCH_SAMPLES)
		report("mmap_shootdown", bench_median(samples, BENCH_SAMPLES), "ns");
}

static void bench_user(void)
{
	bench_getpid();
	if (ncpus >= 2)
		bench_shootdown();
}

/* ---- as init ---- */

static const struct {
	const char *name;
	int min_cpus;
	void (*run)(void);
} parts[] = {
	{ "locks", 1, bench_locks },
	{ "yield", 1, bench_yield },
	{ "ports", 2, bench_ports },
	{ "wake", 2, bench_wake },
	{ "scaling", 1, bench_scaling },
	{ "user", 1, bench_user },
};

/* As init there may be no console yet: the kernel opens one only if /dev/console exists. */
static void console_open(void)
{
	int fd;

	if (fcntl(1, F_GETFD) >= 0)
		return;
	mkdir("/dev", 0755);
	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	fd = open("/dev/console", O_RDWR);
	if (fd >= 0) {
		dup2(fd, 0), dup2(fd, 1), dup2(fd, 2);
		if (fd > 2)
			close(fd);
	}
}

static int wanted(int argc, char **argv, const char *name)
{
	int i;

	if (argc < 2)
		return 1;
	for (i = 1; i < argc; i++)
		if (!strcmp(argv[i], name))
			return 1;
	return 0;
}

int main(int argc, char **argv)
{
	int as_init = getpid() == 1;
	unsigned int i;

	if (as_init)
		console_open();
	ncpus = (int)sysconf(_SC_NPROCESSORS_ONLN);
	if (ncpus > MAX_CPUS)
		ncpus = MAX_CPUS;
	counter_init();
	say("start: %d CPU(s), counter %.0f Hz\n", ncpus, counter_hz);
	for (i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		if (!wanted(argc, argv, parts[i].name))
			continue;
		if (ncpus < parts[i].min_cpus)
			say("%s: needs %d CPUs, skipped\n", parts[i].name, parts[i].min_cpus);
		else
			parts[i].run();
	}
	say("done\n");
	if (!as_init)
		return 0;
	sync();
	reboot(RB_POWER_OFF);
	say("error: reboot: %s\n", strerror(errno));
	for (;;)
		pause();
}
