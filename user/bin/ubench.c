/*
 * ubench: user-mode microbenchmarks, "[BENCH] name value unit" lines as
 * the kernel's own (make bench reads them; init=/bin/ubench runs them):
 * a system call's round trip (getpid), a port ping-pong between two
 * threads on two CPUs, mmap + touch + munmap with a thread of the same
 * process on another CPU (so the unmap shoots its TLB down), and thread
 * create + join. getpid and mmap_shootdown are the Linux guest's peers
 * (scripts/bench/linux-init.c) measured the same way: the same sample
 * counts and batches, the median, one page handed to a thread on CPU 1
 * before the unmap.
 */
#include <ulib.h>

#define GETPID_N	100000
#define PINGPONG_N	5000
#define MMAP_N		500
#define MMAP_PAGES	16
#define THREAD_N	200

static unsigned int ncpus;
static long ping, pong;
static volatile int stop;

static void figure(const char *name, u64 total_ns, u64 n)
{
	printf("[BENCH] %s %llu ns\n", name, (unsigned long long)(total_ns / n));
}

#define PEER_GETPID_SAMPLES	63	/* the guest's LOCK_SAMPLES */
#define PEER_GETPID_BATCH	1000
#define PEER_SHOOT_SAMPLES	101	/* the guest's BENCH_SAMPLES */

static u64 samples[PEER_SHOOT_SAMPLES];

/* The median of v[0..n-1] (sorts v); n odd. */
static u64 median(u64 *v, unsigned int n)
{
	unsigned int i, j;
	u64 x;

	for (i = 1; i < n; i++)
		for (j = i, x = v[i]; j > 0 && v[j - 1] > x; j--)
			v[j] = v[j - 1], v[j - 1] = x;
	return v[n / 2];
}

/* value in tenths of a nanosecond, as "[BENCH] name 12.3 ns". */
static void peer_figure(const char *name, u64 tenths)
{
	printf("[BENCH] %s %llu.%llu ns\n", name, (unsigned long long)(tenths / 10),
	       (unsigned long long)(tenths % 10));
}

static void peer_getpid(void)
{
	unsigned int s, i;
	u64 t0;

	sched_setaffinity(0, 1);
	for (s = 0; s < PEER_GETPID_SAMPLES; s++) {
		t0 = clock_ns();
		for (i = 0; i < PEER_GETPID_BATCH; i++)
			getpid();
		samples[s] = (clock_ns() - t0) * 10 / PEER_GETPID_BATCH;
	}
	peer_figure("getpid", median(samples, PEER_GETPID_SAMPLES));
	sched_setaffinity(0, ~0ull);
}

static u8 *volatile handed;	/* set by CPU 0, cleared by CPU 1 once it read the page */

static int toucher(void *arg)
{
	sched_setaffinity(0, 2);
	while (!stop) {
		u8 *p = handed;

		if (p) {
			(void)*(volatile u8 *)p;
			handed = NULL;
		}
	}
	return 0;
}

/* mmap + touch, CPU 1 reads it, munmap: the unmap must reach CPU 1's TLB. */
static void peer_shootdown(void)
{
	unsigned int s;
	u64 t0, part;
	long th;
	u8 *p;

	if (ncpus < 2)
		return;
	sched_setaffinity(0, 1);
	stop = 0;
	th = thread_create(toucher, NULL);
	for (s = 0; s < PEER_SHOOT_SAMPLES; s++) {
		t0 = clock_ns();
		p = mmap(4096, PROT_READ | PROT_WRITE);
		if (!p)
			break;
		p[0] = 1;
		part = clock_ns() - t0;
		handed = p;
		while (handed)
			;
		t0 = clock_ns();
		munmap(p, 4096);
		samples[s] = (part + clock_ns() - t0) * 10;
	}
	stop = 1;
	thread_join(th);
	sched_setaffinity(0, ~0ull);
	if (s == PEER_SHOOT_SAMPLES)
		peer_figure("mmap_shootdown", median(samples, PEER_SHOOT_SAMPLES));
}

static void bench_getpid(void)
{
	u64 t0 = clock_ns();
	int i;

	for (i = 0; i < GETPID_N; i++)
		getpid();
	figure("user_syscall_getpid", clock_ns() - t0, GETPID_N);
}

static int ponger(void *arg)
{
	struct msg m;
	int i;

	sched_setaffinity(0, 1ull << (ncpus > 1 ? 1 : 0));
	for (i = 0; i < PINGPONG_N; i++) {
		if (port_recv(ping, &m) || port_send(pong, &m))
			return 1;
	}
	return 0;
}

static void bench_pingpong(void)
{
	struct msg m = { .tag = 1 };
	long th;
	u64 t0;
	int i;

	ping = port_create(1);
	pong = port_create(1);
	sched_setaffinity(0, 1);
	th = thread_create(ponger, NULL);
	t0 = clock_ns();
	for (i = 0; i < PINGPONG_N; i++)
		if (port_send(ping, &m) || port_recv(pong, &m))
			break;
	figure(ncpus > 1 ? "user_port_pingpong_2cpus" : "user_port_pingpong_1cpu",
	       clock_ns() - t0, PINGPONG_N);
	thread_join(th);
	port_close(ping);
	port_close(pong);
	sched_setaffinity(0, ~0ull);
}

static int bystander(void *arg)
{
	sched_setaffinity(0, 1ull << (ncpus > 1 ? 1 : 0));
	while (!stop)
		;
	return 0;
}

static void bench_mmap(void)
{
	long th;
	u64 t0;
	int i, j;

	sched_setaffinity(0, 1);
	th = thread_create(bystander, NULL);	/* keeps the process on a second CPU */
	sleep_ns(10000000);
	t0 = clock_ns();
	for (i = 0; i < MMAP_N; i++) {
		u8 *p = mmap(MMAP_PAGES * 4096, PROT_READ | PROT_WRITE);

		if (!p)
			break;
		for (j = 0; j < MMAP_PAGES; j++)
			p[j * 4096] = 1;
		munmap(p, MMAP_PAGES * 4096);
	}
	figure("user_mmap_touch_munmap_16p", clock_ns() - t0, MMAP_N);
	stop = 1;
	thread_join(th);
	sched_setaffinity(0, ~0ull);
}

static int nothing(void *arg)
{
	return 0;
}

static void bench_threads(void)
{
	u64 t0 = clock_ns();
	int i;

	for (i = 0; i < THREAD_N; i++)
		thread_join(thread_create(nothing, NULL));
	figure("user_thread_create_join", clock_ns() - t0, THREAD_N);
}

int main(int argc, char **argv)
{
	while (ncpus < 64 && sched_setaffinity(0, 1ull << ncpus) == 0)
		ncpus++;
	sched_setaffinity(0, ~0ull);
	bench_getpid();
	bench_pingpong();
	bench_mmap();
	bench_threads();
	peer_getpid();
	peer_shootdown();
	printf("[BENCH] user done\n");
	return 0;
}
