/*
 * The in-kernel test runner: prints KTAP version 1 as Linux's KUnit does,
 * one nested block per suite:
 *
 *	KTAP version 1
 *	1..2
 *	    KTAP version 1
 *	    # Subtest: smp
 *	    1..3
 *	    ok 1 test_cpus_online
 *	    ...
 *	ok 1 smp
 */
#include <sis/cmdline.h>
#include <sis/ktest.h>
#include <sis/printk.h>
#include <sis/string.h>

extern const struct ktest_suite __ktest_start[], __ktest_end[];

static char wanted[128];	/* "ktest=a,b" list; empty means all */

bool ktest_check(struct ktest *t, bool cond, const char *file, int line,
		 const char *what)
{
	if (!cond) {
		t->failed = true;
		pr_info("        # %s: EXPECTATION FAILED at %s:%d: %s\n", t->name,
			file, line, what);
	}
	return cond;
}

bool ktest_check_eq(struct ktest *t, long long a, long long b,
		    const char *file, int line, const char *as, const char *bs)
{
	if (a != b) {
		t->failed = true;
		pr_info("        # %s: EXPECTATION FAILED at %s:%d: %s == %s (%lld != %lld)\n",
			t->name, file, line, as, bs, a, b);
	}
	return a == b;
}

void ktest_log(struct ktest *t, const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	pr_info("        # %s: %s\n", t->name, buf);
}

void ktest_skip(struct ktest *t, const char *why)
{
	t->skipped = true;
	pr_info("        # %s: skipped: %s\n", t->name, why);
}

/* Is name in the comma-separated list of wanted suites? */
static bool named(const char *name)
{
	size_t len = strlen(name);
	const char *p = wanted;

	while (*p) {
		if (!strncmp(p, name, len) && (p[len] == ',' || p[len] == '\0'))
			return true;
		p = strchr(p, ',');
		if (!p)
			break;
		p++;
	}
	return false;
}

static bool selected(const struct ktest_suite *s)
{
	if (wanted[0])
		return named(s->name);
	return !s->explicit_only;
}

static bool run_suite(const struct ktest_suite *s, unsigned int index)
{
	unsigned int i, failed = 0;

	pr_info("    KTAP version 1\n    # Subtest: %s\n    1..%u\n", s->name, s->ncases);
	for (i = 0; i < s->ncases; i++) {
		struct ktest t = { .name = s->cases[i].name };

		s->cases[i].run(&t);
		failed += t.failed;
		pr_info("    %sok %u %s%s\n", t.failed ? "not " : "", i + 1, t.name,
			t.skipped && !t.failed ? " # SKIP" : "");
	}
	pr_info("%sok %u %s\n", failed ? "not " : "", index, s->name);
	return failed == 0;
}

int ktest_run(void)
{
	const struct ktest_suite *s;
	unsigned int n = 0, i = 0;
	int failed = 0;

	if (!cmdline_has("ktest"))
		return 0;
	cmdline_get("ktest", wanted, sizeof(wanted));
	for (s = __ktest_start; s < __ktest_end; s++)
		n += selected(s);
	pr_info("KTAP version 1\n1..%u\n", n);
	for (s = __ktest_start; s < __ktest_end; s++)
		if (selected(s))
			failed += !run_suite(s, ++i);
	pr_info("# ktest: %u suite(s), %d failed\n", n, failed);
	return failed;
}
