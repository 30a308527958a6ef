/*
 * The user runtime: the system-call wrappers, printf over the kernel's
 * own vsnprintf (lib/vsnprintf.c, built again for user mode), a malloc on
 * anonymous pages, threads. Programs link it with crt0 (user/Makefile).
 */
#include <ulib.h>

#define THREAD_STACK	(64 * 1024)

void __user_start(int argc, char **argv);
void __thread_main(void *start);
/* crt0.S. Hidden: a PC-relative address, no GOT entry a non-PIE link must relax (GNU ld). */
extern const char __thread_start[] __attribute__((visibility("hidden")));

void __user_start(int argc, char **argv)
{
	exit(main(argc, argv));
}

void exit(int code)
{
	__syscall(SYS_EXIT, code, 0, 0, 0);
	__builtin_unreachable();
}

long spawn(const char *path, const char *const *argv)
{
	return __syscall(SYS_SPAWN, (long)path, (long)argv, 0, 0);
}

long wait(long pid, int *status)
{
	return __syscall(SYS_WAIT, pid, (long)status, 0, 0);
}

long getpid(void)
{
	return __syscall(SYS_GETPID, 0, 0, 0, 0);
}

long getcpu(void)
{
	return __syscall(SYS_GETCPU, 0, 0, 0, 0);
}

long yield(void)
{
	return __syscall(SYS_YIELD, 0, 0, 0, 0);
}

long sleep_ns(u64 ns)
{
	return __syscall(SYS_SLEEP_NS, (long)ns, 0, 0, 0);
}

u64 clock_ns(void)
{
	return (u64)__syscall(SYS_CLOCK_NS, 0, 0, 0, 0);
}

long write(int fd, const void *buf, size_t len)
{
	return __syscall(SYS_WRITE, fd, (long)buf, (long)len, 0);
}

long read(int fd, void *buf, size_t len)
{
	return __syscall(SYS_READ, fd, (long)buf, (long)len, 0);
}

long mmap_raw(size_t len, int prot)
{
	return __syscall(SYS_MMAP, (long)len, prot, 0, 0);
}

void *mmap(size_t len, int prot)
{
	long a = mmap_raw(len, prot);

	return a < 0 ? NULL : (void *)a;
}

long munmap(void *addr, size_t len)
{
	return __syscall(SYS_MUNMAP, (long)addr, (long)len, 0, 0);
}

long port_create(unsigned int capacity)
{
	return __syscall(SYS_PORT_CREATE, capacity, 0, 0, 0);
}

long port_send(long port, const struct msg *m)
{
	return __syscall(SYS_PORT_SEND, port, (long)m, sizeof(*m), 0);
}

long port_recv(long port, struct msg *m)
{
	return __syscall(SYS_PORT_RECV, port, (long)m, sizeof(*m), 0);
}

long port_close(long port)
{
	return __syscall(SYS_PORT_CLOSE, port, 0, 0, 0);
}

long sched_setaffinity(long thread, u64 mask)
{
	return __syscall(SYS_SCHED_SETAFFINITY, thread, (long)mask, 0, 0);
}

long meminfo(void)
{
	return __syscall(SYS_MEMINFO, 0, 0, 0, 0);
}

/* ---- Threads ---- */

struct thread_start {
	int (*fn)(void *);
	void *arg;
};

void __thread_main(void *start)
{
	struct thread_start *ts = start;

	thread_exit(ts->fn(ts->arg));
}

/* The start block sits at the top of the new stack; the stack is not freed (see docs/user.md). */
long thread_create(int (*fn)(void *), void *arg)
{
	u8 *stack = mmap(THREAD_STACK, PROT_READ | PROT_WRITE);
	struct thread_start *ts;
	long h;

	if (!stack)
		return -ENOMEM;
	ts = (struct thread_start *)(stack + THREAD_STACK) - 1;
	ts->fn = fn;
	ts->arg = arg;
	h = __syscall(SYS_THREAD_CREATE, (long)__thread_start, (long)ts,
		      (long)ALIGN_DOWN((uintptr_t)ts, 16), 0);
	if (h < 0)
		munmap(stack, THREAD_STACK);
	return h;
}

long thread_join(long thread)
{
	return __syscall(SYS_THREAD_JOIN, thread, 0, 0, 0);
}

void thread_exit(int code)
{
	__syscall(SYS_THREAD_EXIT, code, 0, 0, 0);
	__builtin_unreachable();
}

/* ---- Output ---- */

int printf(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	write(1, buf, MIN((size_t)n, sizeof(buf) - 1));
	return n;
}

int puts(const char *s)
{
	write(1, s, strlen(s));
	write(1, "\n", 1);
	return 0;
}

/* ---- Memory: a first-fit list of blocks carved from 64 KiB chunks ---- */

struct block {
	size_t size;		/* bytes after the header */
	struct block *next;	/* free list */
};

#define CHUNK	(64 * 1024)

static struct block *free_list;
static uspinlock_t heap_lock;

void *malloc(size_t size)
{
	struct block **pp, *b;
	size_t need = ALIGN_UP(size ? size : 1, 16);

	uspin_lock(&heap_lock);
	for (pp = &free_list; *pp; pp = &(*pp)->next) {
		b = *pp;
		if (b->size < need)
			continue;
		if (b->size >= need + sizeof(*b) + 16) {
			struct block *rest = (struct block *)((u8 *)(b + 1) + need);

			rest->size = b->size - need - sizeof(*b);
			rest->next = b->next;
			b->size = need;
			*pp = rest;
		} else {
			*pp = b->next;
		}
		uspin_unlock(&heap_lock);
		return b + 1;
	}
	uspin_unlock(&heap_lock);
	b = mmap(ALIGN_UP(need + sizeof(*b), CHUNK), PROT_READ | PROT_WRITE);
	if (!b)
		return NULL;
	b->size = ALIGN_UP(need + sizeof(*b), CHUNK) - sizeof(*b);
	if (b->size >= need + sizeof(*b) + 16) {
		struct block *rest = (struct block *)((u8 *)(b + 1) + need);

		rest->size = b->size - need - sizeof(*b);
		b->size = need;
		free(rest + 1);
	}
	return b + 1;
}

void free(void *p)
{
	struct block *b = (struct block *)p - 1;

	if (!p)
		return;
	uspin_lock(&heap_lock);
	b->next = free_list;
	free_list = b;
	uspin_unlock(&heap_lock);
}
