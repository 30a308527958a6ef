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

#include <sis/abi.h>
#include <sis/errno.h>
#include <sis/types.h>


/* Handle-table size: objects alive at once through system calls. */
#define SYSCALL_MAX_HANDLES	192

#ifdef CONFIG_SYSCALL
long syscall(unsigned int nr, long a0, long a1, long a2, long a3);
/* The same call from user mode (the arch's entry): user pointers, user handles. */
long syscall_user(unsigned int nr, long a0, long a1, long a2, long a3);
/* A process ends: close its ports, forget its thread handles. */
void syscall_release_owner(const void *owner);
#else
static inline long syscall(unsigned int nr, long a0, long a1, long a2, long a3)
{
	return -ENOTSUP;
}
#endif /* CONFIG_SYSCALL */

#endif /* SIS_SYSCALL_H */
