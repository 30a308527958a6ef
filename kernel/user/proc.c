/*
 * Processes and their threads.
 *
 * A user thread is a scheduler task whose function enters user mode and
 * never returns: system calls and interrupts come in on its kernel stack,
 * and it ends in thread_exit(), which is task_exit() after the counts.
 * The process table is fixed (USER_MAX_PROCS: spawn says -EAGAIN when it
 * is full); pids only grow, never reused.
 *
 * The end of a process. SYS_EXIT or a fault sets p->exiting (first one
 * wins the status), closes its ports (threads blocked in them wake with
 * -EPIPE) and kicks the CPUs that run its threads; every thread leaves
 * at its next return to user mode (user_return_check). The last one
 * marks the process P_DEAD for the reaper task, which joins every thread
 * task (each is then off its CPU, so no CPU runs the mm), frees the
 * address space and the handles on whatever CPU it runs, and leaves a
 * P_ZOMBIE with the status for the parent's SYS_WAIT (or frees the slot
 * when the parent is gone).
 *
 * Locks: proc_lock (the table, both wait queues) -> p->lock (thread
 * list, counts, exiting) -> mm->lock.
 */
#include <sis/errno.h>
#include <sis/ipi.h>
#include <sis/mm.h>
#include <sis/percpu.h>
#include <sis/preempt.h>
#include <sis/printk.h>
#include <sis/string.h>
#include <sis/syscall.h>
#include "internal.h"

static DEFINE_SPINLOCK(proc_lock);
static struct proc procs[USER_MAX_PROCS];
static long next_pid = 1;
static struct wait_queue child_wq;	/* parents waiting for a zombie: proc_lock */
static struct wait_queue reap_wq;	/* the reaper, waiting for P_DEAD: proc_lock */

static const char *const kill_names[KILL_MAX] = {
	[KILL_PAGE_FAULT] = "page fault", [KILL_UNDEFINED] = "undefined instruction",
	[KILL_ALIGNMENT] = "alignment fault", [KILL_DIVIDE] = "divide error",
	[KILL_BREAKPOINT] = "breakpoint", [KILL_PROTECTION] = "protection fault",
};

struct uthread *uthread_current(void)
{
	return task_uthread(task_current());
}

struct proc *proc_current(void)
{
	struct uthread *ut = uthread_current();

	return ut ? ut->proc : NULL;
}

struct proc *user_current(void)
{
	return proc_current();
}

static const char *basename(const char *path)
{
	const char *s = strchr(path, '/');

	while (s) {
		path = s + 1;
		s = strchr(path, '/');
	}
	return path;
}

/* A free slot made P_LIVE, or NULL when the table is full. */
static struct proc *proc_alloc(const char *name, long parent)
{
	struct proc *p = NULL;
	unsigned int i;

	spin_lock(&proc_lock);
	for (i = 0; i < USER_MAX_PROCS && !p; i++)
		if (procs[i].state == P_FREE)
			p = &procs[i];
	if (p) {
		memset(p, 0, sizeof(*p));
		p->state = P_LIVE;
		p->pid = next_pid++;
		p->parent = parent;
		strlcpy(p->name, name, sizeof(p->name));
		spin_lock_init(&p->lock, "proc");
		list_init(&p->threads);
	}
	spin_unlock(&proc_lock);
	return p;
}

/* ------------------------------------------------------------------ */
/* Threads. */

static int uthread_main(void *arg)
{
	struct uthread *ut = arg;

	task_set_user(&ut->proc->mm, ut);
	arch_irq_disable();
	user_return_check();		/* the process may be ending already */
	arch_enter_user(ut->pc, ut->sp, ut->a0, ut->a1);
}

/* A new thread of p starting at pc; NULL with *err (-EAGAIN, -ENOMEM). */
static struct uthread *uthread_new(struct proc *p, uintptr_t pc, uintptr_t sp, uintptr_t a0,
				   uintptr_t a1, int *err)
{
	struct uthread *ut = kzalloc(sizeof(*ut));
	struct task *t;

	*err = -ENOMEM;
	if (!ut)
		return NULL;
	ut->proc = p;
	ut->pc = pc;
	ut->sp = sp;
	ut->a0 = a0;
	ut->a1 = a1;
	spin_lock(&p->lock);
	if (p->exiting || p->nthreads >= USER_MAX_THREADS) {
		spin_unlock(&p->lock);
		kfree(ut);
		*err = -EAGAIN;
		return NULL;
	}
	ut->main = p->nthreads == 0;
	list_add_tail(&ut->node, &p->threads);
	p->nthreads++;
	p->live++;
	spin_unlock(&p->lock);
	t = task_create_err(uthread_main, ut, SCHED_PRIO_DEFAULT, cpu_all_mask, p->name, err);
	if (!t) {
		spin_lock(&p->lock);
		list_del(&ut->node);
		p->nthreads--;
		p->live--;
		spin_unlock(&p->lock);
		kfree(ut);
		return NULL;
	}
	store_release(&ut->task, t);	/* the reaper and join wait for it */
	*err = 0;
	return ut;
}

struct uthread *thread_create(uintptr_t pc, uintptr_t arg, uintptr_t sp, int *err)
{
	return uthread_new(proc_current(), pc, sp, arg, 0, err);
}

struct task *thread_task(struct uthread *ut)
{
	while (!load_acquire(&ut->task))
		yield();
	return ut->task;
}

int thread_join(struct uthread *ut)
{
	struct proc *p = ut->proc;
	int code;

	if (ut == uthread_current())
		return -EINVAL;
	while (!load_acquire(&ut->task))
		yield();
	code = task_join(ut->task);
	spin_lock(&p->lock);
	list_del(&ut->node);
	p->nthreads--;
	spin_unlock(&p->lock);
	kfree(ut);
	return code;
}

void thread_exit(int code)
{
	struct proc *p = proc_current();
	bool last;

	arch_irq_enable();
	spin_lock(&p->lock);
	last = --p->live == 0;
	if (last && !p->exiting) {
		p->exiting = true;	/* the last thread returned: the process exits */
		p->status = WAIT_STATUS(code, KILL_NONE);
	}
	spin_unlock(&p->lock);
	if (last) {
		spin_lock(&proc_lock);
		p->state = P_DEAD;
		wake_all(&reap_wq);
		spin_unlock(&proc_lock);
	}
	task_exit(code);
}

/* ------------------------------------------------------------------ */
/* The end of a process. */

void proc_exit(int status)
{
	struct proc *p = proc_current();
	unsigned int cpu, self = smp_processor_id();
	cpumask_t cpus;

	spin_lock(&p->lock);
	if (!p->exiting) {
		p->exiting = true;
		p->status = status;
	}
	spin_unlock(&p->lock);
	syscall_release_owner(p);	/* its ports close: receivers wake */
	spin_lock(&proc_lock);
	wake_all(&child_wq);		/* its threads in SYS_WAIT leave */
	spin_unlock(&proc_lock);
	cpumask_copy_atomic(&cpus, &p->mm.cpus);
	for_each_cpu(cpu, &cpus)
		if (cpu != self)
			ipi_send(cpu, IPI_RESCHEDULE);	/* back to user mode: they see exiting */
	thread_exit(WAIT_EXITCODE(p->status));
}

void user_fault(enum user_kill why, uintptr_t addr, uintptr_t ip)
{
	struct proc *p = proc_current();

	if (why == KILL_PAGE_FAULT)
		pr_err("[USER] pid %ld (%s) killed: page fault at 0x%lx ip 0x%lx\n",
		       p->pid, p->name, (unsigned long)addr, (unsigned long)ip);
	else
		pr_err("[USER] pid %ld (%s) killed: %s ip 0x%lx\n", p->pid, p->name,
		       kill_names[why], (unsigned long)ip);
	proc_exit(WAIT_STATUS(0, why));
}

void user_return_check(void)
{
	struct uthread *ut = uthread_current();

	while (ut) {
		if (READ_ONCE(ut->proc->exiting))
			thread_exit(0);
		if (!READ_ONCE(this_cpu()->rq.need_resched))
			return;
		preempt_schedule();
	}
}

/* Free what p holds: its threads are gone (P_DEAD). The reaper's work. */
static void reap(struct proc *p)
{
	struct list_node *pos, *tmp;
	unsigned int i;

	list_for_each_safe(pos, tmp, &p->threads) {
		struct uthread *ut = list_entry(pos, struct uthread, node);

		while (!load_acquire(&ut->task))
			yield();
		task_join(ut->task);
		list_del(pos);
		kfree(ut);
	}
	p->nthreads = 0;
	syscall_release_owner(p);
	mm_destroy(&p->mm);
	spin_lock(&proc_lock);
	p->state = p->parent == PID_ORPHAN ? P_FREE : P_ZOMBIE;
	for (i = 0; i < USER_MAX_PROCS; i++) {
		struct proc *c = &procs[i];

		if (c->state == P_FREE || c->parent != p->pid)
			continue;
		c->parent = PID_ORPHAN;
		if (c->state == P_ZOMBIE)
			c->state = P_FREE;
	}
	wake_all(&child_wq);
	spin_unlock(&proc_lock);
}

static int reaper_fn(void *arg)
{
	for (;;) {
		struct proc *dead = NULL;
		unsigned int i;

		spin_lock(&proc_lock);
		for (i = 0; i < USER_MAX_PROCS && !dead; i++)
			if (procs[i].state == P_DEAD)
				dead = &procs[i];
		if (!dead)
			wait_locked(&reap_wq, &proc_lock);
		spin_unlock(&proc_lock);
		if (dead)
			reap(dead);
	}
	return 0;
}

long proc_wait(long parent, long pid, int *status)
{
	struct proc *self = parent == PID_KERNEL ? NULL : proc_current();
	long ret;

	spin_lock(&proc_lock);
	for (;;) {
		bool found = false;
		unsigned int i;

		for (i = 0; i < USER_MAX_PROCS; i++) {
			struct proc *c = &procs[i];

			if (c->state == P_FREE || c->parent != parent || (pid > 0 && c->pid != pid))
				continue;
			found = true;
			if (c->state != P_ZOMBIE)
				continue;
			*status = c->status;
			ret = c->pid;
			c->state = P_FREE;
			spin_unlock(&proc_lock);
			return ret;
		}
		if (!found || (self && READ_ONCE(self->exiting)))
			break;
		wait_locked(&child_wq, &proc_lock);
	}
	spin_unlock(&proc_lock);
	return -ECHILD;
}

/* ------------------------------------------------------------------ */
/* Starting programs. */

/* The main thread's stack with argv on it; the stack pointer, the argv address. */
static int stack_setup(struct mm *mm, const char *const *argv, unsigned int argc,
		       uintptr_t *sp, uintptr_t *uargv)
{
	uintptr_t ptrs[USER_ARGS_MAX + 1], a = USER_STACK_TOP;
	unsigned int i;
	int err = mm_map_zero(mm, USER_STACK_TOP - USER_STACK_SIZE, USER_STACK_SIZE, UMAP_WRITE);

	for (i = 0; i < argc && !err; i++) {
		size_t len = strnlen(argv[i], USER_ARG_LEN - 1) + 1;

		a -= len;
		err = mm_write(mm, a, argv[i], len - 1);
		ptrs[i] = a;		/* the page is zeroed: the NUL is there */
	}
	ptrs[argc] = 0;
	a = ALIGN_DOWN(a, 16) - ALIGN_UP((argc + 1) * sizeof(uintptr_t), 16);
	if (!err)
		err = mm_write(mm, a, ptrs, (argc + 1) * sizeof(uintptr_t));
	*sp = a;
	*uargv = a;
	return err;
}

long proc_spawn(const char *path, const char *const *argv, unsigned int argc, long parent)
{
	const char *why = "out of memory";
	uintptr_t sp, uargv;
	const void *image;
	struct proc *p;
	size_t size;
	long entry;
	int err;

	if (argc > USER_ARGS_MAX)
		return -E2BIG;
	err = initramfs_find(path, &image, &size);
	if (err)
		return err;
	p = proc_alloc(basename(path), parent);
	if (!p)
		return -EAGAIN;
	err = mm_create(&p->mm);
	entry = err ? err : elf_load(&p->mm, image, size, &why);
	if (entry < 0) {
		pr_warn("[USER] %s: not loaded: %s\n", path, why);
		err = (int)entry;
		goto free_proc;
	}
	err = stack_setup(&p->mm, argv, argc, &sp, &uargv);
	if (!err && !uthread_new(p, (uintptr_t)entry, sp, argc, uargv, &err))
		goto free_proc;
	if (err)
		goto free_proc;
	return p->pid;

free_proc:
	mm_destroy(&p->mm);
	spin_lock(&proc_lock);
	p->state = P_FREE;
	spin_unlock(&proc_lock);
	return err;
}

/* ------------------------------------------------------------------ */
/* The kernel's side: init=, the shell. */

void user_init(void)
{
	arch_user_init();
	wait_queue_init(&child_wq);
	wait_queue_init(&reap_wq);
	if (!task_create_named("reaper", reaper_fn, NULL, SCHED_PRIO_DEFAULT, cpu_all_mask))
		pr_err("[USER] no memory for the reaper: processes will not be freed\n");
}

long user_spawn(const char *path, const char *const *argv, unsigned int argc)
{
	return proc_spawn(path, argv, argc, PID_KERNEL);
}

long user_wait(long pid)
{
	int status = 0;
	long ret = proc_wait(PID_KERNEL, pid, &status);

	return ret < 0 ? ret : status;
}

/* How a process ended, for a log line. */
static void say_status(const char *path, long pid, long status)
{
	if (WAIT_KILLED(status) && WAIT_KILLED(status) < KILL_MAX)
		pr_info("[USER] %s (pid %ld) was killed: %s\n", path, pid,
			kill_names[WAIT_KILLED(status)]);
	else
		pr_info("[USER] %s (pid %ld) exited with code %ld\n", path, pid,
			(long)WAIT_EXITCODE(status));
}

int user_run_init(void)
{
	char path[USER_PATH_MAX];
	const char *argv[1] = { path };
	long pid, status;

	if (!cmdline_get("init", path, sizeof(path)) || !path[0]) {
		pr_err("[USER] init= names no program\n");
		return 1;
	}
	pid = user_spawn(path, argv, 1);
	if (pid < 0) {
		pr_err("[USER] init=%s: cannot start it: %s\n", path, err_name((int)pid));
		return 1;
	}
	pr_info("[USER] init: %s is pid %ld\n", path, pid);
	status = user_wait(pid);
	say_status(path, pid, status);
	return status == 0 ? 0 : 1;
}

struct ps_row {
	long pid, parent;
	int state;
	char name[PROC_NAME_LEN];
	unsigned int nthreads;
	unsigned int cpus[8];
};

void user_ps(void (*print)(const char *line))
{
	static const char states[] = "-RDZ";
	struct ps_row *rows = kzalloc(sizeof(*rows) * USER_MAX_PROCS);
	unsigned int i, j, n = 0;
	char line[160];

	if (!rows)
		return;
	spin_lock(&proc_lock);
	for (i = 0; i < USER_MAX_PROCS; i++) {
		struct proc *p = &procs[i];
		struct list_node *pos, *tmp;

		if (p->state == P_FREE)
			continue;
		rows[n] = (struct ps_row){ .pid = p->pid, .parent = p->parent, .state = p->state };
		memcpy(rows[n].name, p->name, sizeof(p->name));
		spin_lock(&p->lock);
		list_for_each_safe(pos, tmp, &p->threads) {
			struct uthread *ut = list_entry(pos, struct uthread, node);
			struct task *t = load_acquire(&ut->task);

			if (t && rows[n].nthreads < 8)
				rows[n].cpus[rows[n].nthreads++] = task_cpu(t);
		}
		spin_unlock(&p->lock);
		n++;
	}
	spin_unlock(&proc_lock);
	print("  PID  PPID S NAME             THREADS (CPU of each)");
	for (i = 0; i < n; i++) {
		int len = snprintf(line, sizeof(line), "%5ld %5ld %c %-16s %u:", rows[i].pid,
				   rows[i].parent, states[rows[i].state], rows[i].name,
				   rows[i].nthreads);

		for (j = 0; j < rows[i].nthreads && len < (int)sizeof(line) - 8; j++)
			len += snprintf(line + len, sizeof(line) - len, " cpu%u", rows[i].cpus[j]);
		print(line);
	}
	kfree(rows);
}
