/*
 * Shell commands for user programs: run PROG [ARGS] starts one from the
 * initramfs and waits for it (ps, in cmd_sched.c, lists processes).
 */
#include <sis/errno.h>
#include <sis/printk.h>
#include <sis/shell.h>
#include <sis/string.h>
#include <sis/user.h>

static int cmd_run(int argc, char **argv)
{
	char path[USER_PATH_MAX];
	long pid, status;

	if (argc < 2) {
		shell_printf("usage: run PROG [ARGS]\n");
		return -EINVAL;
	}
	if (argc - 1 > USER_ARGS_MAX)
		return -E2BIG;
	snprintf(path, sizeof(path), "%s%s", argv[1][0] == '/' ? "" : "/bin/", argv[1]);
	argv[1] = path;
	pid = user_spawn(path, (const char *const *)&argv[1], (unsigned int)argc - 1);
	if (pid < 0) {
		shell_printf("run: %s: %s\n", path, err_name((int)pid));
		return (int)pid;
	}
	status = user_wait(pid);
	if (status < 0)
		return (int)status;
	if (WAIT_KILLED(status))
		shell_printf("run: %s (pid %ld) was killed (%ld)\n", path, pid,
			     (long)WAIT_KILLED(status));
	else if (WAIT_EXITCODE(status))
		shell_printf("run: %s (pid %ld) exited with code %ld\n", path, pid,
			     (long)WAIT_EXITCODE(status));
	return 0;
}

SHELL_CMD(run, "PROG [ARGS]", "Run a user program from the initramfs (/bin/PROG) and wait for it.",
	  cmd_run, NULL);
