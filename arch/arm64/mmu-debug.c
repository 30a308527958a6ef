/*
 * CONFIG_DEBUG_MMU, arm64's half (include/sis/pte.h): which changes of a
 * live descriptor need break-before-make.
 *
 * The architecture (Arm ARM, "Using break-before-make when updating
 * translation table entries") requires the break for a change of output
 * address, of block size (a block replaced by a table or back), of memory
 * type, cacheability or shareability; only permission and access-flag
 * changes are exempt. sis never changes those on a live entry, so any
 * valid-to-different-valid change is reported: stricter than the
 * architecture, and simple to hold.
 */
#include <sis/pte.h>

bool arch_pte_valid(u64 e)
{
	return e & 1;	/* descriptor bit 0, every level */
}

bool arch_pte_needs_break(u64 old, u64 new, int level)
{
	return true;
}
