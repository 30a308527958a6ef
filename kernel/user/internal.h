/* Shared inside kernel/user/ (not a contract for anyone else). */
#ifndef USER_INTERNAL_H
#define USER_INTERNAL_H

#include <sis/list.h>
#include <sis/sched.h>
#include <sis/spinlock.h>
#include <sis/user.h>
#include <sis/wait.h>

#define PROC_NAME_LEN	TASK_NAME_LEN

enum proc_state {
	P_FREE,		/* slot unused */
	P_LIVE,		/* threads run */
	P_DEAD,		/* last thread gone: the reaper's */
	P_ZOMBIE,	/* resources freed: the status waits for the parent */
};

/* The parent of a process the kernel started, or of one whose parent ended. */
#define PID_KERNEL	0
#define PID_ORPHAN	(-1)

struct uthread {
	struct list_node node;	/* proc->threads: proc->lock */
	struct proc *proc;
	struct task *task;
	uintptr_t pc, sp, a0, a1;	/* where it starts in user mode */
	bool main;		/* the process's first thread */
};

/*
 * A process. proc_lock guards the table (state, pid, parent, status);
 * p->lock the thread list and counts.
 */
struct proc {
	int state;
	long pid;
	long parent;		/* pid, PID_KERNEL or PID_ORPHAN */
	int status;		/* WAIT_STATUS(), once exiting */
	bool exiting;		/* set once: every thread leaves (p->lock) */
	char name[PROC_NAME_LEN];
	struct mm mm;
	spinlock_t lock;
	struct list_node threads;	/* struct uthread, not yet joined */
	unsigned int nthreads;	/* in the list */
	unsigned int live;	/* threads not yet at their task_exit */
};

/* mm.c */
int mm_create(struct mm *mm);
void mm_destroy(struct mm *mm);
/* Map zeroed pages over [va, va + len); 0 or -ENOMEM (what was mapped stays). */
int mm_map_zero(struct mm *mm, uintptr_t va, size_t len, unsigned int flags);
/* Unmap and free the pages of [va, va + len), flushing every CPU that may hold them. */
void mm_unmap(struct mm *mm, uintptr_t va, size_t len);
/* Write n bytes at user address va through the pages' kernel addresses. */
int mm_write(struct mm *mm, uintptr_t va, const void *src, size_t n);
/* SYS_MMAP / SYS_MUNMAP. */
long mm_mmap(struct mm *mm, size_t len, unsigned int prot);
long mm_munmap(struct mm *mm, uintptr_t va, size_t len);

/* initramfs.c: the file at path ("/bin/x") of the initramfs, or -ENOENT. */
int initramfs_find(const char *path, const void **data, size_t *size);
/* The same in the newc archive [archive, archive + total) (the unit tests'). */
int cpio_find(const void *archive, size_t total, const char *path, const void **data,
	      size_t *size);

/* elf.c: load image into mm; the entry point, or -ENOEXEC with *why set. */
long elf_load(struct mm *mm, const void *image, size_t size, const char **why);
/* The checks alone (for the unit tests): 0 or -ENOEXEC with *why. */
int elf_check(const void *image, size_t size, unsigned int machine, const char **why);

/* proc.c */
struct proc *proc_current(void);
struct uthread *uthread_current(void);
long proc_spawn(const char *path, const char *const *argv, unsigned int argc, long parent);
long proc_wait(long parent, long pid, int *status);
__noreturn void proc_exit(int status);
__noreturn void thread_exit(int code);

#endif /* USER_INTERNAL_H */
