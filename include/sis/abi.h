/*
 * The user ABI: system-call numbers, the message of a port, the wait
 * status and the layout user programs see. Shared by the kernel
 * (<sis/syscall.h>) and user/ (which includes it with <sis/errno.h>,
 * whose negative values every call returns on failure): nothing here may
 * depend on the kernel's configuration.
 *
 * One table serves both callers. Calls marked "kernel" are for kernel
 * tasks (their arguments are kernel pointers, a task_fn); calls marked
 * "user" only for user programs, whose pointers are checked and copied
 * (copy_from_user); the rest serve both. A call made by the wrong side
 * returns -ENOTSUP.
 */
#ifndef SIS_ABI_H
#define SIS_ABI_H

#include <sis/types.h>

enum syscall_nr {
	SYS_YIELD,		/* both: () -> 0 */
	SYS_SLEEP,		/* kernel: (ms) -> 0 */
	SYS_GETCPU,		/* both: () -> logical CPU id */
	SYS_PORT_CREATE,	/* both: (capacity) -> handle */
	SYS_PORT_SEND,		/* both: (handle, msg *, size) -> 0 */
	SYS_PORT_RECV,		/* both: (handle, msg *, size) -> 0 */
	SYS_PORT_TRY_SEND,	/* both: (handle, msg *, size) -> 0 / -EAGAIN */
	SYS_PORT_TRY_RECV,	/* both: (handle, msg *, size) -> 0 / -EAGAIN */
	SYS_PORT_CLOSE,		/* both: (handle) -> 0: close and release the handle */
	SYS_TASK_CREATE,	/* kernel: (fn, arg, prio, affinity) -> handle */
	SYS_TASK_JOIN,		/* kernel: (handle) -> exit code; releases the handle */
	SYS_TASK_SET_AFFINITY,	/* kernel: (handle, mask) -> 0 */
	SYS_TASK_EXIT,		/* kernel: (code) -> does not return */
	/* User programs (kernel/user/). */
	SYS_EXIT,		/* (code): the whole process ends */
	SYS_SPAWN,		/* (path, argv) -> pid; argv NULL-terminated, may be NULL */
	SYS_WAIT,		/* (pid or -1, status *) -> pid of an ended child */
	SYS_GETPID,		/* () -> pid */
	SYS_SLEEP_NS,		/* (ns) -> 0 */
	SYS_CLOCK_NS,		/* () -> ns since boot */
	SYS_WRITE,		/* (fd 1 or 2, buf, len) -> len */
	SYS_READ,		/* (fd 0, buf, len) -> bytes read (at least 1) */
	SYS_MMAP,		/* (len, prot) -> address of zeroed anonymous pages */
	SYS_MUNMAP,		/* (addr, len) -> 0 */
	SYS_THREAD_CREATE,	/* (entry, arg, stack top) -> thread handle */
	SYS_THREAD_EXIT,	/* (code): this thread ends */
	SYS_THREAD_JOIN,	/* (thread handle) -> its exit code */
	SYS_SCHED_SETAFFINITY,	/* (thread handle or 0 for self, CPU mask word) -> 0 */
	SYS_MEMINFO,		/* () -> free pages of the kernel's page allocator */
	SYS_MAX
};

/* SYS_MMAP's prot: the pages are always readable. */
#define PROT_READ	1
#define PROT_WRITE	2
#define PROT_EXEC	4

/* A port message (SYS_PORT_*: size is sizeof(struct msg), address 8-byte aligned). */
struct msg {
	u64 tag;
	u64 w[3];
};

/*
 * SYS_WAIT's status word: how the child ended. Bits 0-7: 0 when it
 * called exit (code in bits 8-15), else the fault that killed it.
 */
enum user_kill {
	KILL_NONE,
	KILL_PAGE_FAULT,
	KILL_UNDEFINED,		/* undefined instruction */
	KILL_ALIGNMENT,
	KILL_DIVIDE,
	KILL_BREAKPOINT,
	KILL_PROTECTION,	/* x86 #GP, or another exception */
	KILL_MAX
};

#define WAIT_KILLED(s)		((s) & 0xff)
#define WAIT_EXITCODE(s)	(((s) >> 8) & 0xff)
#define WAIT_STATUS(code, kill)	((((code) & 0xff) << 8) | ((kill) & 0xff))

/* Limits a program can count on. */
#define USER_ARGS_MAX		16	/* argv entries spawn accepts */
#define USER_ARG_LEN		256	/* bytes of one argument, with its NUL */
#define USER_PATH_MAX		64
#define USER_MAX_PROCS		16	/* processes alive at once (spawn: -EAGAIN) */
#define USER_MAX_THREADS	64	/* threads of one process */

/*
 * The user range, [USER_BASE, USER_END), the same on both arches: page
 * table entries 128-255 of the top level (x86_64 PML4, arm64 L0), private
 * to each address space; the kernel keeps the others (arch/<arch>/user.c
 * says why there). Programs link at USER_BASE (user/Makefile).
 */
#define USER_BASE	0x0000400000000000ul
#define USER_END	0x00007ffffffff000ul
#define USER_STACK_TOP	0x00007fffff000000ul	/* the main thread's stack grows down from here */
#define USER_STACK_SIZE	(64 * 1024ul)
#define USER_MMAP_BASE	0x0000500000000000ul	/* SYS_MMAP hands out addresses upward from here */

#endif /* SIS_ABI_H */
