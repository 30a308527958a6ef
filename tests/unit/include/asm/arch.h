/*
 * <asm/arch.h> for host unit tests: the arch contract of include/sis/arch.h
 * on a Linux process. Each pthread is a "CPU" with its own struct percpu
 * (host_set_cpu); "interrupts" are a per-thread flag.
 */
#ifndef HOST_ASM_ARCH_H
#define HOST_ASM_ARCH_H

#include <sis/types.h>

struct percpu;

#define ARCH_HWID_NAME "hwid"
#define ARCH_HWID_FMT "%llu"
#define ARCH_HALT_MASKED 0
#define ARCH_TLB_BROADCAST 0

extern __thread struct percpu *host_this_cpu;
extern __thread bool host_irqs_on;
u64 host_counter(void);

static inline void host_pause(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#else
	__asm__ __volatile__("" ::: "memory");
#endif
}

static inline unsigned long arch_irq_save(void)
{
	unsigned long f = host_irqs_on;

	host_irqs_on = false;
	return f;
}

static inline void arch_irq_restore(unsigned long f)
{
	host_irqs_on = f;
}

static inline bool arch_irq_flags_enabled(unsigned long f)
{
	return f != 0;
}

static inline void arch_irq_enable(void)
{
	host_irqs_on = true;
}

static inline void arch_irq_disable(void)
{
	host_irqs_on = false;
}

static inline bool arch_irqs_enabled(void)
{
	return host_irqs_on;
}

static inline void arch_cpu_relax(void)
{
	host_pause();
}

static inline void arch_spin_wait(void)
{
	host_pause();
}

static inline void arch_spin_wake(void)
{
}

/* A no-op in host.c; the host lock benchmark makes it a futex wait (kicks wake it). */
void host_wait_for_interrupt(void);

static inline void arch_wait_for_interrupt(void)
{
	host_wait_for_interrupt();
}

static inline struct percpu *arch_this_cpu(void)
{
	return host_this_cpu;
}

static inline u64 arch_counter_read(void)
{
	return host_counter();
}

static inline uintptr_t arch_frame_pointer(void)
{
	return (uintptr_t)__builtin_frame_address(0);
}

#endif /* HOST_ASM_ARCH_H */
