/*
 * Shell commands about the kernel as a whole: help, version, uptime,
 * config, dmesg, loglevel, watch, reboot, poweroff, stop.
 */
#include <sis/arch.h>
#include <sis/errno.h>
#include <sis/log.h>
#include <sis/panic.h>
#include <sis/percpu.h>
#include <sis/power.h>
#include <sis/printk.h>
#include <sis/sched.h>
#include <sis/shell.h>
#include <sis/string.h>
#include <sis/time.h>
#include <generated/version.h>
#include "line.h"

extern const char sis_build_time[], sis_build_rev[], sis_config_data[];

static void help_one(const struct shell_cmd *cmd)
{
	shell_printf("%s%s%s\n    %s\n", cmd->name, cmd->args[0] ? " " : "", cmd->args,
		     cmd->help);
}

static int cmd_help(int argc, char **argv)
{
	const struct shell_cmd *cmd;

	for (cmd = shell_cmd_next(NULL); cmd; cmd = shell_cmd_next(cmd)) {
		if (argc > 1 && strcmp(argv[1], cmd->name))
			continue;
		if (argc > 1)
			help_one(cmd);
		else
			shell_printf("  %-10s %s\n", cmd->name, cmd->help);
		if (argc > 1)
			return 0;
	}
	if (argc > 1) {
		shell_printf("help: no command '%s'\n", argv[1]);
		return -ENOENT;
	}
	shell_printf("help CMD shows one; Tab completes; ^C stops a running command\n");
	return 0;
}

static void complete_help(int argc, char **argv, struct shell_completion *c)
{
	const struct shell_cmd *cmd;

	if (argc == 1)
		for (cmd = shell_cmd_next(NULL); cmd; cmd = shell_cmd_next(cmd))
			shell_complete_add(c, cmd->name);
}

SHELL_CMD(help, "[CMD]", "List the commands, or explain one.", cmd_help, complete_help);

#define WATCH_DEFAULT_S	2
#define WATCH_STEP_MS	100	/* how soon a key is noticed */

static int cmd_watch(int argc, char **argv);

static int watch_usage(void)
{
	shell_printf("usage: watch [-n SECONDS] CMD [ARGS...]\n");
	return -EINVAL;
}

/* CMD again every few seconds on a cleared screen, until a key or ^C. */
static int cmd_watch(int argc, char **argv)
{
	const struct shell_cmd *cmd;
	u64 secs = WATCH_DEFAULT_S, waited;
	int first = 1;

	if (argc > 2 && !strcmp(argv[1], "-n")) {
		if (shell_parse_u64(argv[2], "seconds", &secs))
			return -EINVAL;
		first = 3;
	}
	if (first >= argc || !secs || secs > 3600)
		return watch_usage();
	cmd = shell_cmd_find(argv[first]);
	if (!cmd || cmd->run == cmd_watch) {
		shell_printf("watch: '%s' is not a command it can repeat\n", argv[first]);
		return -ENOENT;
	}
	while (!shell_key_pressed()) {
		shell_printf("\x1b[H\x1b[2Jevery %llu s: %s (any key ends it)\n",
			     (unsigned long long)secs, argv[first]);
		cmd->run(argc - first, argv + first);
		for (waited = 0; waited < secs * 1000 && !shell_key_pressed();
		     waited += WATCH_STEP_MS)
			sleep_ms(WATCH_STEP_MS);
	}
	return 0;
}

SHELL_CMD(watch, "[-n SECONDS] CMD [ARGS...]", "Run a command again every few seconds until a key.",
	  cmd_watch, complete_help);

static int cmd_version(int argc, char **argv)
{
	shell_printf("sis %s (%s/%s), git %s, built %s\n", SIS_VERSION, CONFIG_BOARD,
		     CONFIG_ARCH, sis_build_rev, sis_build_time);
	return 0;
}

SHELL_CMD(version, "", "Version, board, architecture, git revision, build time.",
	  cmd_version, NULL);

static int cmd_uptime(int argc, char **argv)
{
	u64 ns = ticks_to_ns(arch_counter_read() - boot_counter_start);

	shell_printf("up %llu.%03llu s, %u CPU(s) online\n",
		     (unsigned long long)(ns / NSEC_PER_SEC),
		     (unsigned long long)(ns % NSEC_PER_SEC / 1000000), num_online_cpus());
	return 0;
}

SHELL_CMD(uptime, "", "Time since boot.", cmd_uptime, NULL);

/* The lines of the embedded .config that name sym (all with sym NULL). */
static int cmd_config(int argc, char **argv)
{
	const char *line = sis_config_data, *sym = argc > 1 ? argv[1] : NULL;
	size_t symlen = 0;
	unsigned int shown = 0;

	if (sym && !strncmp(sym, "CONFIG_", 7))
		sym += 7;
	if (sym)
		symlen = strlen(sym);
	while (*line) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		const char *name = !strncmp(line, "CONFIG_", 7) ? line + 7 :
				   !strncmp(line, "# CONFIG_", 9) ? line + 9 : NULL;

		if (!sym || (name && !strncmp(name, sym, symlen) &&
			     (name[symlen] == '=' || name[symlen] == ' '))) {
			shell_printf("%.*s\n", (int)len, line);
			shown++;
		}
		line += len + (end != NULL);
	}
	if (sym && !shown) {
		shell_printf("config: %s is not a symbol of this kernel\n", argv[1]);
		return -ENOENT;
	}
	return 0;
}

SHELL_CMD(config, "[SYMBOL]", "The configuration this kernel was built with.", cmd_config,
	  NULL);

static int cmd_dmesg(int argc, char **argv)
{
	static struct log_line line;	/* one shell: one reader */
	u64 seq = log_start(), want = seq;

	if (argc > 1 && strcmp(argv[1], "-c")) {
		shell_printf("usage: dmesg [-c]\n");
		return -EINVAL;
	}
	while (log_read(&seq, &line) && !shell_interrupted()) {
		if (line.seq > want)
			shell_printf("(%llu lines lost: the log is full)\n",
				     (unsigned long long)(line.seq - want));
		want = seq;
		shell_printf("[%5llu.%06llu][C%u] %s\n",
			     (unsigned long long)(line.ts_ns / NSEC_PER_SEC),
			     (unsigned long long)(line.ts_ns % NSEC_PER_SEC / 1000), line.cpu,
			     line.text);
	}
	if (argc > 1)
		log_clear();
	return 0;
}

SHELL_CMD(dmesg, "[-c]", "The kernel log (-c: then clear it).", cmd_dmesg, NULL);

static int cmd_loglevel(int argc, char **argv)
{
	u64 level;

	if (argc < 2) {
		shell_printf("console loglevel %d (0-7: 3 errors, 4 warnings, 6 info, 7 debug)\n",
			     console_loglevel);
		return 0;
	}
	if (shell_parse_u64(argv[1], "level", &level))
		return -EINVAL;
	if (level > LOG_DEBUG) {
		shell_printf("loglevel: %llu is out of range 0-%d\n", (unsigned long long)level,
			     LOG_DEBUG);
		return -EINVAL;
	}
	console_loglevel = (int)level;
	return 0;
}

SHELL_CMD(loglevel, "[N]", "Show or set what reaches the console.", cmd_loglevel, NULL);

static int cmd_reboot(int argc, char **argv)
{
	shell_printf("rebooting\n");
	machine_reset();
}

SHELL_CMD(reboot, "", "Restart the machine.", cmd_reboot, NULL);

static int cmd_poweroff(int argc, char **argv)
{
	shell_printf("powering off\n");
	machine_poweroff(true);
}

SHELL_CMD(poweroff, "", "Turn the machine off.", cmd_poweroff, NULL);

static int cmd_stop(int argc, char **argv)
{
	panic("stop: asked from the shell on core%u", smp_processor_id());
}

SHELL_CMD(stop, "", "Stop the kernel as a panic does: every CPU reports, then halts.",
	  cmd_stop, NULL);
