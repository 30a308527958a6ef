/*
 * Shell commands that run the kernel's own tests and benchmarks again:
 * ktest, bench.
 */
#include <sis/bench.h>
#include <sis/errno.h>
#include <sis/ktest.h>
#include <sis/shell.h>
#include <sis/string.h>

static int cmd_ktest(int argc, char **argv)
{
	char list[SHELL_LINE_MAX] = "";
	size_t len = 0;
	int i;

	for (i = 1; i < argc; i++) {
		size_t n = strlen(argv[i]);

		if (len + n + 2 > sizeof(list))
			return -E2BIG;
		if (len)
			list[len++] = ',';
		memcpy(list + len, argv[i], n + 1);
		len += n;
	}
	return ktest_run_list(list) ? -EIO : 0;
}

static void complete_suites(int argc, char **argv, struct shell_completion *c)
{
	const char *name;
	unsigned int i;

	for (i = 0; (name = ktest_suite_nth(i)); i++)
		shell_complete_add(c, name);
}

SHELL_CMD(ktest, "[SUITE...]", "Run the in-kernel tests again (KTAP), all or the named.",
	  cmd_ktest, complete_suites);

static int cmd_bench(int argc, char **argv)
{
	int err = bench_run_named(argc > 1 ? argv[1] : NULL, shell_interrupted);

	if (err == -ENOENT)
		shell_printf("bench: no benchmark '%s' (Tab lists them)\n", argv[1]);
	return err;
}

static void complete_bench(int argc, char **argv, struct shell_completion *c)
{
	const char *name;
	unsigned int i;

	if (argc == 1)
		for (i = 0; (name = bench_nth(i)); i++)
			shell_complete_add(c, name);
}

SHELL_CMD(bench, "[NAME]", "Run the microbenchmarks, all or one ([BENCH] lines).",
	  cmd_bench, complete_bench);
