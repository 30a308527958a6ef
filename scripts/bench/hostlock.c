/*
 * Host lock benchmark: sis's spinlock (kernel/sync/, compiled for Linux
 * with the unit tests' stand-ins for the arch and per-CPU data) against
 * pthread_spin_lock and pthread_mutex_lock, each driven by N threads
 * that take one shared lock, bump a counter and release it, for a fixed
 * time. Each thread is a "CPU" (host_set_cpu) so per-CPU state such as
 * the preemption count and the lock-order checker's held-lock stack
 * behave as in the kernel.
 *
 *	hostlock <sis|pthread_spin|pthread_mutex> <threads> <seconds>
 *
 * prints "ops_per_sec <n>" (lock+unlock pairs per second, all threads).
 * Built and run by scripts/bench.py.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sis/spinlock.h>

#include "host.h"

#define BATCH		256	/* pairs between looks at the stop flag */
#define MAX_THREADS	8

enum lock_kind { LOCK_SIS, LOCK_PSPIN, LOCK_PMUTEX };

static DEFINE_SPINLOCK(sis_lock);
static pthread_spinlock_t pspin;
static pthread_mutex_t pmutex = PTHREAD_MUTEX_INITIALIZER;
static enum lock_kind kind;
static int go, stop;
static unsigned long long shared_count;	/* protected by the lock under test */

struct worker {
	pthread_t thread;
	unsigned int cpu;
	unsigned long long ops;
};

static void one_pair(void)
{
	switch (kind) {
	case LOCK_SIS:
		spin_lock(&sis_lock);
		shared_count++;
		spin_unlock(&sis_lock);
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
		fprintf(stderr, "usage: hostlock sis|pthread_spin|pthread_mutex threads seconds\n");
		return 2;
	}
	kind = (enum lock_kind)k;
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
