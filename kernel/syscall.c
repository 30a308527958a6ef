/*
 * The system-call layer (see <sis/syscall.h>): one table, one argument
 * check per call, objects named by handles.
 *
 * A handle is (generation << 8 | slot + 1): slot indexes the handle
 * table, the generation grows each time a slot is reused, so a handle
 * used after it was released is refused (-EBADF) instead of reaching
 * another object. The table lock guards the slots; it is a leaf (held
 * only to look a handle up or change a slot, never across a block).
 *
 * A port handle's object lives until SYS_PORT_CLOSE; a call that looked
 * the port up before the close may still be using it, so closed ports
 * are only destroyed when no call holds them (per-slot user count).
 *
 * Callers: kernel tasks (syscall()) and user programs (syscall_user(),
 * from the arch's entry). A handle belongs to its maker, the kernel or
 * one process, and no one else may use it; a process's handles are
 * released when it ends (syscall_release_owner). For a user caller,
 * message buffers are user memory, copied in and out (copy_from_user).
 */
#include <sis/errno.h>
#include <sis/ipc.h>
#include <sis/percpu.h>
#include <sis/sched.h>
#include <sis/spinlock.h>
#include <sis/syscall.h>
#include <sis/user.h>

#define SLOT_BITS	8
#define SLOT_MASK	((1u << SLOT_BITS) - 1)
BUILD_ASSERT(SYSCALL_MAX_HANDLES < SLOT_MASK);

enum handle_kind { H_FREE, H_PORT, H_TASK, H_THREAD };

struct handle_slot {
	enum handle_kind kind;
	const void *owner;	/* the process that made it, NULL: the kernel */
	u32 gen;
	unsigned int users;	/* calls using the object right now */
	bool released;		/* closed/joined: free the slot when users drop to 0 */
	void *obj;
};

static DEFINE_SPINLOCK(handle_lock);
static struct handle_slot handles[SYSCALL_MAX_HANDLES];

/* Who is calling: the process, or NULL for a kernel task. */
static const void *caller(void)
{
	return IS_ENABLED(CONFIG_USER) ? user_current() : NULL;
}

static long handle_new(enum handle_kind kind, void *obj)
{
	const void *owner = caller();
	long h = -ENOSPC;
	unsigned int i;

	spin_lock(&handle_lock);
	for (i = 0; i < SYSCALL_MAX_HANDLES; i++) {
		struct handle_slot *s = &handles[i];

		if (s->kind != H_FREE)
			continue;
		s->kind = kind;
		s->owner = owner;
		s->gen = (s->gen + 1) & 0x7fffff;
		s->users = 0;
		s->released = false;
		s->obj = obj;
		h = (long)((s->gen << SLOT_BITS) | (i + 1));
		break;
	}
	spin_unlock(&handle_lock);
	return h;
}

/* The live slot h names, of kind; lock held. */
static struct handle_slot *handle_slot(long h, enum handle_kind kind)
{
	unsigned long v = (unsigned long)h;
	unsigned int i = (unsigned int)(v & SLOT_MASK);
	struct handle_slot *s;

	if (h <= 0 || v > 0x7fffffffful || i == 0 || i > SYSCALL_MAX_HANDLES)
		return NULL;
	s = &handles[i - 1];
	if (s->kind != kind || s->released || s->gen != (u32)(v >> SLOT_BITS) ||
	    s->owner != caller())
		return NULL;
	return s;
}

/* Take a use of h's object (NULL: bad handle). Pair with handle_put(). */
static struct handle_slot *handle_get(long h, enum handle_kind kind)
{
	struct handle_slot *s;

	spin_lock(&handle_lock);
	s = handle_slot(h, kind);
	if (s)
		s->users++;
	spin_unlock(&handle_lock);
	return s;
}

/* Drop a use; returns the object when it was released and this was the last use. */
static void *handle_put(struct handle_slot *s)
{
	void *obj = NULL;

	spin_lock(&handle_lock);
	if (--s->users == 0 && s->released) {
		obj = s->obj;
		s->kind = H_FREE;
		s->obj = NULL;
	}
	spin_unlock(&handle_lock);
	return obj;
}

/* Mark h released so no new call finds it; false if it was not live. */
static bool handle_release(long h, enum handle_kind kind, struct handle_slot **out)
{
	struct handle_slot *s;

	spin_lock(&handle_lock);
	s = handle_slot(h, kind);
	if (s) {
		s->released = true;
		s->users++;	/* the releasing call's own use */
	}
	spin_unlock(&handle_lock);
	*out = s;
	return s != NULL;
}

/* A message buffer argument: non-NULL, aligned, and exactly one message. */
static int msg_arg(long ptr, long size)
{
	if (size != (long)sizeof(struct msg))
		return -EINVAL;
	if (!ptr || (ptr & (sizeof(u64) - 1)))
		return -EFAULT;
	return 0;
}

static long sys_yield(long a0, long a1, long a2, long a3)
{
	yield();
	return 0;
}

static long sys_sleep(long ms, long a1, long a2, long a3)
{
	if (ms < 0 || ms > 3600 * 1000)
		return -EINVAL;
	sleep_ms((u64)ms);
	return 0;
}

static long sys_getcpu(long a0, long a1, long a2, long a3)
{
	return task_cpu(task_current());
}

static long sys_port_create(long capacity, long a1, long a2, long a3)
{
	struct port *p;
	long h;

	if (capacity <= 0 || capacity > PORT_MAX_CAPACITY)
		return -EINVAL;
	p = port_create((unsigned int)capacity);
	if (!p)
		return -ENOMEM;
	h = handle_new(H_PORT, p);
	if (h < 0)
		port_destroy(p);
	return h;
}

/*
 * The four port transfers differ only in the call at their heart. A
 * user caller's message goes through a kernel copy: in before a send,
 * out after a receive (a fault then loses the message: -EFAULT).
 */
static long port_transfer(long h, long ptr, long size,
			  int (*op)(struct port *, struct msg *), bool out)
{
	bool user = caller() != NULL;
	struct handle_slot *s;
	struct msg km, *m = user ? &km : (struct msg *)ptr;
	long err = msg_arg(ptr, size);

	if (!err && user && !out)
		err = copy_from_user(&km, (const void *)ptr, sizeof(km), sizeof(u64));
	if (!err && user && out && !user_range_ok((uintptr_t)ptr, sizeof(km)))
		err = -EFAULT;
	if (err)
		return err;
	s = handle_get(h, H_PORT);
	if (!s)
		return -EBADF;
	err = op(s->obj, m);
	port_destroy(handle_put(s));
	if (!err && user && out)
		err = copy_to_user((void *)ptr, &km, sizeof(km), sizeof(u64));
	return err;
}

static int op_send(struct port *p, struct msg *m)
{
	return port_send(p, m);
}

static int op_try_send(struct port *p, struct msg *m)
{
	return port_try_send(p, m);
}

static long sys_port_send(long h, long ptr, long size, long a3)
{
	return port_transfer(h, ptr, size, op_send, false);
}

static long sys_port_recv(long h, long ptr, long size, long a3)
{
	return port_transfer(h, ptr, size, port_recv, true);
}

static long sys_port_try_send(long h, long ptr, long size, long a3)
{
	return port_transfer(h, ptr, size, op_try_send, false);
}

static long sys_port_try_recv(long h, long ptr, long size, long a3)
{
	return port_transfer(h, ptr, size, port_try_recv, true);
}

static long sys_port_close(long h, long a1, long a2, long a3)
{
	struct handle_slot *s;

	if (!handle_release(h, H_PORT, &s))
		return -EBADF;
	port_close(s->obj);	/* chases blocked users out */
	port_destroy(handle_put(s));
	return 0;
}

/* The system calls' affinity word: CPUs 0-63, bit n for CPU n. */
static cpumask_t mask_from_word(u64 word)
{
	cpumask_t m;
	unsigned int cpu;

	cpumask_zero(&m);
	for (cpu = 0; cpu < 64 && cpu < CONFIG_MAX_CPUS; cpu++)
		if (word & (1ull << cpu))
			cpumask_set(&m, cpu);
	return m;
}

static long sys_task_create(long fn, long arg, long prio, long affinity)
{
	struct task *t;
	long h;
	int err = 0;

	if (!fn)
		return -EFAULT;
	cpumask_t mask = mask_from_word((u64)affinity);

	t = task_create_err((task_fn)fn, (void *)arg, (int)prio, &mask, "sys", &err);
	if (!t)
		return err;
	h = handle_new(H_TASK, t);
	if (h < 0)
		task_join(t);	/* no handle to join it with later */
	return h;
}

/*
 * Join what handle h of this kind names, by join(): the handle is released
 * first, so no new call finds it; calls that found it before still use
 * the object, and are waited for.
 */
static long join_handle(long h, enum handle_kind kind, int (*join)(void *obj))
{
	struct handle_slot *s;
	int code;

	if (!handle_release(h, kind, &s))
		return -EBADF;
	while (READ_ONCE(s->users) > 1)
		yield();
	code = join(s->obj);
	handle_put(s);
	return code;
}

static int join_task(void *t)
{
	return task_join(t);
}

static long sys_task_join(long h, long a1, long a2, long a3)
{
	return join_handle(h, H_TASK, join_task);
}

static long sys_task_set_affinity(long h, long mask, long a2, long a3)
{
	struct handle_slot *s = handle_get(h, H_TASK);
	long err;

	if (!s)
		return -EBADF;
	cpumask_t cpus = mask_from_word((u64)mask);

	err = task_set_affinity(s->obj, &cpus);
	handle_put(s);
	return err;
}

static long sys_task_exit(long code, long a1, long a2, long a3)
{
	task_exit((int)code);
}

/* ---- User threads (kernel/user/proc.c), named by handles like the rest. ---- */

static long sys_thread_create(long entry, long arg, long stack, long a3)
{
	struct uthread *ut;
	int err = 0;
	long h;

	if (!user_range_ok((uintptr_t)entry, 1) || !user_range_ok((uintptr_t)stack - 16, 16) ||
	    (stack & 15))
		return -EFAULT;
	ut = thread_create((uintptr_t)entry, (uintptr_t)arg, (uintptr_t)stack, &err);
	if (!ut)
		return err;
	h = handle_new(H_THREAD, ut);
	if (h < 0)
		thread_join(ut);	/* no handle to join it with later */
	return h;
}

static int join_thread(void *ut)
{
	return thread_join(ut);
}

static long sys_thread_join(long h, long a1, long a2, long a3)
{
	return join_handle(h, H_THREAD, join_thread);
}

static long sys_sched_setaffinity(long h, long mask, long a2, long a3)
{
	cpumask_t cpus = mask_from_word((u64)mask);
	struct handle_slot *s = NULL;
	struct task *t = task_current();
	long err;

	if (h) {
		s = handle_get(h, H_THREAD);
		if (!s)
			return -EBADF;
		t = thread_task(s->obj);
	}
	err = task_set_affinity(t, &cpus);
	if (s)
		handle_put(s);
	return err;
}

void syscall_release_owner(const void *owner)
{
	unsigned int i;

	for (i = 0; i < SYSCALL_MAX_HANDLES; i++) {
		struct handle_slot *s = &handles[i];
		enum handle_kind kind;

		spin_lock(&handle_lock);
		kind = s->kind;
		if (kind == H_FREE || s->owner != owner || s->released) {
			spin_unlock(&handle_lock);
			continue;
		}
		s->released = true;
		s->users++;
		spin_unlock(&handle_lock);
		if (kind == H_PORT)
			port_close(s->obj);
		/* A thread is the process's to free (the reaper), the slot is ours. */
		port_destroy(kind == H_PORT ? handle_put(s) : (handle_put(s), NULL));
	}
}

/* Who may make a call. */
#define FROM_KERNEL	1
#define FROM_USER	2
#define FROM_BOTH	(FROM_KERNEL | FROM_USER)

typedef long (*syscall_fn)(long a0, long a1, long a2, long a3);

struct syscall_desc {
	syscall_fn fn;		/* NULL: kernel/user/usyscall.c's */
	unsigned int from;
};

static const struct syscall_desc syscall_table[SYS_MAX] = {
	[SYS_YIELD] = { sys_yield, FROM_BOTH },
	[SYS_SLEEP] = { sys_sleep, FROM_KERNEL },
	[SYS_GETCPU] = { sys_getcpu, FROM_BOTH },
	[SYS_PORT_CREATE] = { sys_port_create, FROM_BOTH },
	[SYS_PORT_SEND] = { sys_port_send, FROM_BOTH },
	[SYS_PORT_RECV] = { sys_port_recv, FROM_BOTH },
	[SYS_PORT_TRY_SEND] = { sys_port_try_send, FROM_BOTH },
	[SYS_PORT_TRY_RECV] = { sys_port_try_recv, FROM_BOTH },
	[SYS_PORT_CLOSE] = { sys_port_close, FROM_BOTH },
	[SYS_TASK_CREATE] = { sys_task_create, FROM_KERNEL },
	[SYS_TASK_JOIN] = { sys_task_join, FROM_KERNEL },
	[SYS_TASK_SET_AFFINITY] = { sys_task_set_affinity, FROM_KERNEL },
	[SYS_TASK_EXIT] = { sys_task_exit, FROM_KERNEL },
	[SYS_EXIT] = { NULL, FROM_USER },
	[SYS_SPAWN] = { NULL, FROM_USER },
	[SYS_WAIT] = { NULL, FROM_USER },
	[SYS_GETPID] = { NULL, FROM_USER },
	[SYS_SLEEP_NS] = { NULL, FROM_USER },
	[SYS_CLOCK_NS] = { NULL, FROM_USER },
	[SYS_WRITE] = { NULL, FROM_USER },
	[SYS_READ] = { NULL, FROM_USER },
	[SYS_MMAP] = { NULL, FROM_USER },
	[SYS_MUNMAP] = { NULL, FROM_USER },
	[SYS_THREAD_CREATE] = { sys_thread_create, FROM_USER },
	[SYS_THREAD_EXIT] = { NULL, FROM_USER },
	[SYS_THREAD_JOIN] = { sys_thread_join, FROM_USER },
	[SYS_SCHED_SETAFFINITY] = { sys_sched_setaffinity, FROM_USER },
	[SYS_MEMINFO] = { NULL, FROM_USER },
};

static long dispatch(unsigned int nr, unsigned int from, long a0, long a1, long a2, long a3)
{
	const struct syscall_desc *d;

	if (nr >= SYS_MAX || !(syscall_table[nr].from & from))
		return -ENOTSUP;
	d = &syscall_table[nr];
	if (!d->fn)
		return IS_ENABLED(CONFIG_USER) ? user_syscall(nr, a0, a1, a2, a3) : -ENOTSUP;
	return d->fn(a0, a1, a2, a3);
}

long syscall(unsigned int nr, long a0, long a1, long a2, long a3)
{
	return dispatch(nr, FROM_KERNEL, a0, a1, a2, a3);
}

long syscall_user(unsigned int nr, long a0, long a1, long a2, long a3)
{
	return dispatch(nr, FROM_USER, a0, a1, a2, a3);
}
