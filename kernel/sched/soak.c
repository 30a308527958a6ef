/*
 * The "soak=N" command-line word: run every ktest suite (not the
 * explicit-only ones, which expect a panic) over and over for N seconds,
 * quietly except for failures and one line per round, then print the
 * scheduler statistics. Meant for CONFIG_DEBUG_LOCK_ORDER=y kernels on
 * several CPUs: the lock-order checker sees every path many times.
 *
 * Left out: the explicit-only suites (they end in a panic) and the cases
 * marked KTEST_ONCE (the checker's self-tests), which provoke a report on
 * purpose and can do so only once per boot: a soak must show none.
 */
#include <sis/ktest.h>
#include <sis/printk.h>
#include <sis/sched.h>
#include <sis/time.h>

extern const struct ktest_suite __ktest_start[], __ktest_end[];

/* One pass over every suite; returns the failed cases. */
static unsigned int soak_pass(unsigned int *cases)
{
	const struct ktest_suite *s;
	unsigned int i, failed = 0;

	for (s = __ktest_start; s < __ktest_end; s++) {
		if (s->explicit_only)
			continue;
		for (i = 0; i < s->ncases; i++) {
			struct ktest t = { .name = s->cases[i].name };

			if (s->cases[i].flags & KTEST_ONCE)
				continue;
			s->cases[i].run(&t);
			(*cases)++;
			if (t.failed) {
				pr_err("[SOAK] %s.%s failed\n", s->name, t.name);
				failed++;
			}
		}
	}
	return failed;
}

int sched_soak(u64 seconds, bool (*stop)(void))
{
	u64 start = time_ns(), end = start + seconds * NSEC_PER_SEC;
	unsigned int round = 0, cases = 0, failed = 0;

	pr_info("[SOAK] running every test for %llu s\n", (unsigned long long)seconds);
	do {
		failed += soak_pass(&cases);
		round++;
		pr_info("[SOAK] round %u done at %llu ms, %u failed so far\n", round,
			(unsigned long long)((time_ns() - start) / 1000000), failed);
	} while (time_ns() < end && !(stop && stop()));
	pr_info("[SOAK] %u rounds, %u test cases, %u failed\n", round, cases, failed);
	sched_stats();
	if (failed)
		pr_info("not ok 1 soak\n");
	return (int)failed;
}
