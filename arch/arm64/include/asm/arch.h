/*
 * arm64 side of the arch contract (include/sis/arch.h): the hot hooks as
 * static inlines. IRQs are masked with PSTATE.I (DAIF bit 7); FIQs stay
 * masked for good. The per-CPU pointer lives in TPIDR_EL1.
 */
#ifndef ASM_ARCH_H
#define ASM_ARCH_H

#include <sis/types.h>

struct percpu;

#define ARCH_HWID_NAME	"mpidr"
#define ARCH_HWID_FMT	"0x%llx"
/* wfi wakes on a pending interrupt even while PSTATE.I masks it. */
#define ARCH_HALT_MASKED 1
/* TLBI ...IS reaches every CPU: no shootdown IPI (kernel/tlb.c). */
#define ARCH_TLB_BROADCAST 1

#define DAIF_I		(1ul << 7)

static inline unsigned long arch_irq_save(void)
{
	unsigned long flags;

	__asm__ __volatile__("mrs %0, daif\n\tmsr daifset, #2" : "=r"(flags) :: "memory");
	return flags;
}

static inline void arch_irq_restore(unsigned long flags)
{
	__asm__ __volatile__("msr daif, %0" :: "r"(flags) : "memory");
}

static inline bool arch_irq_flags_enabled(unsigned long flags)
{
	return !(flags & DAIF_I);
}

static inline void arch_irq_enable(void)
{
	__asm__ __volatile__("msr daifclr, #2" ::: "memory");
}

static inline void arch_irq_disable(void)
{
	__asm__ __volatile__("msr daifset, #2" ::: "memory");
}

static inline bool arch_irqs_enabled(void)
{
	unsigned long flags;

	__asm__ __volatile__("mrs %0, daif" : "=r"(flags));
	return !(flags & DAIF_I);
}

static inline void arch_cpu_relax(void)
{
	__asm__ __volatile__("yield" ::: "memory");
}

/* wfe wakes on sev, on the exclusive monitor being cleared, or on an IRQ. */
static inline void arch_spin_wait(void)
{
	__asm__ __volatile__("wfe" ::: "memory");
}

/* The release store must be visible before the event wakes the waiters. */
static inline void arch_spin_wake(void)
{
	__asm__ __volatile__("dsb ishst\n\tsev" ::: "memory");
}

static inline void arch_wait_for_interrupt(void)
{
	__asm__ __volatile__("dsb sy\n\twfi" ::: "memory");
}

static inline struct percpu *arch_this_cpu(void)
{
	struct percpu *p;

	/* volatile: a task may resume on another CPU, never reuse an old read. */
	__asm__ __volatile__("mrs %0, tpidr_el1" : "=r"(p));
	return p;
}

/* The virtual counter: CNTVOFF is 0 when we came from EL2. isb: no early read. */
static inline u64 arch_counter_read(void)
{
	u64 v;

	__asm__ __volatile__("isb\n\tmrs %0, cntvct_el0" : "=r"(v) :: "memory");
	return v;
}

static inline uintptr_t arch_frame_pointer(void)
{
	return (uintptr_t)__builtin_frame_address(0);
}

#endif /* ASM_ARCH_H */
