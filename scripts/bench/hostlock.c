/*
 * Host lock benchmark: sis's spinlock (kernel/sync/, compiled for Linux
 * with the unit tests' stand-ins for the arch and per-CPU data) against
 * an MCS queue lock written here, pthread_spin_lock and
 * pthread_mutex_lock, each driven by N threads that take one shared
 * lock, bump a counter and release it, for a fixed time. Each thread is
 * a "CPU" (host_set_cpu) so per-CPU state such as the preemption count
 * and the lock-order checker's held-lock stack behave as in the kernel.
 *
 * A waiter in the kernel halts until the unlocker kicks it (an IPI) or
 * the tick comes (kernel/sync/spinlock.c). Here the halt is a futex wait
 * on the waiting thread's own "interrupt pending" word, with the tick's
 * period as its timeout, and the kick sets that word and wakes the
 * futex: the ticket lock gives way to the thread it waits for, as in
 * the kernel. "sis_nohalt" leaves the wait ops out, so waiters only
 * spin (the lock before ipi_init()).
 *
 *	hostlock <sis|sis_nohalt|mcs|pthread_spin|pthread_mutex> <threads> <seconds>
 *
 * prints "ops_per_sec <n>" (lock+unlock pairs per second, all threads).
 * Built and run by scripts/bench.py.
 */
#include <linux/futex.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <sis/arch.h>
#include <sis/spinlock.h>

#include "host.h"

#define BATCH		256	/* pairs between looks at the stop flag */
#define MAX_THREADS	8

enum lock_kind { LOCK_SIS, LOCK_SIS_NOHALT, LOCK_MCS, LOCK_PSPIN, LOCK_PMUTEX };

static DEFINE_SPINLOCK(sis_lock);
static pthread_spinlock_t pspin;
static pthread_mutex_t pmutex = PTHREAD_MUTEX_INITIALIZER;
static enum lock_kind kind;
static int go, stop;
static unsigned long long shared_count;	/* protected by the lock under test */

/* ---- halt and kick: a futex per "CPU" ---- */

static int kicked[MAX_THREADS];	/* futex words: a kick is pending */
static __thread int my_cpu;

static long futex(int *word, int op, int val, const struct timespec *timeout)
{
	return syscall(SYS_futex, word, op | FUTEX_PRIVATE_FLAG, val, timeout, NULL, 0);
}

/* The halt: until kicked, or the tick's period at most; then "handle" the kick. */
void host_wait_for_interrupt(void)
{
	static const struct timespec tick = { 0, 1000000000L / CONFIG_SCHED_HZ };

	if (!__atomic_load_n(&kicked[my_cpu], __ATOMIC_ACQUIRE))
		futex(&kicked[my_cpu], FUTEX_WAIT, 0, &tick);
	__atomic_store_n(&kicked[my_cpu], 0, __ATOMIC_RELAXED);
}

static void host_service(void)
{
}

static bool host_pending(void)
{
	return __atomic_load_n(&kicked[my_cpu], __ATOMIC_ACQUIRE);
}

static void host_kick(unsigned int cpu)
{
	if (cpu >= MAX_THREADS)
		return;
	__atomic_store_n(&kicked[cpu], 1, __ATOMIC_RELEASE);
	futex(&kicked[cpu], FUTEX_WAKE, 1, NULL);
}

static const struct spin_wait_ops host_wait_ops = {
	.service = host_service,
	.pending = host_pending,
	.kick = host_kick,
};

/* ---- an MCS lock: each waiter spins on its own node, FIFO ---- */

struct mcs_node {
	struct mcs_node *next;
	int locked;
} __attribute__((aligned(64)));

static struct mcs_node *mcs_tail;
static __thread struct mcs_node mcs_me;

static void mcs_lock(void)
{
	struct mcs_node *me = &mcs_me, *prev;

	me->next = NULL;
	__atomic_store_n(&me->locked, 1, __ATOMIC_RELAXED);
	prev = __atomic_exchange_n(&mcs_tail, me, __ATOMIC_ACQ_REL);
	if (!prev)
		return;
	__atomic_store_n(&prev->next, me, __ATOMIC_RELEASE);
	while (__atomic_load_n(&me->locked, __ATOMIC_ACQUIRE))
		host_pause();
}

static void mcs_unlock(void)
{
	struct mcs_node *me = &mcs_me, *next = __atomic_load_n(&me->next, __ATOMIC_ACQUIRE);
	struct mcs_node *expected = me;

	if (!next) {
		if (__atomic_compare_exchange_n(&mcs_tail, &expected, NULL, false,
						__ATOMIC_RELEASE, __ATOMIC_RELAXED))
			return;
		while (!(next = __atomic_load_n(&me->next, __ATOMIC_ACQUIRE)))
			host_pause();
	}
	__atomic_store_n(&next->locked, 0, __ATOMIC_RELEASE);
}

struct worker {
	pthread_t thread;
	unsigned int cpu;
	unsigned long long ops;
};

static void one_pair(void)
{
	switch (kind) {
	case LOCK_SIS:
	case LOCK_SIS_NOHALT:
		spin_lock(&sis_lock);
		shared_count++;
		spin_unlock(&sis_lock);
		break;
	case LOCK_MCS:
		mcs_lock();
		shared_count++;
		mcs_unlock();
		break;
	case LOCK_PSPIN:
		pthread_spin_lock(&pspin);
		shared_count++;
		pthread_spin_unlock(&pspin);
		break;
	case LOCK_PMUTEX:
		pthread_mutex_lock(&pmutex);
		shared_count++;
		pthread_mutex_unlock(&pmutex);
		break;
	}
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	int i;

	host_set_cpu(w->cpu);
	my_cpu = (int)w->cpu;
	arch_irq_enable();	/* a waiter halts only with interrupts on */
	while (!__atomic_load_n(&go, __ATOMIC_ACQUIRE))
		;
	while (!__atomic_load_n(&stop, __ATOMIC_RELAXED)) {
		for (i = 0; i < BATCH; i++)
			one_pair();
		w->ops += BATCH;
	}
	return NULL;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int parse_kind(const char *s)
{
	if (!strcmp(s, "sis"))
		return LOCK_SIS;
	if (!strcmp(s, "sis_nohalt"))
		return LOCK_SIS_NOHALT;
	if (!strcmp(s, "mcs"))
		return LOCK_MCS;
	if (!strcmp(s, "pthread_spin"))
		return LOCK_PSPIN;
	if (!strcmp(s, "pthread_mutex"))
		return LOCK_PMUTEX;
	return -1;
}

int main(int argc, char **argv)
{
	struct worker w[MAX_THREADS];
	unsigned long long total = 0;
	struct timespec nap;
	int n, k, i;
	double secs, t0, t1;

	if (argc != 4 || (k = parse_kind(argv[1])) < 0 ||
	    (n = atoi(argv[2])) < 1 || n > MAX_THREADS || (secs = atof(argv[3])) <= 0) {
		fprintf(stderr, "usage: hostlock sis|sis_nohalt|mcs|pthread_spin|pthread_mutex "
			"threads seconds\n");
		return 2;
	}
	kind = (enum lock_kind)k;
	if (kind == LOCK_SIS)
		spin_set_wait_ops(&host_wait_ops);
	pthread_spin_init(&pspin, PTHREAD_PROCESS_PRIVATE);
	memset(w, 0, sizeof(w));
	for (i = 0; i < n; i++) {
		w[i].cpu = (unsigned int)i;
		pthread_create(&w[i].thread, NULL, worker_main, &w[i]);
	}
	nap.tv_sec = (time_t)secs;
	nap.tv_nsec = (long)((secs - (double)nap.tv_sec) * 1e9);
	t0 = now();
	__atomic_store_n(&go, 1, __ATOMIC_RELEASE);
	nanosleep(&nap, NULL);
	__atomic_store_n(&stop, 1, __ATOMIC_RELAXED);
	for (i = 0; i < n; i++) {
		pthread_join(w[i].thread, NULL);
		total += w[i].ops;
	}
	t1 = now();
	if (total != shared_count) {
		fprintf(stderr, "hostlock: lost updates: %llu pairs, count %llu\n",
			total, shared_count);
		return 1;
	}
	printf("ops_per_sec %.0f\n", total / (t1 - t0));
	return 0;
}
