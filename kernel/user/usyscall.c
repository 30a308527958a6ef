/*
 * The system calls only user programs make (the table is kernel/syscall.c's,
 * which sends these here). Every pointer goes through copy_from_user,
 * copy_to_user or strncpy_from_user: a bad one is -EFAULT.
 */
#include <sis/console.h>
#include <sis/errno.h>
#include <sis/mm.h>
#include <sis/printk.h>
#include <sis/time.h>
#include "internal.h"

#define IO_CHUNK	256

static long sys_exit(long code)
{
	proc_exit(WAIT_STATUS(code, KILL_NONE));
}

/* The argument vector of SYS_SPAWN, copied in: kmalloc'd strings. */
static long copy_argv(const char *const *uargv, char **argv, unsigned int *argc)
{
	unsigned int n;
	long err = 0;

	for (n = 0; uargv; n++) {
		const char *uarg;

		err = copy_from_user(&uarg, &uargv[n], sizeof(uarg), sizeof(uarg));
		if (err || !uarg)
			break;
		if (n == USER_ARGS_MAX) {
			err = -E2BIG;
			break;
		}
		argv[n] = kmalloc(USER_ARG_LEN);
		if (!argv[n]) {
			err = -ENOMEM;
			break;
		}
		err = strncpy_from_user(argv[n], uarg, USER_ARG_LEN);
		if (err < 0) {
			kfree(argv[n]);
			break;
		}
		err = 0;
	}
	*argc = n;
	return err;
}

static long sys_spawn(const char *upath, const char *const *uargv)
{
	char path[USER_PATH_MAX];
	char *argv[USER_ARGS_MAX];
	unsigned int argc = 0, i;
	long err = strncpy_from_user(path, upath, sizeof(path));

	if (err < 0)
		return err;
	err = copy_argv(uargv, argv, &argc);
	if (!err && argc == 0)
		argv[argc++] = path;
	if (!err)
		err = proc_spawn(path, (const char *const *)argv, argc, proc_current()->pid);
	for (i = 0; i < argc; i++)
		if (argv[i] != path)
			kfree(argv[i]);
	return err;
}

static long sys_wait(long pid, int *ustatus)
{
	int status = 0;
	long ret;

	/* A bad status pointer is refused before a child is collected and lost. */
	if (ustatus && !user_range_ok((uintptr_t)ustatus, sizeof(*ustatus)))
		return -EFAULT;
	if ((uintptr_t)ustatus & (sizeof(*ustatus) - 1))
		return -EFAULT;
	ret = proc_wait(proc_current()->pid, pid, &status);
	if (ret > 0 && ustatus && copy_to_user(ustatus, &status, sizeof(status), sizeof(status)))
		return -EFAULT;
	return ret;
}

static long sys_sleep_ns(long ns)
{
	if (ns < 0)
		return -EINVAL;
	if (ns == 0) {
		yield();
		return 0;
	}
	sleep_ms(((u64)ns + 999999) / 1000000);
	return 0;
}

static long sys_write(long fd, const char *ubuf, long len)
{
	char buf[IO_CHUNK];
	long done = 0;

	if (fd != 1 && fd != 2)
		return -EBADF;
	if (len < 0 || !user_range_ok((uintptr_t)ubuf, (size_t)len))
		return -EFAULT;
	while (done < len) {
		size_t n = MIN((size_t)(len - done), sizeof(buf));

		if (copy_from_user(buf, ubuf + done, n, 1))
			return done ? done : -EFAULT;
		console_out(buf, n);
		done += (long)n;
	}
	return done;
}

static long sys_read(long fd, char *ubuf, long len)
{
	char buf[IO_CHUNK];
	size_t n;

	if (fd != 0)
		return -EBADF;
	if (len <= 0 || !user_range_ok((uintptr_t)ubuf, (size_t)len))
		return len == 0 ? 0 : -EFAULT;
	n = console_read(buf, MIN((size_t)len, sizeof(buf)));
	return copy_to_user(ubuf, buf, n, 1) ? -EFAULT : (long)n;
}

long user_syscall(unsigned int nr, long a0, long a1, long a2, long a3)
{
	struct proc *p = proc_current();

	switch (nr) {
	case SYS_EXIT:
		return sys_exit(a0);
	case SYS_SPAWN:
		return sys_spawn((const char *)a0, (const char *const *)a1);
	case SYS_WAIT:
		return sys_wait(a0, (int *)a1);
	case SYS_GETPID:
		return p->pid;
	case SYS_SLEEP_NS:
		return sys_sleep_ns(a0);
	case SYS_CLOCK_NS:
		return (long)time_ns();
	case SYS_WRITE:
		return sys_write(a0, (const char *)a1, a2);
	case SYS_READ:
		return sys_read(a0, (char *)a1, a2);
	case SYS_MMAP:
		return mm_mmap(&p->mm, (size_t)a0, (unsigned int)a1);
	case SYS_MUNMAP:
		return mm_munmap(&p->mm, (uintptr_t)a0, (size_t)a1);
	case SYS_THREAD_EXIT:
		thread_exit((int)a0);
	case SYS_MEMINFO:
		return (long)page_free_count();
	default:
		return -ENOTSUP;
	}
}
