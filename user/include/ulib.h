/*
 * The runtime of user programs (user/lib/runtime.c): system calls, console
 * output with printf, malloc on SYS_MMAP, threads, a spinlock. Failing
 * calls return a negative errno (<sis/errno.h>); there is no errno
 * variable.
 */
#ifndef ULIB_H
#define ULIB_H

#include <sis/abi.h>
#include <sis/compiler.h>
#include <sis/errno.h>
#include <sis/types.h>

long __syscall(long nr, long a0, long a1, long a2, long a3);

static inline long syscall4(long nr, long a0, long a1, long a2, long a3)
{
	return __syscall(nr, a0, a1, a2, a3);
}

__noreturn void exit(int code);
long spawn(const char *path, const char *const *argv);
long wait(long pid, int *status);
long getpid(void);
long getcpu(void);
long yield(void);
long sleep_ns(u64 ns);
u64 clock_ns(void);
long write(int fd, const void *buf, size_t len);
long read(int fd, void *buf, size_t len);
void *mmap(size_t len, int prot);	/* NULL on failure */
long mmap_raw(size_t len, int prot);	/* the address, or a negative errno */
long munmap(void *addr, size_t len);
long port_create(unsigned int capacity);
long port_send(long port, const struct msg *m);
long port_recv(long port, struct msg *m);
long port_close(long port);
long sched_setaffinity(long thread, u64 mask);
long meminfo(void);

/* Threads: fn(arg) on a new stack of its own (SYS_MMAP); join returns fn's value. */
long thread_create(int (*fn)(void *), void *arg);
long thread_join(long thread);
__noreturn void thread_exit(int code);

__printf(1, 2) int printf(const char *fmt, ...);
int puts(const char *s);
__printf(3, 4) int snprintf(char *buf, size_t size, const char *fmt, ...);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
const char *err_name(int err);

void *malloc(size_t size);
void free(void *p);

#include <sis/string.h>

/* A test-and-set spinlock on the compiler's atomics. */
typedef struct {
	int locked;
} uspinlock_t;

static inline void uspin_lock(uspinlock_t *l)
{
	while (__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE))
		while (__atomic_load_n(&l->locked, __ATOMIC_RELAXED))
			;
}

static inline void uspin_unlock(uspinlock_t *l)
{
	__atomic_store_n(&l->locked, 0, __ATOMIC_RELEASE);
}

int main(int argc, char **argv);

#endif /* ULIB_H */
