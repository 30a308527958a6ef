/* Helpers for the arch code that fills struct boot_info. */
#include <sis/bootinfo.h>

static bool add(struct mem_region *tab, unsigned int *n, phys_addr_t base,
		u64 size)
{
	if (*n >= BOOT_MAX_REGIONS || size == 0)
		return false;
	tab[*n].base = base;
	tab[*n].size = size;
	(*n)++;
	return true;
}

bool bootinfo_add_mem(struct boot_info *bi, phys_addr_t base, u64 size)
{
	return add(bi->mem, &bi->nmem, base, size);
}

bool bootinfo_add_reserved(struct boot_info *bi, phys_addr_t base, u64 size)
{
	return add(bi->reserved, &bi->nreserved, base, size);
}
