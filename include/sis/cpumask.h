/*
 * Sets of logical CPUs: a bitmap of CONFIG_MAX_CPUS bits (up to 512),
 * bit n for CPU n. Masks are passed by pointer (64 bytes at 512 CPUs);
 * a copy is an assignment. The plain operations are not atomic: a mask
 * shared between CPUs is written with the _atomic ones (one word at a
 * time) and read with cpumask_copy_atomic() or cpumask_test_atomic().
 *
 *	cpumask_t m = cpumask_of(3);
 *	unsigned int cpu;
 *
 *	cpumask_set(&m, 5);
 *	for_each_cpu(cpu, &m)
 *		...;				// 3, then 5
 */
#ifndef SIS_CPUMASK_H
#define SIS_CPUMASK_H

#include <sis/types.h>

#define CPUMASK_WORD_BITS	64
#define CPUMASK_WORDS	((CONFIG_MAX_CPUS + CPUMASK_WORD_BITS - 1) / CPUMASK_WORD_BITS)

typedef struct cpumask {
	u64 bits[CPUMASK_WORDS];
} cpumask_t;

/* Every CPU the kernel can have (bits 0 .. CONFIG_MAX_CPUS - 1). */
extern const cpumask_t cpumask_all;
#define cpu_all_mask	(&cpumask_all)

#define CPUMASK_WORD(cpu)	((cpu) / CPUMASK_WORD_BITS)
#define CPUMASK_BIT(cpu)	(1ull << ((cpu) % CPUMASK_WORD_BITS))

static inline void cpumask_zero(cpumask_t *m)
{
	unsigned int i;

	for (i = 0; i < CPUMASK_WORDS; i++)
		m->bits[i] = 0;
}

static inline void cpumask_set(cpumask_t *m, unsigned int cpu)
{
	m->bits[CPUMASK_WORD(cpu)] |= CPUMASK_BIT(cpu);
}

static inline void cpumask_clear(cpumask_t *m, unsigned int cpu)
{
	m->bits[CPUMASK_WORD(cpu)] &= ~CPUMASK_BIT(cpu);
}

static inline bool cpumask_test(const cpumask_t *m, unsigned int cpu)
{
	return cpu < CONFIG_MAX_CPUS && (m->bits[CPUMASK_WORD(cpu)] & CPUMASK_BIT(cpu));
}

static inline cpumask_t cpumask_of(unsigned int cpu)
{
	cpumask_t m;

	cpumask_zero(&m);
	if (cpu < CONFIG_MAX_CPUS)
		cpumask_set(&m, cpu);
	return m;
}

static inline bool cpumask_empty(const cpumask_t *m)
{
	unsigned int i;

	for (i = 0; i < CPUMASK_WORDS; i++)
		if (m->bits[i])
			return false;
	return true;
}

static inline unsigned int cpumask_weight(const cpumask_t *m)
{
	unsigned int i, n = 0;

	for (i = 0; i < CPUMASK_WORDS; i++)
		n += (unsigned int)__builtin_popcountll(m->bits[i]);
	return n;
}

/* dst = a & b; true when the result is not empty. */
static inline bool cpumask_and(cpumask_t *dst, const cpumask_t *a, const cpumask_t *b)
{
	u64 any = 0;
	unsigned int i;

	for (i = 0; i < CPUMASK_WORDS; i++)
		any |= dst->bits[i] = a->bits[i] & b->bits[i];
	return any != 0;
}

/* dst = a & ~b; true when the result is not empty. */
static inline bool cpumask_andnot(cpumask_t *dst, const cpumask_t *a, const cpumask_t *b)
{
	u64 any = 0;
	unsigned int i;

	for (i = 0; i < CPUMASK_WORDS; i++)
		any |= dst->bits[i] = a->bits[i] & ~b->bits[i];
	return any != 0;
}

static inline void cpumask_or(cpumask_t *dst, const cpumask_t *a, const cpumask_t *b)
{
	unsigned int i;

	for (i = 0; i < CPUMASK_WORDS; i++)
		dst->bits[i] = a->bits[i] | b->bits[i];
}

static inline bool cpumask_intersects(const cpumask_t *a, const cpumask_t *b)
{
	unsigned int i;

	for (i = 0; i < CPUMASK_WORDS; i++)
		if (a->bits[i] & b->bits[i])
			return true;
	return false;
}

static inline bool cpumask_equal(const cpumask_t *a, const cpumask_t *b)
{
	unsigned int i;

	for (i = 0; i < CPUMASK_WORDS; i++)
		if (a->bits[i] != b->bits[i])
			return false;
	return true;
}

/* The first CPU of m after cpu (cpu == -1: the first); CONFIG_MAX_CPUS when none. */
static inline unsigned int cpumask_next(const cpumask_t *m, int cpu)
{
	unsigned int next = (unsigned int)(cpu + 1), w;
	u64 bits;

	if (next >= CONFIG_MAX_CPUS)
		return CONFIG_MAX_CPUS;
	w = CPUMASK_WORD(next);
	bits = m->bits[w] & (~0ull << (next % CPUMASK_WORD_BITS));
	for (;;) {
		if (bits) {
			next = w * CPUMASK_WORD_BITS + (unsigned int)__builtin_ctzll(bits);
			return next < CONFIG_MAX_CPUS ? next : CONFIG_MAX_CPUS;
		}
		if (++w == CPUMASK_WORDS)
			return CONFIG_MAX_CPUS;
		bits = m->bits[w];
	}
}

static inline unsigned int cpumask_first(const cpumask_t *m)
{
	return cpumask_next(m, -1);
}

#define for_each_cpu(cpu, m)						\
	for ((cpu) = cpumask_first(m); (cpu) < CONFIG_MAX_CPUS;		\
	     (cpu) = cpumask_next((m), (int)(cpu)))

/* The n-th CPU of m (0: the lowest), counting round; 0 when m is empty. */
unsigned int cpumask_nth(const cpumask_t *m, unsigned int n);

/* Shared masks: one word at a time, each word atomic. */
static inline void cpumask_set_atomic(cpumask_t *m, unsigned int cpu)
{
	__atomic_or_fetch(&m->bits[CPUMASK_WORD(cpu)], CPUMASK_BIT(cpu), __ATOMIC_RELEASE);
}

static inline void cpumask_clear_atomic(cpumask_t *m, unsigned int cpu)
{
	__atomic_and_fetch(&m->bits[CPUMASK_WORD(cpu)], ~CPUMASK_BIT(cpu), __ATOMIC_RELEASE);
}

static inline bool cpumask_test_atomic(const cpumask_t *m, unsigned int cpu)
{
	return cpu < CONFIG_MAX_CPUS &&
	       (__atomic_load_n(&m->bits[CPUMASK_WORD(cpu)], __ATOMIC_ACQUIRE) & CPUMASK_BIT(cpu));
}

static inline void cpumask_copy_atomic(cpumask_t *dst, const cpumask_t *src)
{
	unsigned int i;

	for (i = 0; i < CPUMASK_WORDS; i++)
		dst->bits[i] = __atomic_load_n(&src->bits[i], __ATOMIC_ACQUIRE);
}

/* "0-3,8" into buf (lib/cpumask.c); returns buf. */
char *cpumask_str(const cpumask_t *m, char *buf, size_t size);

#endif /* SIS_CPUMASK_H */
