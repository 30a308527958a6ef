/*
 * User mode (kernel/user/, docs/user.md): processes with their own
 * address spaces, threads that are scheduler tasks running user code,
 * programs loaded from the initramfs.
 *
 * An address space (struct mm) is a page-table root whose user half is
 * private and whose kernel half is the kernel's own (shared). A process
 * has one mm, one or more threads, and the handles it made (ports,
 * threads: kernel/syscall.c). Its resources are freed, by the reaper
 * task, once its last thread has left every CPU; the parent's SYS_WAIT
 * then collects the status and frees the table slot.
 *
 * Lock order (docs/locking.md): proc_lock -> proc->lock -> mm->lock ->
 * map/page locks; none of them is held across a block.
 */
#ifndef SIS_USER_H
#define SIS_USER_H

#include <sis/abi.h>
#include <sis/cmdline.h>
#include <sis/cpumask.h>
#include <sis/errno.h>
#include <sis/spinlock.h>
#include <sis/types.h>

struct task;
struct proc;
struct uthread;

/* An address space. */
struct mm {
	spinlock_t lock;	/* the user half's page tables and brk */
	u64 id;			/* never reused (the PCID/ASID allocators' key) */
	phys_addr_t root;	/* the page-table root (physical) */
	uintptr_t mmap_next;	/* next SYS_MMAP address: lock */
	/* CPUs running this mm now, or whose TLB may hold its entries: atomic. */
	cpumask_t cpus;
	u64 tlb_gen;		/* bumped after every unmap: atomic */
	size_t pages;		/* user pages mapped: lock */
	u32 *ctx;		/* the arch's context id (ASID/PCID) per CPU (nr_cpu_ids): that CPU's */
};

/* The pages' rights (arch_user_map). */
#define UMAP_WRITE	1
#define UMAP_EXEC	2

/* ---- The arch's part (arch/<arch>/user.c, uaccess.S) ---- */

/* Once at boot (user_init): settle and say what protects user mode ("[USER] ..."). */
void arch_user_init(void);
/* Make mm's root table (kernel half shared); 0 or -ENOMEM. */
int arch_mm_init(struct mm *mm);
/* Free every user page and table of mm, and the root (no CPU uses it). */
void arch_mm_free(struct mm *mm);
/* Map the page at pa at va (mm->lock held); -EEXIST when va is mapped, -ENOMEM. */
int arch_user_map(struct mm *mm, uintptr_t va, phys_addr_t pa, unsigned int flags);
/* Unmap va (mm->lock held): the page that was there, or 0. No TLB flush. */
phys_addr_t arch_user_unmap(struct mm *mm, uintptr_t va);
/* The page mapped at va, or 0 (mm->lock held). */
phys_addr_t arch_user_lookup(struct mm *mm, uintptr_t va);
/* Run mm's user half on this CPU (NULL: the kernel's alone). Interrupts off. */
void arch_mm_switch(struct mm *prev, struct mm *next);
/* Flush [va, va + len) of mm from this CPU's TLB (len 0: all of mm). */
void arch_mm_flush_local(struct mm *mm, uintptr_t va, size_t len);
/* With ARCH_TLB_BROADCAST: the same from every CPU's TLB, by broadcast. */
void arch_mm_flush_all(struct mm *mm, uintptr_t va, size_t len);
/* This CPU's kernel stack for entries from user mode: the running thread's. */
void arch_user_set_kstack(void *top);
/* Leave for user mode at pc with stack sp, a0/a1 in the first argument registers. */
__noreturn void arch_enter_user(uintptr_t pc, uintptr_t sp, uintptr_t a0, uintptr_t a1);
/*
 * Copy n bytes between the kernel and user memory (the address range
 * already checked); a fault is caught (exception table): the bytes not
 * copied, 0 when all were.
 */
size_t arch_copy_from_user(void *dst, const void *usrc, size_t n);
size_t arch_copy_to_user(void *udst, const void *src, size_t n);
/* The ELF machine this arch runs (EM_X86_64 / EM_AARCH64). */
unsigned int arch_elf_machine(void);

/* ---- Generic, for the arch and the system calls ---- */

/* Is [p, p + n) wholly inside the user range (n 0: p inside it)? */
static inline bool user_range_ok(uintptr_t p, size_t n)
{
	return p >= USER_BASE && p < USER_END && n <= USER_END - p;
}

/* 0 or -EFAULT: a bad range (kernel half, overflow, misaligned to align) or a fault. */
int copy_from_user(void *dst, const void *usrc, size_t n, size_t align);
int copy_to_user(void *udst, const void *src, size_t n, size_t align);
/* A user string of at most max - 1 bytes: its length, -EFAULT, or -E2BIG when longer. */
long strncpy_from_user(char *dst, const char *usrc, size_t max);

/* The process of the running task, NULL for a kernel task. */
struct proc *user_current(void);
/* What the arch tells on a fault in user mode: the process dies, with one line. */
__noreturn void user_fault(enum user_kill why, uintptr_t addr, uintptr_t ip);
/* On every return to user mode (interrupts off): a process that ends leaves here. */
void user_return_check(void);

#ifdef CONFIG_USER
/*
 * The scheduler's hook, interrupts off, before a switch to a task of
 * address space next (NULL: a kernel task) whose kernel stack tops at kstack.
 */
void mm_switch_to(struct mm *prev, struct mm *next, void *kstack);
/* The reaper and the initramfs (kernel_main, before the shell). */
void user_init(void);
/* Start a program from the initramfs; its pid, or a negative errno. */
long user_spawn(const char *path, const char *const *argv, unsigned int argc);
/* Wait for pid (a process the kernel started); its status word, or an errno. */
long user_wait(long pid);
/* "init=/bin/NAME": run it, wait for it; the failures (0 when it exited 0). */
int user_run_init(void);
/* For the shell's ps: print every process and thread. */
void user_ps(void (*print)(const char *line));
/* System calls (kernel/user/usyscall.c), dispatched by kernel/syscall.c. */
long user_syscall(unsigned int nr, long a0, long a1, long a2, long a3);
/* A thread of the calling process at pc (arg in the first register), stack sp. */
struct uthread *thread_create(uintptr_t pc, uintptr_t arg, uintptr_t sp, int *err);
/* Wait for a thread of this process to end and free it: its code. */
int thread_join(struct uthread *ut);
struct task *thread_task(struct uthread *ut);
#else
static inline void mm_switch_to(struct mm *prev, struct mm *next, void *kstack)
{
}

static inline void user_init(void)
{
}

static inline long user_spawn(const char *path, const char *const *argv, unsigned int argc)
{
	return -ENOTSUP;
}

static inline long user_wait(long pid)
{
	return -ENOTSUP;
}

static inline int user_run_init(void)
{
	cmdline_not_built("init", "CONFIG_USER");
	return 0;
}

static inline void user_ps(void (*print)(const char *line))
{
}

static inline long user_syscall(unsigned int nr, long a0, long a1, long a2, long a3)
{
	return -ENOTSUP;
}

static inline struct uthread *thread_create(uintptr_t pc, uintptr_t arg, uintptr_t sp,
					    int *err)
{
	*err = -ENOTSUP;
	return NULL;
}

static inline int thread_join(struct uthread *ut)
{
	return -ENOTSUP;
}

static inline struct task *thread_task(struct uthread *ut)
{
	return NULL;
}
#endif /* CONFIG_USER */

#endif /* SIS_USER_H */
