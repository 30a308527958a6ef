/* CPU masks (include/sis/cpumask.h): what is not small enough to inline. */
#include <sis/compiler.h>
#include <sis/cpumask.h>
#include <sis/printk.h>

/* Bits 0 .. CONFIG_MAX_CPUS - 1: whole words of ones, then the rest. */
#define FULL_WORDS	(CONFIG_MAX_CPUS / CPUMASK_WORD_BITS)
#define TAIL_BITS	(CONFIG_MAX_CPUS % CPUMASK_WORD_BITS)

#define ALL_WORD(i)	((i) < FULL_WORDS ? ~0ull : (i) == FULL_WORDS ? (1ull << TAIL_BITS) - 1 : 0)

BUILD_ASSERT(CPUMASK_WORDS <= 8);

const cpumask_t cpumask_all = { .bits = {
	ALL_WORD(0),
#if CPUMASK_WORDS > 1
	ALL_WORD(1),
#endif
#if CPUMASK_WORDS > 2
	ALL_WORD(2),
#endif
#if CPUMASK_WORDS > 3
	ALL_WORD(3),
#endif
#if CPUMASK_WORDS > 4
	ALL_WORD(4),
#endif
#if CPUMASK_WORDS > 5
	ALL_WORD(5),
#endif
#if CPUMASK_WORDS > 6
	ALL_WORD(6),
#endif
#if CPUMASK_WORDS > 7
	ALL_WORD(7),
#endif
} };

unsigned int cpumask_nth(const cpumask_t *m, unsigned int n)
{
	unsigned int cpu, count = cpumask_weight(m);

	if (!count)
		return 0;
	n %= count;
	for_each_cpu(cpu, m)
		if (n-- == 0)
			return cpu;
	return 0;
}

char *cpumask_str(const cpumask_t *m, char *buf, size_t size)
{
	size_t len = 0;
	unsigned int cpu, last;

	if (size)
		buf[0] = '\0';
	for (cpu = cpumask_first(m); cpu < CONFIG_MAX_CPUS && len < size;) {
		last = cpu;
		while (last + 1 < CONFIG_MAX_CPUS && cpumask_test(m, last + 1))
			last++;
		len += (size_t)snprintf(buf + len, size - len, last == cpu ? "%s%u" : "%s%u-%u",
					len ? "," : "", cpu, last);
		cpu = cpumask_next(m, (int)last);
	}
	return buf;
}
