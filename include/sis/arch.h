/*
 * The architecture contract: what generic code may ask of the CPU.
 * Declared once here, implemented by each arch; the hot ones are static
 * inlines in <asm/arch.h>, which must define:
 *
 *   unsigned long arch_irq_save(void)      disable IRQs, return the old state
 *   void arch_irq_restore(unsigned long f) restore what arch_irq_save returned
 *   void arch_irq_enable(void), arch_irq_disable(void)
 *   bool arch_irqs_enabled(void)
 *   bool arch_irq_flags_enabled(unsigned long f)  were IRQs on in a saved state?
 *   void arch_cpu_relax(void)              hint inside a spin loop (pause / yield)
 *   void arch_spin_wait(void)              wait for a lock release (pause / wfe)
 *   void arch_spin_wake(void)              after a release store (nothing / sev)
 *   void arch_wait_for_interrupt(void)     idle until an interrupt (hlt / wfi)
 *   ARCH_HALT_MASKED                       1 if a masked pending interrupt ends
 *                                          arch_wait_for_interrupt (arm64 wfi), so a
 *                                          CPU may halt with interrupts off
 *   ARCH_TLB_BROADCAST                     1 if TLB invalidation reaches every CPU
 *                                          in hardware (see <sis/tlb.h>)
 *   struct percpu *arch_this_cpu(void)     one register read (GS base / TPIDR_EL1)
 *   u64 arch_counter_read(void)            a monotonic per-system counter
 *   uintptr_t arch_frame_pointer(void)     the caller's frame pointer
 *   ARCH_HWID_NAME                         "apic_id" or "mpidr"
 *   ARCH_HWID_FMT                          "%llu" or "0x%llx"
 */
#ifndef SIS_ARCH_H
#define SIS_ARCH_H

#include <sis/compiler.h>
#include <sis/errno.h>
#include <sis/types.h>

struct percpu;
struct boot_info;

#include <asm/arch.h>

/* Install p as this CPU's per-CPU pointer (first thing on every CPU). */
void arch_set_this_cpu(struct percpu *p);
/* This CPU's hardware id (APIC id / MPIDR affinity bits). */
u64 arch_cpu_hwid(void);
/* Counter ticks per second (0 until known: x86 calibrates the TSC). */
u64 arch_counter_freq(void);
/* Where secondaries enter (physical address), given to the enable method. */
uintptr_t arch_secondary_entry(void);
/*
 * Kernel stacks with a guard page below them (stack_alloc), one of two
 * ways. With CONFIG_ARCH_HAS_STACK_AREA (arm64) the arch maps each stack
 * page by page in an area of its own, below a page it never maps, so no
 * live mapping is ever split (break-before-make, docs/hardware.md).
 * Otherwise a stack is identity-mapped memory and arch_guard_page()
 * unmaps the page below it.
 */
#ifdef CONFIG_ARCH_HAS_STACK_AREA
/*
 * Map npages of stack at pages (the caller's, NULL: none to be had) below
 * an unmapped guard page; the top, or NULL (the pages then freed).
 */
void *arch_stack_alloc(void *pages, size_t npages);
static inline int arch_guard_page(void *page)
{
	return -ENOTSUP;
}
#else
/* Unmap one page so a stack overflow faults (0 or -ENOTSUP). */
int arch_guard_page(void *page);
static inline void *arch_stack_alloc(void *pages, size_t npages)
{
	return NULL;
}
#endif /* CONFIG_ARCH_HAS_STACK_AREA */
/* Stop this CPU for good (interrupts off, halt loop). */
__noreturn void arch_halt(void);

/*
 * Generic entry points the arch calls. The boot CPU calls kernel_main()
 * with its per-CPU pointer set (percpu_boot), a console registered,
 * exception vectors installed and (arm64) the MMU on. A secondary calls
 * secondary_main() with the same done for itself.
 */
__noreturn void kernel_main(struct boot_info *bi);
__noreturn void secondary_main(struct percpu *p);

#endif /* SIS_ARCH_H */
