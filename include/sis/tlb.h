/*
 * TLB maintenance for the kernel's own mappings (kernel/tlb.c). After a
 * kernel page-table entry changes, tlb_flush_kernel_range() returns only
 * when no online CPU can still use a stale translation for the range.
 *
 * x86 has no broadcast invalidation: the flush is a cross-call, signalled
 * with IPI_TLB_FLUSH, that runs invlpg on every online CPU. arm64's
 * "TLBI ...IS" reaches every CPU in the inner-shareable domain in
 * hardware, so no IPI is needed there (ARCH_TLB_BROADCAST).
 *
 * The arch provides (in <asm/arch.h> or its C files):
 *   void arch_tlb_flush_local(uintptr_t va, size_t len)   this CPU only
 *   void arch_tlb_flush_broadcast(uintptr_t va, size_t len) when ARCH_TLB_BROADCAST
 */
#ifndef SIS_TLB_H
#define SIS_TLB_H

#include <sis/types.h>

/* Flush [va, va + len) from every online CPU's TLB; len 0: everything. */
void tlb_flush_kernel_range(uintptr_t va, size_t len);

void arch_tlb_flush_local(uintptr_t va, size_t len);
void arch_tlb_flush_broadcast(uintptr_t va, size_t len);

#endif /* SIS_TLB_H */
