/*
 * CONFIG_DEBUG_MMU: the break-before-make check at every live page-table
 * entry write (include/sis/pte.h). The arch says which changes need the
 * break; this file counts the writes and stops the machine, before the
 * write, at the first change that needed one and did not have it.
 */
#include <sis/arch.h>
#include <sis/panic.h>
#include <sis/pte.h>

static u64 checked;	/* writes seen; updated under each arch's table lock */

void mmu_debug_check(const u64 *entry, u64 new, int level, uintptr_t va)
{
	u64 old = READ_ONCE(*entry);

	__atomic_fetch_add(&checked, 1, __ATOMIC_RELAXED);
	if (old == new || !arch_pte_valid(old) || !arch_pte_valid(new))
		return;
	if (arch_pte_needs_break(old, new, level))
		panic("MMU: live level %d entry for VA 0x%llx changed from 0x%016llx to 0x%016llx "
		      "without break-before-make", level, (unsigned long long)va,
		      (unsigned long long)old, (unsigned long long)new);
}

u64 mmu_debug_checked(void)
{
	return __atomic_load_n(&checked, __ATOMIC_RELAXED);
}
