/*
 * CONFIG_DEBUG_MMU, x86's half (include/sis/pte.h): which changes of a
 * live paging-structure entry need the break (not present, invalidate on
 * every CPU, then the new entry). Levels as the Intel SDM counts them:
 * 1 a page table entry, 2 a page directory entry, 3 a PDPT entry.
 *
 * x86 has no TLB conflict abort, but the SDM (Vol. 3A 4.10.2.3, "Details
 * of TLB use") warns against a write that changes the page size together
 * with the frame or any attribute: the processor may then use either
 * translation, or a mix. sis holds x86 to the arm64 rule, valid never
 * straight to a different valid, but for the two changes the SDM allows
 * and sis makes on live entries:
 *
 *  - a large page split into a table that maps the same frames with the
 *    same attributes (arch_guard_page's split): checked entry by entry;
 *  - a change of the cache-control bits (PCD, PWT) alone, with the same
 *    frame and size (x86_ioremap, before the other CPUs run).
 */
#include <sis/pte.h>

#define PTE_P		(1ull << 0)
#define PTE_RW		(1ull << 1)
#define PTE_US		(1ull << 2)
#define PTE_PWT		(1ull << 3)
#define PTE_PCD		(1ull << 4)
#define PTE_A		(1ull << 5)	/* set by the CPU: not a change of ours */
#define PTE_D		(1ull << 6)	/* ditto */
#define PTE_PS		(1ull << 7)	/* levels 2 and 3: a large page */
#define PTE_G		(1ull << 8)
#define PTE_NX		(1ull << 63)
#define PTE_ADDR	0x000ffffffffff000ull
#define PTE_LARGE_ADDR	0x000fffffffffe000ull	/* bit 12 is the large page's PAT */
#define PTE_ATTRS	(PTE_P | PTE_RW | PTE_US | PTE_PWT | PTE_PCD | PTE_G | PTE_NX)

bool arch_pte_valid(u64 e)
{
	return e & PTE_P;
}

static bool large(u64 e, int level)
{
	return level >= 2 && (e & PTE_PS);
}

/* Does the table new points to map exactly what the large page old did? */
static bool same_translation(u64 old, u64 new, int level)
{
	const u64 *t = (const u64 *)(uintptr_t)(new & PTE_ADDR);	/* identity mapped */
	u64 sub = level == 3 ? 1ull << 21 : 1ull << 12;
	u64 frame = old & PTE_LARGE_ADDR;
	unsigned int i;

	for (i = 0; i < 512; i++) {
		u64 e = READ_ONCE(t[i]);
		u64 addr = level == 3 ? e & PTE_LARGE_ADDR : e & PTE_ADDR;

		if (addr != frame + i * sub || (e & PTE_ATTRS) != (old & PTE_ATTRS) ||
		    large(e, level - 1) != (level == 3))
			return false;
	}
	return true;
}

bool arch_pte_needs_break(u64 old, u64 new, int level)
{
	u64 mask = ~(PTE_A | PTE_D | PTE_PWT | PTE_PCD);

	if (large(old, level) && !large(new, level))
		return !same_translation(old, new, level);
	return (old & mask) != (new & mask);
}
