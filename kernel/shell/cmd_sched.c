/*
 * Shell commands about tasks and the scheduler: tasks, ps, top, sched,
 * demo, soak.
 */
#include <sis/arch.h>
#include <sis/errno.h>
#include <sis/percpu.h>
#include <sis/printk.h>
#include <sis/sched.h>
#include <sis/shell.h>
#include <sis/string.h>
#include <sis/time.h>
#include <sis/topology.h>
#include <sis/user.h>

#define TASKS_MAX	128	/* shown at once */
#define TOP_LINES	10
#define TOP_PERIOD_MS	1000
#define SOAK_DEFAULT_S	30

/* One shell: one command at a time, so one set of buffers. */
static struct task_info snap[TASKS_MAX], before[TASKS_MAX];

/* The CPUs a task may use, "all" when that is every scheduling CPU. */
static const char *affinity_str(const struct task_info *t, char *buf, size_t size)
{
	cpumask_t cpus = sched_cpus_now(), mine;

	cpumask_and(&mine, &t->affinity, &cpus);
	return cpumask_equal(&mine, &cpus) ? "all" : cpumask_str(&mine, buf, size);
}

static void show_task(const struct task_info *t)
{
	char aff[24];

	shell_printf("%4u %-16s %c %4u %4d %10s %9llu %6llu %9llu.%03llu\n", t->id, t->name,
		     t->state, t->cpu, t->prio, affinity_str(t, aff, sizeof(aff)),
		     (unsigned long long)t->switches, (unsigned long long)t->migrations,
		     (unsigned long long)(t->run_ns / NSEC_PER_SEC),
		     (unsigned long long)(t->run_ns % NSEC_PER_SEC / 1000000));
}

static int cmd_tasks(int argc, char **argv)
{
	unsigned int n = sched_task_snapshot(snap, TASKS_MAX), i;

	shell_printf("  ID NAME             S  CPU PRIO   AFFINITY  SWITCHES  MIGR   RUNTIME s\n");
	for (i = 0; i < n; i++)
		show_task(&snap[i]);
	shell_printf("%u task(s)%s; S: R running, r ready, S blocked, D exited\n", n,
		     n == TASKS_MAX ? " (more not shown)" : "");
	return 0;
}

SHELL_CMD(tasks, "", "Every task: state, CPU, priority, affinity, switches, run time.",
	  cmd_tasks, NULL);
static void ps_line(const char *line)
{
	shell_printf("%s\n", line);
}

/* The tasks, then (with CONFIG_USER) the processes and the CPU of each thread. */
static int cmd_ps(int argc, char **argv)
{
	cmd_tasks(argc, argv);
	if (IS_ENABLED(CONFIG_USER))
		user_ps(ps_line);
	return 0;
}

SHELL_CMD(ps, "", "Every task, then every user process with its threads' CPUs.", cmd_ps, NULL);

/* ---------------------------------------------------------------- top */

static u64 ran_since(const struct task_info *t, const struct task_info *old, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (old[i].id == t->id)
			return t->run_ns - MIN(t->run_ns, old[i].run_ns);
	return t->run_ns;
}

static void top_cpus(const u64 *idle_before, u64 period_ns)
{
	unsigned int cpu;

	for (cpu = 0; cpu < nr_cpu_ids; cpu++) {
		struct sched_stats s;
		u64 idle;

		sched_cpu_stats(cpu, &s);
		idle = MIN(s.idle_ns - idle_before[cpu], period_ns);
		shell_printf("core%-3u busy %3llu%%  runnable %u\n", cpu,
			     (unsigned long long)((period_ns - idle) * 100 / period_ns),
			     sched_nr_running(cpu));
	}
}

/* The TOP_LINES tasks that ran most in the period, busiest first. */
static void top_tasks(unsigned int n, unsigned int n_before, u64 period_ns)
{
	bool shown[TASKS_MAX] = { false };
	unsigned int line, i;

	shell_printf("  ID NAME             CPU   CPU%%\n");
	for (line = 0; line < TOP_LINES && line < n; line++) {
		int best = -1;
		u64 best_ns = 0;

		for (i = 0; i < n; i++) {
			u64 ns = ran_since(&snap[i], before, n_before);

			if (!shown[i] && !snap[i].idle && (best < 0 || ns > best_ns)) {
				best = (int)i;
				best_ns = ns;
			}
		}
		if (best < 0)
			break;
		shown[best] = true;
		shell_printf("%4u %-16s %3u %5llu%%\n", snap[best].id, snap[best].name,
			     snap[best].cpu, (unsigned long long)(best_ns * 100 / period_ns));
	}
}

static int cmd_top(int argc, char **argv)
{
	static u64 idle_before[CONFIG_MAX_CPUS];	/* one shell: not reentered */
	u64 t0;
	unsigned int n_before, n, cpu;

	while (!shell_key_pressed()) {
		struct sched_stats s;

		n_before = sched_task_snapshot(before, TASKS_MAX);
		for (cpu = 0; cpu < nr_cpu_ids; cpu++) {
			sched_cpu_stats(cpu, &s);
			idle_before[cpu] = s.idle_ns;
		}
		t0 = time_ns();
		sleep_ms(TOP_PERIOD_MS);
		n = sched_task_snapshot(snap, TASKS_MAX);
		shell_printf("\x1b[H\x1b[2Jtop: every %u ms, any key ends it\n", TOP_PERIOD_MS);
		top_cpus(idle_before, time_ns() - t0);
		top_tasks(n, n_before, time_ns() - t0);
	}
	return 0;
}

SHELL_CMD(top, "", "Per-CPU load and the busiest tasks, every second until a key.",
	  cmd_top, NULL);

/* ---------------------------------------------------------------- sched */

static int sched_show(void)
{
	unsigned int cpu, i;
	const char *name;

	shell_printf("policy %s (built in:", sched_policy_name());
	for (i = 0; (name = sched_policy_nth(i)); i++)
		shell_printf(" %s", name);
	shell_printf(")\nCPU  RUNNABLE   SWITCHES  MIGR_IN MIGR_OUT   STEALS\n");
	for (cpu = 0; cpu < nr_cpu_ids; cpu++) {
		struct sched_stats s;

		sched_cpu_stats(cpu, &s);
		shell_printf("%-4u %8u %10llu %8llu %8llu %8llu\n", cpu, sched_nr_running(cpu),
			     (unsigned long long)s.switches, (unsigned long long)s.migrations_in,
			     (unsigned long long)s.migrations_out, (unsigned long long)s.steals);
	}
	return 0;
}

static int cmd_sched(int argc, char **argv)
{
	if (argc == 1)
		return sched_show();
	if (argc != 3 || strcmp(argv[1], "policy")) {
		shell_printf("usage: sched [policy NAME]\n");
		return -EINVAL;
	}
	if (sched_set_policy(argv[2])) {
		shell_printf("sched: no policy '%s' in this kernel (sched lists them)\n", argv[2]);
		return -ENOENT;
	}
	shell_printf("policy %s\n", sched_policy_name());
	return 0;
}

static void complete_sched(int argc, char **argv, struct shell_completion *c)
{
	const char *name;
	unsigned int i;

	if (argc == 1)
		shell_complete_add(c, "policy");
	else if (argc == 2 && !strcmp(argv[1], "policy"))
		for (i = 0; (name = sched_policy_nth(i)); i++)
			shell_complete_add(c, name);
}

SHELL_CMD(sched, "[policy NAME]", "The balancing policy and its counters; switch policy.",
	  cmd_sched, complete_sched);

static int cmd_demo(int argc, char **argv)
{
	sched_demo();
	return 0;
}

SHELL_CMD(demo, "", "Tasks A-D of four priorities, printing where they run.", cmd_demo,
	  NULL);

static int cmd_soak(int argc, char **argv)
{
	u64 seconds = SOAK_DEFAULT_S;

	if (argc > 1 && shell_parse_u64(argv[1], "seconds", &seconds))
		return -EINVAL;
	return sched_soak(seconds, shell_interrupted) ? -EIO : 0;
}

SHELL_CMD(soak, "[SECONDS]", "Every test in a loop (30 s; ^C stops between rounds).",
	  cmd_soak, NULL);
