/*
 * In-kernel tests, printed as KTAP version 1 (as Linux's KUnit does).
 * A suite is a named list of cases; the command line word "ktest" runs
 * every suite, "ktest=a,b" the named ones. Suites live in the ".ktest"
 * section (bounded by __ktest_start/__ktest_end in the linker scripts).
 *
 *	static void test_thing(struct ktest *t) { KTEST_EXPECT(t, 1 + 1 == 2); }
 *	KTEST_SUITE(example, KTEST_CASE(test_thing));
 */
#ifndef SIS_KTEST_H
#define SIS_KTEST_H

#include <sis/cmdline.h>
#include <sis/compiler.h>
#include <sis/types.h>

struct ktest {
	const char *name;
	bool failed;
	bool skipped;
};

struct ktest_case {
	const char *name;
	void (*run)(struct ktest *t);
	unsigned int flags;
};

/*
 * ktest_case.flags: KTEST_ONCE for a case that provokes what the kernel
 * reports only once per boot (the lock-order checker's self-tests): it
 * runs with the suite, and a soak leaves it out.
 */
#define KTEST_ONCE	BIT(0)

struct ktest_suite {
	const char *name;
	const struct ktest_case *cases;
	unsigned int ncases;
	/* Run only when named explicitly (a case that is expected to panic). */
	bool explicit_only;
};

#define KTEST_CASE(fn)		{ #fn, fn, 0 }
#define KTEST_CASE_ONCE(fn)	{ #fn, fn, KTEST_ONCE }

#define __KTEST_SUITE(id, expl, ...) \
	static const struct ktest_case id##_ktest_cases[] = { __VA_ARGS__ }; \
	static const struct ktest_suite id##_ktest_suite __used \
	__section(".ktest") __aligned(8) = { \
		.name = #id, .cases = id##_ktest_cases, \
		.ncases = ARRAY_SIZE(id##_ktest_cases), .explicit_only = expl }

#define KTEST_SUITE(id, ...)		__KTEST_SUITE(id, false, __VA_ARGS__)
#define KTEST_SUITE_EXPLICIT(id, ...)	__KTEST_SUITE(id, true, __VA_ARGS__)

/* Record a failed check with a "# " diagnostic line; returns cond. */
bool ktest_check(struct ktest *t, bool cond, const char *file, int line,
		 const char *what);
bool ktest_check_eq(struct ktest *t, long long a, long long b,
		    const char *file, int line, const char *as, const char *bs);
__printf(2, 3) void ktest_log(struct ktest *t, const char *fmt, ...);
void ktest_skip(struct ktest *t, const char *why);

#define KTEST_EXPECT(t, cond) \
	ktest_check((t), !!(cond), __FILE__, __LINE__, #cond)
#define KTEST_EXPECT_EQ(t, a, b) \
	ktest_check_eq((t), (long long)(a), (long long)(b), __FILE__, __LINE__, #a, #b)

/* Run the suites the command line asks for; returns the number that failed. */
#ifdef CONFIG_KTEST
int ktest_run(void);
/* Run the suites of a comma-separated list ("" or NULL: every suite not explicit-only). */
int ktest_run_list(const char *names);
/* The n-th suite's name, NULL past the last. */
const char *ktest_suite_nth(unsigned int n);
#else
static inline int ktest_run(void)
{
	return 0;
}

static inline int ktest_run_list(const char *names)
{
	cmdline_not_built("ktest", "CONFIG_KTEST");
	return 0;
}

static inline const char *ktest_suite_nth(unsigned int n)
{
	return NULL;
}
#endif /* CONFIG_KTEST */

#endif /* SIS_KTEST_H */
