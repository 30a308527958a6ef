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

/* Case counts, for the "# Totals" lines as KUnit prints them. */
struct ktest_totals {
	unsigned int pass, fail, skip;
};

static void print_totals(const char *indent, const char *what, const struct ktest_totals *c)
{
	pr_info("%s# %s: pass:%u fail:%u skip:%u total:%u\n", indent, what, c->pass,
		c->fail, c->skip, c->pass + c->fail + c->skip);
}

static bool run_suite(const struct ktest_suite *s, unsigned int index,
		      struct ktest_totals *all)
{
	struct ktest_totals c = { 0 };
	unsigned int i;

	pr_info("    KTAP version 1\n    # Subtest: %s\n    1..%u\n", s->name, s->ncases);
	for (i = 0; i < s->ncases; i++) {
		struct ktest t = { .name = s->cases[i].name };

		s->cases[i].run(&t);
		if (t.failed)
			c.fail++;
		else if (t.skipped)
			c.skip++;
		else
			c.pass++;
		pr_info("    %sok %u %s%s\n", t.failed ? "not " : "", i + 1, t.name,
			t.skipped && !t.failed ? " # SKIP" : "");
	}
	print_totals("    ", s->name, &c);
	pr_info("%sok %u %s\n", c.fail ? "not " : "", index, s->name);
	all->pass += c.pass;
	all->fail += c.fail;
	all->skip += c.skip;
	return c.fail == 0;
}

/* A name in "ktest=a,b" that is no suite: say so, with the names there are. */
static int check_wanted(void)
{
	const struct ktest_suite *s;
	const char *p = wanted;
	int unknown = 0;

	while (*p) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		bool found = false;

		for (s = __ktest_start; s < __ktest_end; s++)
			found |= strlen(s->name) == len && !strncmp(s->name, p, len);
		if (!found && len) {
			pr_err("[KTEST] no suite named '%.*s'\n", (int)len, p);
			unknown++;
		}
		p += len + (end != NULL);
	}
	if (unknown) {
		char names[256];
		size_t n = 0;

		for (s = __ktest_start; s < __ktest_end && n < sizeof(names); s++)
			n += snprintf(names + n, sizeof(names) - n, " %s", s->name);
		pr_err("[KTEST] suites in this kernel:%s\n", names);
	}
	return unknown;
}

int ktest_run_list(const char *names)
{
	const struct ktest_suite *s;
	struct ktest_totals all = { 0 };
	unsigned int n = 0, i = 0;
	int failed;

	strlcpy(wanted, names ? names : "", sizeof(wanted));
	failed = check_wanted();
	for (s = __ktest_start; s < __ktest_end; s++)
		n += selected(s);
	pr_info("KTAP version 1\n1..%u\n", n);
	for (s = __ktest_start; s < __ktest_end; s++)
		if (selected(s))
			failed += !run_suite(s, ++i, &all);
	print_totals("", "Totals", &all);
	pr_info("# ktest: %u suite(s), %d failed\n", n, failed);
	return failed;
}

int ktest_run(void)
{
	char list[sizeof(wanted)];

	if (!cmdline_has("ktest"))
		return 0;
	if (!cmdline_get("ktest", list, sizeof(list)))
		list[0] = '\0';
	return ktest_run_list(list);
}

const char *ktest_suite_nth(unsigned int n)
{
	const struct ktest_suite *s = __ktest_start + n;

	return s < __ktest_end ? s->name : NULL;
}
