/*
 * The system-call layer (kernel/syscall.c): one table of calls, entered
 * today from kernel tasks and later from user mode through the arch's
 * trap. Objects are named by handles (small integers carrying a
 * generation, so a stale handle is caught), never by pointers. Every
 * call checks its arguments: a bad number, handle, size, priority or
 * pointer returns a negative error (<sis/errno.h>), never a crash.
 *
 *	long h = syscall(SYS_PORT_CREATE, 16, 0, 0, 0);
 *	struct msg m = { .tag = 7 };
 *	syscall(SYS_PORT_SEND, h, (long)&m, sizeof(m), 0);
 */
#ifndef SIS_SYSCALL_H
#define SIS_SYSCALL_H

#include <sis/errno.h>
#include <sis/types.h>

enum syscall_nr {
	SYS_YIELD,		/* () -> 0 */
	SYS_SLEEP,		/* (ms) -> 0 */
	SYS_GETCPU,		/* () -> logical CPU id */
	SYS_PORT_CREATE,	/* (capacity) -> handle */
	SYS_PORT_SEND,		/* (handle, msg *, size) -> 0 */
	SYS_PORT_RECV,		/* (handle, msg *, size) -> 0 */
	SYS_PORT_TRY_SEND,	/* (handle, msg *, size) -> 0 / -EAGAIN */
	SYS_PORT_TRY_RECV,	/* (handle, msg *, size) -> 0 / -EAGAIN */
	SYS_PORT_CLOSE,		/* (handle) -> 0: close and release the handle */
	SYS_TASK_CREATE,	/* (fn, arg, prio, affinity) -> handle */
	SYS_TASK_JOIN,		/* (handle) -> exit code; releases the handle */
	SYS_TASK_SET_AFFINITY,	/* (handle, mask) -> 0 */
	SYS_TASK_EXIT,		/* (code) -> does not return */
	SYS_MAX
};

/* Handle-table size: objects alive at once through system calls. */
#define SYSCALL_MAX_HANDLES	64

#ifdef CONFIG_SYSCALL
long syscall(unsigned int nr, long a0, long a1, long a2, long a3);
#else
static inline long syscall(unsigned int nr, long a0, long a1, long a2, long a3)
{
	return -ENOTSUP;
}
#endif /* CONFIG_SYSCALL */

#endif /* SIS_SYSCALL_H */
