/*
 * The shell on the console (kernel/shell/): a prompt "sis> " after boot
 * when the command line has no "poweroff", a line editor, and a table of
 * commands that any file adds to with SHELL_CMD(), as Zephyr's
 * SHELL_CMD_REGISTER does:
 *
 *	static int cmd_hello(int argc, char **argv)
 *	{
 *		shell_printf("hello from core%u\n", smp_processor_id());
 *		return 0;
 *	}
 *	SHELL_CMD(hello, "[NAME]", "Say hello.", cmd_hello, NULL);
 *
 * A command returns 0 or a negative errno (the shell names it). Long
 * ones poll shell_interrupted() and stop when the user typed Ctrl-C.
 * The shell is a kernel task that any CPU may run.
 */
#ifndef SIS_SHELL_H
#define SIS_SHELL_H

#include <sis/compiler.h>
#include <sis/types.h>

#define SHELL_LINE_MAX		256	/* longer lines are refused whole */
#define SHELL_ARGS_MAX		16
#define SHELL_HISTORY		16

/* Offers completions of the word being typed: shell_complete_add() each. */
struct shell_completion;
typedef void (*shell_complete_fn)(int argc, char **argv, struct shell_completion *c);

struct shell_cmd {
	const char *name;
	const char *args;		/* usage after the name: "[-c]", "CPU" */
	const char *help;		/* one line */
	int (*run)(int argc, char **argv);
	shell_complete_fn complete;	/* completes arguments; NULL: none */
};

#define SHELL_CMD(id, args_, help_, run_, complete_)				\
	static const struct shell_cmd __shell_cmd_##id __used			\
	__section(".shell_cmds") __aligned(8) = {				\
		.name = #id, .args = (args_), .help = (help_),			\
		.run = (run_), .complete = (complete_) }

#ifdef CONFIG_SHELL
/* Start the shell task (kernel_main, at the end of boot). */
void shell_start(void);
#else
static inline void shell_start(void)
{
}
#endif /* CONFIG_SHELL */

/* Command output, on the console (not the kernel log). */
__printf(1, 2) void shell_printf(const char *fmt, ...);

/*
 * A line built in pieces and written whole (so that no other CPU's
 * output lands inside it): shell_line_add() each piece, then
 * shell_line_end() writes it with its newline.
 */
struct shell_line {
	char buf[1024];
	size_t len;
};

__printf(2, 3) void shell_line_add(struct shell_line *l, const char *fmt, ...);
void shell_line_end(struct shell_line *l);
/* True once the user typed Ctrl-C while this command runs. */
bool shell_interrupted(void);
/* A key was typed (a command that runs until one, as top does, ends). */
bool shell_key_pressed(void);
/* Offer word as a completion when it starts with what is typed. */
void shell_complete_add(struct shell_completion *c, const char *word);
/* Parse a CPU number argument: 0 and the CPU, or -EINVAL with a line saying why. */
int shell_parse_cpu(const char *arg, unsigned int *cpu);
/* Parse a whole number: 0, or -EINVAL with a line naming the argument. */
int shell_parse_u64(const char *arg, const char *what, u64 *out);

#endif /* SIS_SHELL_H */
