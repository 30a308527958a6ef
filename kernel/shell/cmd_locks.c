/*
 * The shell's locks: every lock class with its statistics (hottest
 * first, CONFIG_LOCK_STAT), and "locks graph": the dependencies the
 * lock-order checker recorded and what it reported.
 */
#include <sis/errno.h>
#include <sis/lockorder.h>
#include <sis/panic.h>
#include <sis/shell.h>
#include <sis/string.h>

#define CLASSES_SHOWN	256	/* the hottest of more are shown */

static struct lock_class_info info[CLASSES_SHOWN];

static void show_class(const struct lock_class_info *c)
{
	shell_printf("%-24s %10llu %9llu %9llu %9llu %9llu\n", c->name,
		     (unsigned long long)c->acquired, (unsigned long long)c->contended,
		     (unsigned long long)(c->wait_max_ns / 1000),
		     (unsigned long long)(c->contended ? c->wait_total_ns / c->contended / 1000 : 0),
		     (unsigned long long)(c->hold_max_ns / 1000));
}

static int locks_stats(void)
{
	bool shown[CLASSES_SHOWN] = { false };
	unsigned int n = 0, i, k;

	while (n < CLASSES_SHOWN && lockorder_class_info(n, &info[n]))
		n++;
	if (!IS_ENABLED(CONFIG_LOCK_STAT))
		shell_printf("(counts need CONFIG_LOCK_STAT; classes only)\n");
	shell_printf("%-24s %10s %9s %9s %9s %9s\n", "CLASS", "ACQUIRED", "CONTENDED",
		     "WAITMAXus", "WAITAVGus", "HOLDMAXus");
	for (k = 0; k < n; k++) {	/* most contended first */
		int best = -1;

		for (i = 0; i < n; i++)
			if (!shown[i] && (best < 0 || info[i].contended > info[best].contended ||
					  (info[i].contended == info[best].contended &&
					   info[i].acquired > info[best].acquired)))
				best = (int)i;
		shown[best] = true;
		show_class(&info[best]);
	}
	shell_printf("%u lock class(es)\n", n);
	return 0;
}

static int locks_graph(void)
{
	struct lock_edge_info e;
	char a[64], b[64];
	unsigned int i;

	for (i = 0; lockorder_edge_info(i, &e); i++)
		shell_printf("%s -> %s  (first on core%u: %s, then %s)\n", e.from, e.to, e.cpu,
			     ksym_format(e.from_ip, a, sizeof(a)), ksym_format(e.to_ip, b, sizeof(b)));
	shell_printf("%u dependency edge(s); %u report(s)%s%s\n", i, lockorder_reports(),
		     lockorder_reports() ? ", the last: " : "", lockorder_last_report());
	return 0;
}

static int cmd_locks(int argc, char **argv)
{
	if (!IS_ENABLED(CONFIG_DEBUG_LOCK_ORDER)) {
		shell_printf("locks: built without the lock-order checker "
			     "(CONFIG_DEBUG_LOCK_ORDER, CONFIG_LOCK_STAT): no lock classes\n");
		return -ENOTSUP;
	}
	if (argc > 1 && !strcmp(argv[1], "graph"))
		return locks_graph();
	if (argc > 1) {
		shell_printf("usage: locks [graph]\n");
		return -EINVAL;
	}
	return locks_stats();
}

static void complete_locks(int argc, char **argv, struct shell_completion *c)
{
	if (argc == 1)
		shell_complete_add(c, "graph");
}

SHELL_CMD(locks, "[graph]", "Lock classes: taken, contended, wait and hold times; or the order graph.",
	  cmd_locks, complete_locks);
