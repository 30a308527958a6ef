/*
 * The shell task (include/sis/shell.h): read the console's input ring,
 * feed the line editor, split the line, run the command it names. The
 * task may run on any CPU; a command's output says which where that
 * matters. While a command runs, the console's input hook takes ^C and
 * raises the interrupt flag the command polls; other keys stay queued
 * for the next line (or for shell_key_pressed()).
 */
#include <sis/console.h>
#include <sis/errno.h>
#include <sis/percpu.h>
#include <sis/printk.h>
#include <sis/sched.h>
#include <sis/shell.h>
#include <sis/string.h>
#include "line.h"

#define PROMPT		"sis> "
#define CTRL_C		0x03

extern const struct shell_cmd __shell_cmds_start[], __shell_cmds_end[];

static struct line_editor editor;
static int running;		/* a command runs: ^C interrupts it */
static int interrupted;
static bool said;		/* the command printed something */

void shell_printf(const char *fmt, ...)
{
	va_list ap;

	said = true;
	va_start(ap, fmt);
	console_vprintf(fmt, ap);
	va_end(ap);
}

void shell_line_add(struct shell_line *l, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (l->len >= sizeof(l->buf) - 1)
		return;
	va_start(ap, fmt);
	n = vsnprintf(l->buf + l->len, sizeof(l->buf) - l->len, fmt, ap);
	va_end(ap);
	if (n > 0)
		l->len = MIN(l->len + (size_t)n, sizeof(l->buf) - 1);
}

void shell_line_end(struct shell_line *l)
{
	unsigned long flags;

	said = true;
	shell_line_add(l, "\n");
	if (l->buf[l->len - 1] != '\n')
		l->buf[l->len - 1] = '\n';	/* cut: still one whole line */
	flags = console_lock();
	console_write(l->buf, l->len);
	console_unlock(flags);
	l->len = 0;
}

bool shell_interrupted(void)
{
	return load_acquire(&interrupted);
}

bool shell_key_pressed(void)
{
	return console_input_ready() || shell_interrupted();
}

/* The console's input hook: ^C while a command runs interrupts it. */
static bool take_interrupt(char c)
{
	if (c != CTRL_C || !load_acquire(&running))
		return false;
	store_release(&interrupted, 1);
	return true;
}

const struct shell_cmd *shell_cmd_find(const char *name)
{
	const struct shell_cmd *cmd;

	for (cmd = __shell_cmds_start; cmd < __shell_cmds_end; cmd++)
		if (!strcmp(cmd->name, name))
			return cmd;
	return NULL;
}

const struct shell_cmd *shell_cmd_next(const struct shell_cmd *after)
{
	const struct shell_cmd *cmd, *best = NULL;

	for (cmd = __shell_cmds_start; cmd < __shell_cmds_end; cmd++)
		if ((!after || strcmp(cmd->name, after->name) > 0) &&
		    (!best || strcmp(cmd->name, best->name) < 0))
			best = cmd;
	return best;
}

int shell_parse_u64(const char *arg, const char *what, u64 *out)
{
	const char *end;

	*out = kstrtoull(arg, &end, 0);
	if (end == arg || *end) {
		shell_printf("'%s' is not a number (%s)\n", arg, what);
		return -EINVAL;
	}
	return 0;
}

int shell_parse_cpu(const char *arg, unsigned int *cpu)
{
	u64 n;

	if (shell_parse_u64(arg, "a CPU", &n))
		return -EINVAL;
	if (n >= CONFIG_MAX_CPUS || !cpu_is_online((unsigned int)n)) {
		shell_printf("CPU %s is not online (cpus lists them)\n", arg);
		return -EINVAL;
	}
	*cpu = (unsigned int)n;
	return 0;
}

/* ---------------------------------------------------------------- completion */

void shell_complete_add(struct shell_completion *c, const char *word)
{
	if (strncmp(word, c->prefix, c->prefix_len))
		return;
	if (c->n == LINE_CAND_MAX)
		c->more = true;
	else
		c->cand[c->n++] = word;
}

/* The editor's callback: command names for the first word, else the command's own. */
static void complete(void *ctx, const char *line, size_t len, struct shell_completion *c)
{
	char copy[SHELL_LINE_MAX];
	char *argv[SHELL_ARGS_MAX];
	const struct shell_cmd *cmd;
	int argc;

	memcpy(copy, line, len);
	copy[len] = '\0';
	argc = shell_split(copy, argv, SHELL_ARGS_MAX);
	if (argc < 0)
		return;
	if (argc == 0 || (argc == 1 && c->prefix_len)) {
		for (cmd = shell_cmd_next(NULL); cmd; cmd = shell_cmd_next(cmd))
			shell_complete_add(c, cmd->name);
		return;
	}
	cmd = shell_cmd_find(argv[0]);
	if (cmd && cmd->complete)
		cmd->complete(argc - (c->prefix_len ? 1 : 0), argv, c);
}

/* ---------------------------------------------------------------- running */

static void run_line(char *line)
{
	char *argv[SHELL_ARGS_MAX];
	const struct shell_cmd *cmd;
	int argc = shell_split(line, argv, SHELL_ARGS_MAX), err;

	if (argc == -E2BIG) {
		shell_printf("too many words (at most %d)\n", SHELL_ARGS_MAX);
		return;
	}
	if (argc < 0) {
		shell_printf("a quote is not closed\n");
		return;
	}
	if (argc == 0)
		return;
	cmd = shell_cmd_find(argv[0]);
	if (!cmd) {
		shell_printf("%s: no such command (help lists them)\n", argv[0]);
		return;
	}
	store_release(&interrupted, 0);
	store_release(&running, 1);
	said = false;
	err = cmd->run(argc, argv);
	store_release(&running, 0);
	if (shell_interrupted())
		shell_printf("^C\n");
	else if (err && !said)	/* a command that explained itself is not named twice */
		shell_printf("%s: failed (%s)\n", argv[0], err_name(err));
}

static void write_out(void *ctx, const char *s, size_t n)
{
	unsigned long flags = console_lock();

	console_write(s, n);
	console_unlock(flags);
}

static int shell_main(void *arg)
{
	char in[32];
	size_t i = 0, n = 0;

	line_init(&editor, PROMPT, write_out, NULL);
	editor.complete = complete;
	console_set_input_hook(take_interrupt);
	line_start(&editor);
	for (;;) {
		enum line_result r;

		if (i == n) {
			n = console_read(in, sizeof(in));
			i = 0;
		}
		/* Bytes after a line's end (a paste) begin the next one. */
		r = line_feed(&editor, in[i++]);
		if (r == LINE_DONE)
			run_line(editor.buf);
		if (r != LINE_MORE)
			line_start(&editor);
	}
	return 0;
}

void shell_start(void)
{
	struct task *t = task_create_named("shell", shell_main, NULL, SCHED_PRIO_DEFAULT,
					   cpu_all_mask);

	if (!t)
		pr_err("[SHELL] cannot start the shell task: out of memory\n");
}
