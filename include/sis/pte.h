/*
 * Writing live page-table entries, and the break-before-make checker.
 *
 * The rule (docs/hardware.md): once a CPU may walk a table, an entry goes
 * from invalid to valid or from valid to invalid, never straight from one
 * valid value to a different one. A change of mapping is a break (write
 * an invalid entry, invalidate the TLBs of every CPU) and then a make.
 * arm64 demands it (a Cortex-A76 may take a TLB conflict abort otherwise);
 * sis holds x86 to it too, but for the two changes the Intel SDM allows
 * on a live entry and x86 makes (see arch_pte_needs_break).
 *
 * Arch code writes every entry of a live table with pte_write(). With
 * CONFIG_DEBUG_MMU it panics, before the write, when the change needs the
 * break and the old entry was valid:
 *
 *   PANIC on CPU n: MMU: live level L entry for VA 0x... changed from
 *   0x<old> to 0x<new> without break-before-make
 *
 * Without it pte_write() is a plain store. Tables no CPU walks yet (the
 * arm64 identity map built with the MMU off, a table not linked in) are
 * not checked.
 */
#ifndef SIS_PTE_H
#define SIS_PTE_H

#include <sis/compiler.h>
#include <sis/types.h>

/*
 * Arch: true when a live entry at level (the arch's numbering, as printed)
 * may not go from old to new without the break. Called only when both are
 * valid and they differ.
 */
bool arch_pte_needs_break(u64 old, u64 new, int level);
/* Arch: is this entry valid (a walker would use it)? */
bool arch_pte_valid(u64 e);

#ifdef CONFIG_DEBUG_MMU
/* Panic if *entry (for VA va) may not become new while live. */
void mmu_debug_check(const u64 *entry, u64 new, int level, uintptr_t va);
/* Live entry writes checked since boot (the tests' proof that the hooks run). */
u64 mmu_debug_checked(void);
#else
static inline void mmu_debug_check(const u64 *entry, u64 new, int level, uintptr_t va)
{
}

static inline u64 mmu_debug_checked(void)
{
	return 0;
}
#endif /* CONFIG_DEBUG_MMU */

/* Write a live page-table entry (for VA va, at level). */
static inline void pte_write(u64 *entry, u64 new, int level, uintptr_t va)
{
	mmu_debug_check(entry, new, level, va);
	WRITE_ONCE(*entry, new);
}

#endif /* SIS_PTE_H */
