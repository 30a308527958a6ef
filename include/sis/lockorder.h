/*
 * The lock-order checker (kernel/sync/lockorder.c), called by the
 * spinlock code. With CONFIG_DEBUG_LOCK_ORDER=n every hook is an empty
 * inline and the checker is not built.
 *
 * The checker keeps one graph for the whole machine: a node per lock
 * class (and subclass), an edge A -> B the first time some CPU takes B
 * while holding A. A new edge that closes a cycle is an order that can
 * deadlock; it is reported once, with where each edge was first seen,
 * and the kernel goes on.
 */
#ifndef SIS_LOCKORDER_H
#define SIS_LOCKORDER_H

#include <sis/spinlock.h>

/* One lock class as `locks` shows it (lockorder_class_info). */
struct lock_class_info {
	char name[40];			/* "rq", "rq/1" for a subclass */
	u64 acquired, contended;	/* CONFIG_LOCK_STAT, else 0 */
	u64 wait_max_ns, wait_total_ns, hold_max_ns;
};

/* One recorded dependency, "from taken, then to", where first seen. */
struct lock_edge_info {
	char from[40], to[40];
	unsigned int cpu;
	uintptr_t from_ip, to_ip;
};

#ifdef CONFIG_DEBUG_LOCK_ORDER
/* The classes seen so far (0 .. n-1), and the recorded edges; false past the last. */
bool lockorder_class_info(unsigned int i, struct lock_class_info *out);
bool lockorder_edge_info(unsigned int i, struct lock_edge_info *out);
/* Before waiting for l (or after a successful trylock: trylock=true). */
void lockorder_acquire(spinlock_t *l, unsigned int subclass, bool trylock,
		       uintptr_t ip);
void lockorder_release(spinlock_t *l);
/* Does this CPU hold l according to the checker? */
bool lockorder_held(spinlock_t *l);
/* Reports printed so far (tests read it). */
unsigned int lockorder_reports(void);
bool lockorder_enabled(void);
/* "cycle: a -> b -> a", "irq-unsafe: x" or "nesting: x"; "" before any. */
const char *lockorder_last_report(void);
/* For tests: forget every class, edge and report (no CPU may hold a lock). */
void lockorder_reset(void);
#else
static inline bool lockorder_class_info(unsigned int i, struct lock_class_info *out)
{
	return false;
}

static inline bool lockorder_edge_info(unsigned int i, struct lock_edge_info *out)
{
	return false;
}

static inline void lockorder_acquire(spinlock_t *l, unsigned int subclass,
				     bool trylock, uintptr_t ip)
{
}

static inline void lockorder_release(spinlock_t *l)
{
}

static inline bool lockorder_held(spinlock_t *l)
{
	return true;
}

static inline unsigned int lockorder_reports(void)
{
	return 0;
}

static inline bool lockorder_enabled(void)
{
	return false;
}

static inline const char *lockorder_last_report(void)
{
	return "";
}
#endif /* CONFIG_DEBUG_LOCK_ORDER */

#ifdef CONFIG_LOCK_STAT
/*
 * Lock statistics per class (as Linux's lock_stat): after l was taken
 * (contended: it had to wait, wait_ns long), and before it is released
 * (the hold time). Cheap counters on the class the checker keeps.
 */
void lockstat_acquired(spinlock_t *l, bool contended, u64 wait_ns);
void lockstat_release(spinlock_t *l);
#else
static inline void lockstat_acquired(spinlock_t *l, bool contended, u64 wait_ns)
{
}

static inline void lockstat_release(spinlock_t *l)
{
}
#endif /* CONFIG_LOCK_STAT */

#endif /* SIS_LOCKORDER_H */
