/* Compiler helpers used everywhere. */
#ifndef SIS_COMPILER_H
#define SIS_COMPILER_H

#define __noreturn	__attribute__((noreturn))
#define __packed	__attribute__((packed))
#define __aligned(n)	__attribute__((aligned(n)))
#define __section(s)	__attribute__((section(s)))
#define __used		__attribute__((used))
#define __unused	__attribute__((unused))
#define __weak		__attribute__((weak))
#define __printf(a, b)	__attribute__((format(printf, a, b)))
/* Code and data used only while booting (kept for now; marks intent). */
#define __init		__section(".text.init")
#define __initdata	__section(".data.init")

#define CACHELINE_SIZE	64
#define __cacheline_aligned __aligned(CACHELINE_SIZE)

#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define ALIGN_UP(x, a)	(((x) + ((a) - 1)) & ~((__typeof__(x))(a) - 1))
#define ALIGN_DOWN(x, a) ((x) & ~((__typeof__(x))(a) - 1))
#define MIN(a, b)	((a) < (b) ? (a) : (b))
#define MAX(a, b)	((a) > (b) ? (a) : (b))
#define BIT(n)		(1ull << (n))

#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - __builtin_offsetof(type, member)))

/* Compiler barrier: no reordering of memory accesses across it. */
#define barrier()	__asm__ __volatile__("" ::: "memory")

/* One untorn access the compiler may not merge, split or elide. */
#define READ_ONCE(x)	(*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v) (*(volatile __typeof__(x) *)&(x) = (v))

/* Acquire/release accesses for cross-CPU handshakes. */
#define load_acquire(p)		__atomic_load_n((p), __ATOMIC_ACQUIRE)
#define store_release(p, v)	__atomic_store_n((p), (v), __ATOMIC_RELEASE)
#define smp_mb()		__atomic_thread_fence(__ATOMIC_SEQ_CST)

#define IS_ENABLED(option)	__is_enabled(option)
/* IS_ENABLED(CONFIG_X): 1 when autoconf.h defines CONFIG_X as 1, else 0. */
#define __is_enabled(x)		___is_enabled(__ARG_PLACEHOLDER_##x)
#define __ARG_PLACEHOLDER_1	0,
#define ___is_enabled(arg)	____is_enabled(arg 1, 0)
#define ____is_enabled(ignored, val, ...) val

#define BUILD_ASSERT(cond)	_Static_assert(cond, #cond)

#endif /* SIS_COMPILER_H */
