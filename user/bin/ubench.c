/*
 * ubench: user-mode microbenchmarks, "[BENCH] name value unit" lines as
 * the kernel's own (make bench reads them; init=/bin/ubench runs them):
 * a system call's round trip (getpid), a port ping-pong between two
 * threads on two CPUs, mmap + touch + munmap with a thread of the same
 * process on another CPU (so the unmap shoots its TLB down), and thread
 * create + join.
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
	printf("[BENCH] user done\n");
	return 0;
}
