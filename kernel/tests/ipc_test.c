/*
 * KTAP suite "ipc": ports and the system-call layer. 100000 messages
 * between tasks on two different cores arrive in order, each once;
 * port_close wakes every blocked sender and receiver with -EPIPE; the
 * try_ variants never block; every system call refuses bad handles,
 * sizes, pointers and numbers with an error instead of crashing.
 */
#include <sis/errno.h>
#include <sis/ipc.h>
#include <sis/ktest.h>
#include <sis/sched.h>
#include <sis/syscall.h>
#include <sis/time.h>

#define STREAM_MSGS	100000
#define STREAM_CAP	64
#define WORKER_PRIO	(SCHED_PRIO_DEFAULT - 1)

struct stream {
	struct port *port;
	unsigned int received;
	unsigned int out_of_order;
	unsigned int bad_payload;
	int end;		/* what recv said after the last message */
};

static int stream_sender(void *arg)
{
	struct stream *s = arg;
	struct msg m = { 0 };
	unsigned int i;
	int err;

	for (i = 0; i < STREAM_MSGS; i++) {
		m.tag = i;
		m.w[0] = (u64)i * 3 + 1;
		err = port_send(s->port, &m);
		if (err)
			return err;
	}
	port_close(s->port);
	return 0;
}

static int stream_receiver(void *arg)
{
	struct stream *s = arg;
	struct msg m;
	int err;

	while ((err = port_recv(s->port, &m)) == 0) {
		if (m.tag != s->received)
			s->out_of_order++;
		if (m.w[0] != m.tag * 3 + 1)
			s->bad_payload++;
		s->received++;
	}
	s->end = err;
	return 0;
}

static void test_port_stream_in_order(struct ktest *t)
{
	struct stream s = { .port = port_create(STREAM_CAP) };
	unsigned int rx = sched_cpu_nth(sched_ncpus() - 1);
	unsigned int tx = sched_cpu_nth(sched_ncpus() - 2);
	struct task *a, *b;
	u64 t0 = time_ns();

	if (!KTEST_EXPECT(t, s.port != NULL))
		return;
	b = task_create_on("task", stream_receiver, &s, WORKER_PRIO, rx);
	a = task_create_on("task", stream_sender, &s, WORKER_PRIO, tx);
	KTEST_EXPECT(t, a && b);
	if (a)
		KTEST_EXPECT_EQ(t, task_join(a), 0);
	if (b)
		task_join(b);
	ktest_log(t, "%u messages core mask 0x%llx -> 0x%llx in %llu ms", s.received,
		  (unsigned long long)tx, (unsigned long long)rx,
		  (unsigned long long)((time_ns() - t0) / 1000000));
	KTEST_EXPECT_EQ(t, s.received, STREAM_MSGS);
	KTEST_EXPECT_EQ(t, s.out_of_order, 0);
	KTEST_EXPECT_EQ(t, s.bad_payload, 0);
	KTEST_EXPECT_EQ(t, s.end, -EPIPE);
	port_destroy(s.port);
}

static int blocked_recv(void *arg)
{
	struct msg m;

	return port_recv(arg, &m);
}

static int blocked_send(void *arg)
{
	struct msg m = { .tag = 99 };

	return port_send(arg, &m);
}

/* Start n tasks of fn on every CPU in turn, let them block, close, join. */
static void close_wakes(struct ktest *t, struct port *p, task_fn fn, unsigned int n)
{
	struct task *tasks[2 * CONFIG_MAX_CPUS];
	unsigned int i;

	for (i = 0; i < n; i++)
		tasks[i] = task_create_on("task", fn, p, WORKER_PRIO, sched_cpu_nth(i));
	sleep_ms(50);		/* long enough for all of them to block */
	port_close(p);
	for (i = 0; i < n; i++)
		if (KTEST_EXPECT(t, tasks[i] != NULL))
			KTEST_EXPECT_EQ(t, task_join(tasks[i]), -EPIPE);
}

static void test_port_close_wakes(struct ktest *t)
{
	struct port *rx = port_create(1), *tx = port_create(1);
	struct msg m = { 0 };

	if (!KTEST_EXPECT(t, rx && tx))
		return;
	close_wakes(t, rx, blocked_recv, 2 * sched_ncpus());
	KTEST_EXPECT_EQ(t, port_try_send(tx, &m), 0);	/* now full */
	close_wakes(t, tx, blocked_send, 2 * sched_ncpus());
	KTEST_EXPECT_EQ(t, port_send(tx, &m), -EPIPE);
	KTEST_EXPECT_EQ(t, port_recv(tx, &m), 0);	/* the queued message */
	KTEST_EXPECT_EQ(t, port_recv(tx, &m), -EPIPE);
	port_destroy(rx);
	port_destroy(tx);
}

static void test_port_try(struct ktest *t)
{
	struct port *p = port_create(4);
	struct msg m = { 0 };
	unsigned int i;

	if (!KTEST_EXPECT(t, p != NULL))
		return;
	KTEST_EXPECT(t, port_create(0) == NULL);
	KTEST_EXPECT(t, port_create(PORT_MAX_CAPACITY + 1) == NULL);
	KTEST_EXPECT_EQ(t, port_try_recv(p, &m), -EAGAIN);
	for (i = 0; i < 4; i++) {
		m.tag = i;
		KTEST_EXPECT_EQ(t, port_try_send(p, &m), 0);
	}
	KTEST_EXPECT_EQ(t, port_try_send(p, &m), -EAGAIN);
	KTEST_EXPECT_EQ(t, port_count(p), 4);
	port_close(p);
	KTEST_EXPECT_EQ(t, port_try_send(p, &m), -EPIPE);
	for (i = 0; i < 4; i++) {
		KTEST_EXPECT_EQ(t, port_try_recv(p, &m), 0);
		KTEST_EXPECT_EQ(t, m.tag, i);
	}
	KTEST_EXPECT_EQ(t, port_try_recv(p, &m), -EPIPE);
	port_destroy(p);
}

static int sys_child(void *arg)
{
	return 7;
}

static void test_syscall_errors(struct ktest *t)
{
	struct msg m = { .tag = 5 };
	long h, th, cpu;

	if (!IS_ENABLED(CONFIG_SYSCALL)) {
		ktest_skip(t, "CONFIG_SYSCALL is off");
		return;
	}
	KTEST_EXPECT_EQ(t, syscall(SYS_MAX, 0, 0, 0, 0), -ENOTSUP);
	KTEST_EXPECT_EQ(t, syscall(~0u, 0, 0, 0, 0), -ENOTSUP);
	KTEST_EXPECT_EQ(t, syscall(SYS_YIELD, 0, 0, 0, 0), 0);
	KTEST_EXPECT_EQ(t, syscall(SYS_SLEEP, -1, 0, 0, 0), -EINVAL);
	KTEST_EXPECT_EQ(t, syscall(SYS_SLEEP, 1, 0, 0, 0), 0);
	cpu = syscall(SYS_GETCPU, 0, 0, 0, 0);
	KTEST_EXPECT(t, cpu >= 0 && sched_cpu_active((unsigned int)cpu));
	/* Ports: bad capacity, handles, sizes, pointers. */
	KTEST_EXPECT_EQ(t, syscall(SYS_PORT_CREATE, 0, 0, 0, 0), -EINVAL);
	KTEST_EXPECT_EQ(t, syscall(SYS_PORT_CREATE, PORT_MAX_CAPACITY + 1, 0, 0, 0), -EINVAL);
	h = syscall(SYS_PORT_CREATE, 2, 0, 0, 0);
	KTEST_EXPECT(t, h > 0);
	KTEST_EXPECT_EQ(t, syscall(SYS_PORT_SEND, 0, (long)&m, sizeof(m), 0), -EBADF);
	KTEST_EXPECT_EQ(t, syscall(SYS_PORT_SEND, -1, (long)&m, sizeof(m), 0), -EBADF);
	KTEST_EXPECT_EQ(t, syscall(SYS_PORT_SEND, h + 1, (long)&m, sizeof(m), 0), -EBADF);
	KTEST_EXPECT_EQ(t, syscall(SYS_PORT_SEND, h ^ 0x100, (long)&m, sizeof(m), 0), -EBADF);
	KTEST_EXPECT_EQ(t, syscall(SYS_PORT_SEND, h, (long)&m, sizeof(m) - 1, 0), -EINVAL);
	KTEST_EXPECT_EQ(t, syscall(SYS_PORT_SEND, h, (long)&m, 1 << 20, 0), -EINVAL);
	KTEST_EXPECT_EQ(t, syscall(SYS_PORT_SEND, h, 0, sizeof(m), 0), -EFAULT);
	KTEST_EXPECT_EQ(t, syscall(SYS_PORT_RECV, h, (long)&m + 1, sizeof(m), 0), -EFAULT);
	KTEST_EXPECT_EQ(t, syscall(SYS_TASK_JOIN, h, 0, 0, 0), -EBADF);	/* not a task */
	KTEST_EXPECT_EQ(t, syscall(SYS_PORT_TRY_RECV, h, (long)&m, sizeof(m), 0), -EAGAIN);
	KTEST_EXPECT_EQ(t, syscall(SYS_PORT_SEND, h, (long)&m, sizeof(m), 0), 0);
	m.tag = 0;
	KTEST_EXPECT_EQ(t, syscall(SYS_PORT_RECV, h, (long)&m, sizeof(m), 0), 0);
	KTEST_EXPECT_EQ(t, m.tag, 5);
	KTEST_EXPECT_EQ(t, syscall(SYS_PORT_CLOSE, h, 0, 0, 0), 0);
	/* A stale handle stays refused, even after its slot is reused. */
	KTEST_EXPECT_EQ(t, syscall(SYS_PORT_CLOSE, h, 0, 0, 0), -EBADF);
	KTEST_EXPECT_EQ(t, syscall(SYS_PORT_SEND, h, (long)&m, sizeof(m), 0), -EBADF);
	th = syscall(SYS_PORT_CREATE, 1, 0, 0, 0);
	KTEST_EXPECT_EQ(t, syscall(SYS_PORT_TRY_SEND, h, (long)&m, sizeof(m), 0), -EBADF);
	KTEST_EXPECT_EQ(t, syscall(SYS_PORT_CLOSE, th, 0, 0, 0), 0);
	/* Tasks: bad function, priority, affinity, handle. */
	KTEST_EXPECT_EQ(t, syscall(SYS_TASK_CREATE, 0, 0, WORKER_PRIO, -1), -EFAULT);
	KTEST_EXPECT_EQ(t, syscall(SYS_TASK_CREATE, (long)sys_child, 0, SCHED_PRIO_MAX + 1, -1),
			-EINVAL);
	KTEST_EXPECT_EQ(t, syscall(SYS_TASK_CREATE, (long)sys_child, 0, -1, -1), -EINVAL);
	KTEST_EXPECT_EQ(t, syscall(SYS_TASK_CREATE, (long)sys_child, 0, WORKER_PRIO, 0), -EINVAL);
	th = syscall(SYS_TASK_CREATE, (long)sys_child, 0, WORKER_PRIO, -1);
	KTEST_EXPECT(t, th > 0);
	KTEST_EXPECT_EQ(t, syscall(SYS_TASK_SET_AFFINITY, th, 0, 0, 0), -EINVAL);
	KTEST_EXPECT_EQ(t, syscall(SYS_TASK_SET_AFFINITY, 12345, -1, 0, 0), -EBADF);
	KTEST_EXPECT_EQ(t, syscall(SYS_PORT_CLOSE, th, 0, 0, 0), -EBADF);	/* not a port */
	KTEST_EXPECT_EQ(t, syscall(SYS_TASK_JOIN, th, 0, 0, 0), 7);
	KTEST_EXPECT_EQ(t, syscall(SYS_TASK_JOIN, th, 0, 0, 0), -EBADF);
}

KTEST_SUITE(ipc,
	KTEST_CASE(test_port_try),
	KTEST_CASE(test_port_stream_in_order),
	KTEST_CASE(test_port_close_wakes),
	KTEST_CASE(test_syscall_errors));
