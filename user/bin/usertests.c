/*
 * usertests: the user-mode test suite, KTAP on the console; the exit code
 * is the number of failed cases (init=/bin/usertests then powers off
 * with QEMU's status 0 only when it is 0). Some cases run a child, a
 * copy of this program started with a role in argv[1] (or /bin/crash,
 * /bin/spin), and judge how it ended.
 */
#include <ulib.h>

#define KERNEL_PTR	((void *)0xffffffff80200000ul)
#define SELF		"/bin/usertests"

static int failures, ncase;
static unsigned int ncpus;

static void report(bool ok, const char *name)
{
	printf("%sok %d %s\n", ok ? "" : "not ", ++ncase, name);
	if (!ok)
		failures++;
}

/* One line per failed expectation: where, then what was seen. */
#define EXPECT(cond, ...)							\
	do {									\
		if (!(cond)) {							\
			char why_[160];						\
										\
			snprintf(why_, sizeof(why_), __VA_ARGS__);		\
			printf("    # %s:%d: %s\n", __func__, __LINE__, why_);	\
			ok = false;						\
		}								\
	} while (0)

/* The CPUs that schedule: those sched_setaffinity accepts alone. */
static unsigned int count_cpus(void)
{
	unsigned int n = 0;

	while (n < 64 && sched_setaffinity(0, 1ull << n) == 0)
		n++;
	sched_setaffinity(0, ~0ull);
	return n ? n : 1;
}

static long run_child(const char *path, const char *a1, const char *a2, int *status)
{
	const char *argv[] = { path, a1, a2, NULL };
	long pid = spawn(path, argv);

	if (pid < 0)
		return pid;
	return wait(pid, status);
}

/* ---- Bad pointers: every call that takes one says -EFAULT, and we live on. ---- */

static bool test_bad_pointers(void)
{
	void *bad[] = { NULL, KERNEL_PTR, NULL, (void *)(USER_END - 8) };
	const char *names[] = { "NULL", "kernel", "unmapped", "straddling the end" };
	const char *argv_bad[] = { "/bin/hello", KERNEL_PTR, NULL };
	u8 *page = mmap(4096, PROT_READ | PROT_WRITE);
	long port = port_create(4), r;
	struct msg m = { 0 };
	int status;
	bool ok = true;
	unsigned int i;

	EXPECT(page && port > 0, "setup: page %p port %ld", page, port);
	munmap(page, 4096);
	bad[2] = page;
	for (i = 0; i < 4; i++) {
		EXPECT((r = write(1, bad[i], 32)) == -EFAULT, "write %s: %ld", names[i], r);
		EXPECT((r = spawn(bad[i], NULL)) == -EFAULT, "spawn path %s: %ld", names[i], r);
		if (bad[i])	/* a NULL argv is allowed: argv[0] = path */
			EXPECT((r = spawn("/bin/hello", bad[i])) == -EFAULT,
			       "spawn argv %s: %ld", names[i], r);
		EXPECT((r = __syscall(SYS_PORT_SEND, port, (long)bad[i], sizeof(m), 0)) == -EFAULT,
		       "port_send %s: %ld", names[i], r);
		EXPECT((r = __syscall(SYS_WAIT, -1, (long)bad[i] + 1, 0, 0)) == -EFAULT,
		       "wait status %s+1: %ld", names[i], r);
	}
	/* Entry and stack are checked against the range (not read: a bad one faults later). */
	EXPECT((r = __syscall(SYS_THREAD_CREATE, 0, 0, (long)&m, 0)) == -EFAULT,
	       "thread_create entry NULL: %ld", r);
	EXPECT((r = __syscall(SYS_THREAD_CREATE, (long)KERNEL_PTR, 0, (long)&m, 0)) == -EFAULT,
	       "thread_create entry kernel: %ld", r);
	EXPECT((r = __syscall(SYS_THREAD_CREATE, (long)main, 0, (long)KERNEL_PTR, 0)) == -EFAULT,
	       "thread_create stack kernel: %ld", r);
	EXPECT((r = write(1, &m, 1ul << 62)) == -EFAULT, "write of a huge length: %ld", r);
	EXPECT((r = write(1, &m, ~0ul)) == -EFAULT, "write of an overflowing length: %ld", r);
	EXPECT((r = __syscall(SYS_PORT_SEND, port, (long)&m + 1, sizeof(m), 0)) == -EFAULT,
	       "misaligned message: %ld", r);
	EXPECT((r = spawn("/bin/hello", argv_bad)) == -EFAULT, "argv entry in the kernel: %ld", r);
	EXPECT((r = read(0, KERNEL_PTR, 8)) == -EFAULT, "read into the kernel: %ld", r);
	/* A message received into an unmapped page: -EFAULT, not a crash. */
	port_send(port, &m);
	EXPECT((r = port_recv(port, (struct msg *)page)) == -EFAULT, "port_recv unmapped: %ld", r);
	EXPECT((r = wait(-1, &status)) == -ECHILD, "no children left behind: %ld", r);
	port_close(port);
	return ok;
}

/* ---- Bad numbers and handles: refused, never a crash. ---- */

static bool test_bad_calls(void)
{
	struct msg m = { 0 };
	bool ok = true;
	long r, port;

	EXPECT((r = __syscall(SYS_MAX, 0, 0, 0, 0)) == -ENOTSUP, "SYS_MAX: %ld", r);
	EXPECT((r = __syscall((1l << 32) | SYS_GETPID, 0, 0, 0, 0)) == -ENOTSUP,
	       "a number above 32 bits: %ld", r);
	EXPECT((r = __syscall(-1, 0, 0, 0, 0)) == -ENOTSUP, "number -1: %ld", r);
	EXPECT((r = __syscall(SYS_TASK_CREATE, (long)main, 0, 3, 1)) == -ENOTSUP,
	       "a kernel-only call: %ld", r);
	EXPECT((r = port_send(12345, &m)) == -EBADF, "a made-up port: %ld", r);
	EXPECT((r = thread_join(12345)) == -EBADF, "a made-up thread: %ld", r);
	port = port_create(1);
	EXPECT((r = thread_join(port)) == -EBADF, "a port as a thread: %ld", r);
	EXPECT((r = port_close(port)) == 0 && (r = port_send(port, &m)) == -EBADF,
	       "a closed port: %ld", r);
	EXPECT((r = sched_setaffinity(0, 0)) == -EINVAL, "an empty CPU mask: %ld", r);
	EXPECT((r = munmap((void *)0x1000, 4096)) == -EINVAL, "munmap outside the range: %ld", r);
	EXPECT((r = mmap_raw(0, PROT_READ)) == -EINVAL, "mmap of 0 bytes: %ld", r);
	EXPECT((r = mmap_raw(1ul << 62, PROT_READ)) < 0, "mmap of 4 EiB: %ld", r);
	EXPECT((r = write(3, &m, 1)) == -EBADF, "write to fd 3: %ld", r);
	EXPECT((r = spawn("/bin/nosuch", NULL)) == -ENOENT, "spawn of nothing: %ld", r);
	return ok;
}

/* ---- Faults kill the process, wait says how, we go on. ---- */

static bool test_faults(void)
{
	static const struct { const char *how; int kill; } cases[] = {
		{ "null", KILL_PAGE_FAULT }, { "kernel", KILL_PAGE_FAULT },
		{ "ud", KILL_UNDEFINED }, { "brk", KILL_BREAKPOINT },
#if defined(__x86_64__)
		{ "div", KILL_DIVIDE },		/* arm64 divides by zero without a trap */
		{ "align", KILL_PROTECTION },	/* cli in ring 3: #GP */
#else
		{ "align", KILL_ALIGNMENT },
#endif
	};
	bool ok = true;
	unsigned int i;
	int status;
	long r;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		status = -1;
		r = run_child("/bin/crash", cases[i].how, NULL, &status);
		EXPECT(r > 0 && WAIT_KILLED(status) == cases[i].kill,
		       "%s: wait %ld status 0x%x, want killed %d", cases[i].how, r, status,
		       cases[i].kill);
	}
	r = run_child("/bin/crash", "exit", "7", &status);
	EXPECT(r > 0 && status == WAIT_STATUS(7, 0), "exit 7: status 0x%x", status);
	return ok;
}

/* ---- A spinning program on every CPU does not starve us on any of them. ---- */

static bool test_preempt(void)
{
	long pids[64];
	unsigned int i, n = ncpus;
	bool ok = true;
	int status;

	for (i = 0; i < n; i++) {
		const char *argv[] = { "/bin/spin", "2", NULL };

		pids[i] = spawn("/bin/spin", argv);
		EXPECT(pids[i] > 0, "spawn spin: %ld", pids[i]);
	}
	sleep_ns(100000000);
	for (i = 0; i < n; i++) {
		long r = sched_setaffinity(0, 1ull << i), cpu = getcpu();

		EXPECT(r == 0 && cpu == (long)i, "cpu%u: affinity %ld, running on %ld", i, r, cpu);
	}
	sched_setaffinity(0, ~0ull);
	for (i = 0; i < n; i++)
		if (pids[i] > 0)
			EXPECT(wait(pids[i], &status) == pids[i] && status == 0,
			       "spin %u: status 0x%x", i, status);
	return ok;
}

/* ---- Threads on every CPU: a lock-protected counter and ports, exact. ---- */

#define ROUNDS	20000
#define MSGS	500

static uspinlock_t count_lock;
static volatile u64 counter;
static u64 atomic_counter;
static long count_port;

static int hammer(void *arg)
{
	long idx = (long)arg, cpu = idx % ncpus;
	struct msg m = { .tag = (u64)idx };
	int i;

	sched_setaffinity(0, 1ull << cpu);
	for (i = 0; i < ROUNDS; i++) {
		uspin_lock(&count_lock);
		counter = counter + 1;
		uspin_unlock(&count_lock);
		__atomic_add_fetch(&atomic_counter, 1, __ATOMIC_RELAXED);
	}
	for (i = 0; i < MSGS; i++) {
		m.w[0] = (u64)i;
		if (port_send(count_port, &m))
			return 1;
	}
	return (int)getcpu() == cpu ? 0 : 2;
}

static bool test_counter(void)
{
	long th[64];
	u64 next[64] = { 0 }, got = 0;
	unsigned int i, n = MIN(ncpus * 2, 64u);
	struct msg m;
	bool ok = true;

	count_port = port_create(64);
	EXPECT(count_port > 0, "port_create: %ld", count_port);
	for (i = 0; i < n; i++) {
		th[i] = thread_create(hammer, (void *)(long)i);
		EXPECT(th[i] > 0, "thread_create: %ld", th[i]);
	}
	while (got < (u64)n * MSGS && port_recv(count_port, &m) == 0) {
		EXPECT(m.tag < n && m.w[0] == next[m.tag], "message %llu of thread %llu out of order",
		       (unsigned long long)m.w[0], (unsigned long long)m.tag);
		if (m.tag < n)
			next[m.tag] = m.w[0] + 1;
		got++;
	}
	for (i = 0; i < n; i++) {
		long r = th[i] > 0 ? thread_join(th[i]) : -1;

		EXPECT(r == 0, "thread %u ended with %ld", i, r);
	}
	EXPECT(counter == (u64)n * ROUNDS, "lock counter %llu, want %llu",
	       (unsigned long long)counter, (unsigned long long)n * ROUNDS);
	EXPECT(atomic_counter == (u64)n * ROUNDS, "atomic counter %llu",
	       (unsigned long long)atomic_counter);
	EXPECT(got == (u64)n * MSGS, "messages %llu, want %llu", (unsigned long long)got,
	       (unsigned long long)n * MSGS);
	port_close(count_port);
	return ok;
}

/* ---- munmap while a thread on another CPU reads: it faults, never reads freed memory. ---- */

static volatile int reader_started;

static int reader(void *arg)
{
	volatile u64 *p = arg;

	sched_setaffinity(0, 1ull << (ncpus > 1 ? 1 : 0));
	for (;;) {
		if (*p != 0x5a5a5a5a5a5a5a5aull)
			exit(3);	/* read something else than what was there: freed memory */
		reader_started = 1;
	}
}

/* The child: a reader thread, then munmap under it; reaching the end is a failure. */
static int child_munmap(void)
{
	u64 *p = mmap(4096, PROT_READ | PROT_WRITE);

	if (!p)
		return 4;
	*p = 0x5a5a5a5a5a5a5a5aull;
	sched_setaffinity(0, 1);
	if (thread_create(reader, p) < 0)
		return 5;
	while (!reader_started)
		yield();
	munmap(p, 4096);
	sleep_ns(200000000);
	return 2;		/* the reader did not fault */
}

static bool test_munmap_fault(void)
{
	bool ok = true;
	int status = -1;
	long r = run_child(SELF, "munmap-child", NULL, &status);

	EXPECT(r > 0 && WAIT_KILLED(status) == KILL_PAGE_FAULT,
	       "child %ld: status 0x%x (exit %d), want killed by a page fault", r, status,
	       WAIT_EXITCODE(status));
	return ok;
}

/* ---- Spawn until the table is full: -EAGAIN, then every slot again. ---- */

static bool test_spawn_full(void)
{
	const char *argv[] = { "/bin/crash", "exit", "5", NULL };
	long pids[USER_MAX_PROCS + 1], r = 0;
	unsigned int n = 0, i, round;
	bool ok = true;
	int status;

	for (round = 0; round < 2; round++) {
		for (n = 0; n <= USER_MAX_PROCS; n++) {
			r = spawn("/bin/crash", argv);
			if (r < 0)
				break;
			pids[n] = r;
		}
		EXPECT(r == -EAGAIN, "round %u: spawn %u ended with %ld, want -EAGAIN", round, n, r);
		/* Every process but this one: the table holds USER_MAX_PROCS. */
		EXPECT(n == USER_MAX_PROCS - 1, "round %u: %u spawned", round, n);
		for (i = 0; i < n; i++) {
			r = wait(pids[i], &status);
			EXPECT(r == pids[i] && status == WAIT_STATUS(5, 0),
			       "wait %ld: %ld status 0x%x", pids[i], r, status);
		}
	}
	return ok;
}

/* ---- Exit with threads blocked in port_recv on every CPU: every page comes back. ---- */

static long blocked_port;

static int blocked_recv(void *arg)
{
	struct msg m;

	sched_setaffinity(0, 1ull << ((long)arg % ncpus));
	__atomic_add_fetch(&reader_started, 1, __ATOMIC_RELAXED);
	port_recv(blocked_port, &m);
	return 7;
}

static int child_blocked(void)
{
	unsigned int i;

	blocked_port = port_create(4);
	for (i = 0; i < ncpus; i++)
		if (thread_create(blocked_recv, (void *)(long)i) < 0)
			return 4;
	while (reader_started < (int)ncpus)
		yield();
	sleep_ns(20000000);	/* into the kernel, blocked */
	exit(0);
}

static bool test_exit_frees(void)
{
	long before = 0, after = 0, r;
	bool ok = true;
	int status = -1, round;

	for (round = 0; round < 2; round++) {	/* the first warms the kernel's caches */
		before = meminfo();
		r = run_child(SELF, "blocked-child", NULL, &status);
		after = meminfo();
		EXPECT(r > 0 && status == 0, "child %ld status 0x%x", r, status);
	}
	EXPECT(before == after, "free pages before %ld, after %ld", before, after);
	return ok;
}

/* ---- Tasks A-D from user mode: each says where it runs. ---- */

static int task_abcd(void *arg)
{
	int i;

	for (i = 0; i < 3; i++) {
		printf("[SCHED][core%ld] run %c\n", getcpu(), (char)(long)arg);
		sleep_ns(10000000);
	}
	return 0;
}

static bool test_tasks_abcd(void)
{
	long th[4];
	bool ok = true;
	int i;

	for (i = 0; i < 4; i++)
		th[i] = thread_create(task_abcd, (void *)(long)('A' + i));
	for (i = 0; i < 4; i++)
		EXPECT(th[i] > 0 && thread_join(th[i]) == 0, "task %c", 'A' + i);
	return ok;
}

static const struct {
	const char *name;
	bool (*fn)(void);
} tests[] = {
	{ "bad_pointers", test_bad_pointers },
	{ "bad_calls", test_bad_calls },
	{ "faults", test_faults },
	{ "preempt", test_preempt },
	{ "counter", test_counter },
	{ "munmap_fault", test_munmap_fault },
	{ "spawn_full", test_spawn_full },
	{ "exit_frees", test_exit_frees },
	{ "tasks_abcd", test_tasks_abcd },
};

int main(int argc, char **argv)
{
	unsigned int i, n = sizeof(tests) / sizeof(tests[0]);

	ncpus = count_cpus();
	if (argc > 1 && !strcmp(argv[1], "munmap-child"))
		return child_munmap();
	if (argc > 1 && !strcmp(argv[1], "blocked-child"))
		return child_blocked();
	printf("KTAP version 1\n1..%u\n", n);
	printf("# usertests: pid %ld, %u CPU(s)\n", getpid(), ncpus);
	for (i = 0; i < n; i++)
		report(tests[i].fn(), tests[i].name);
	printf("# Totals: pass:%d fail:%d skip:0 total:%u\n", (int)n - failures, failures, n);
	return failures;
}
