/*
 * x86_64 side of the arch contract (include/sis/arch.h): the hot hooks as
 * static inlines. The per-CPU pointer lives in IA32_GS_BASE, and the first
 * word of struct percpu is its own address, so this_cpu() is one
 * "mov %gs:0".
 */
#ifndef ASM_ARCH_H
#define ASM_ARCH_H

#include <sis/types.h>

#define ARCH_HWID_NAME	"apic_id"
#define ARCH_HWID_FMT	"%llu"
/* hlt with IF=0 sleeps until NMI: only halt with interrupts on. */
#define ARCH_HALT_MASKED 0
/* No broadcast TLB invalidation: shootdowns are cross-calls (kernel/tlb.c). */
#define ARCH_TLB_BROADCAST 0

#define X86_RFLAGS_IF	(1ul << 9)

static inline unsigned long arch_irq_save(void)
{
	unsigned long flags;

	__asm__ __volatile__("pushfq; popq %0; cli" : "=r"(flags) : : "memory");
	return flags;
}

static inline void arch_irq_restore(unsigned long flags)
{
	if (flags & X86_RFLAGS_IF)
		__asm__ __volatile__("sti" : : : "memory");
}

static inline bool arch_irq_flags_enabled(unsigned long flags)
{
	return flags & X86_RFLAGS_IF;
}

static inline void arch_irq_enable(void)
{
	__asm__ __volatile__("sti" : : : "memory");
}

static inline void arch_irq_disable(void)
{
	__asm__ __volatile__("cli" : : : "memory");
}

static inline bool arch_irqs_enabled(void)
{
	unsigned long flags;

	__asm__ __volatile__("pushfq; popq %0" : "=r"(flags));
	return flags & X86_RFLAGS_IF;
}

static inline void arch_cpu_relax(void)
{
	__asm__ __volatile__("pause" : : : "memory");
}

static inline void arch_spin_wait(void)
{
	__asm__ __volatile__("pause" : : : "memory");
}

static inline void arch_spin_wake(void)
{
}

/* sti;hlt: an interrupt that arrives between the two still wakes us. */
static inline void arch_wait_for_interrupt(void)
{
	__asm__ __volatile__("sti; hlt" : : : "memory");
}

static inline struct percpu *arch_this_cpu(void)
{
	struct percpu *p;

	__asm__ __volatile__("movq %%gs:0, %0" : "=r"(p));
	return p;
}

/* The TSC: constant rate and shared by all CPUs on QEMU and modern PCs. */
static inline u64 arch_counter_read(void)
{
	u32 lo, hi;

	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((u64)hi << 32) | lo;
}

static inline uintptr_t arch_frame_pointer(void)
{
	return (uintptr_t)__builtin_frame_address(0);
}

#endif /* ASM_ARCH_H */
