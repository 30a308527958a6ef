/*
 * The identity map: virtual == physical. head.S maps the first 4 GiB in
 * 2 MiB pages (boot_pdpt -> boot_pd: four page directories, 2048
 * entries); x86_map_ram() extends it over the RAM above 4 GiB before the
 * page allocator runs, and x86_memremap()/x86_ioremap() over whatever
 * else is asked for (ACPI tables, device registers), allocating the
 * page tables they need. Device registers are made uncached (PCD|PWT:
 * UC), a framebuffer write-combining (PWT alone: the PAT entry
 * x86_pat_init() sets to WC), and a stack guard page splits its 2 MiB
 * page into 4 KiB ones and clears one entry. Live entries are written
 * with pte_write() (the break-before-make checker, include/sis/pte.h). (The kernel image's own mapping
 * in the top 2 GiB is head.S's, and is never changed.)
 *
 * map_lock protects the page tables below boot_pml4's lower half; it is
 * taken before page_lock (a new table comes from the page allocator).
 * New mappings and device mappings are made before SMP, on the boot CPU
 * alone, and a not-present entry is never cached, so no flush is needed
 * for them; a guard page (task stacks, any time) is shot down from every
 * online CPU's TLB (kernel/tlb.c), so the guard holds on all of them.
 */
#include <sis/arch.h>
#include <sis/errno.h>
#include <sis/mm.h>
#include <sis/pte.h>
#include <sis/spinlock.h>
#include <sis/string.h>
#include <sis/tlb.h>
#include <asm/cpu.h>
#include <asm/io.h>
#include "x86.h"

#define PTE_PRESENT	(1ull << 0)
#define PTE_WRITE	(1ull << 1)
#define PTE_PWT		(1ull << 3)
#define PTE_PCD		(1ull << 4)
#define PTE_LARGE	(1ull << 7)
#define PTE_ADDR	0x000ffffffffff000ull
#define LARGE_SIZE	0x200000ull
#define MAP_LIMIT	0x100000000ull
#define IDENT_LIMIT	(1ull << 46)	/* PML4 entries 0-127; 128-255 are user mode's (sis/abi.h) */

extern u64 boot_pml4[512];	/* head.S */
extern u64 boot_pd[2048];
static DEFINE_SPINLOCK(map_lock);

/* Page-table pages for x86_map_ram(), before the page allocator runs. */
struct table_pool {
	phys_addr_t next, end;
};

/* A zeroed page for a page table: from pool, else the page allocator. */
static u64 *table_alloc(struct table_pool *pool)
{
	u64 *t;

	if (pool) {
		if (pool->next >= pool->end)
			return NULL;
		t = (u64 *)(uintptr_t)pool->next;
		pool->next += PAGE_SIZE;
	} else {
		t = page_alloc(1);
		if (!t)
			return NULL;
	}
	memset(t, 0, PAGE_SIZE);
	return t;
}

/* The table entry at index idx of table points to, made when missing and pool allows. */
static u64 *next_table(u64 *table, unsigned int idx, struct table_pool *pool, bool make)
{
	u64 *t;

	if (table[idx] & PTE_PRESENT)
		return (u64 *)(uintptr_t)(table[idx] & PTE_ADDR);
	if (!make)
		return NULL;
	t = table_alloc(pool);
	if (t)
		table[idx] = (uintptr_t)t | PTE_PRESENT | PTE_WRITE;
	return t;
}

/*
 * The page-directory entry (2 MiB) that maps identity address a, or
 * NULL when a is not mapped (or the tables for it could not be made).
 * Caller holds map_lock, or runs alone before SMP.
 */
static u64 *pde_of(phys_addr_t a, struct table_pool *pool, bool make)
{
	u64 *pdpt, *pd;

	if (a >= IDENT_LIMIT)
		return NULL;
	if (a < MAP_LIMIT)
		return &boot_pd[a / LARGE_SIZE];
	pdpt = next_table(boot_pml4, (a >> 39) & 511, pool, make);
	pd = pdpt ? next_table(pdpt, (a >> 30) & 511, pool, make) : NULL;
	return pd ? &pd[(a >> 21) & 511] : NULL;
}

/* Map [phys, phys + size) write-back where it is not mapped yet; 0 or -ENOMEM. */
static int map_range(phys_addr_t phys, u64 size, struct table_pool *pool)
{
	phys_addr_t a;

	for (a = ALIGN_DOWN(phys, LARGE_SIZE); a < phys + size; a += LARGE_SIZE) {
		u64 *pde = pde_of(a, pool, true);

		if (!pde)
			return -ENOMEM;
		if (!(*pde & PTE_PRESENT))
			*pde = a | PTE_PRESENT | PTE_WRITE | PTE_LARGE;
	}
	return 0;
}

/* The reserved range that overlaps [base, base + size), or NULL. */
static const struct mem_region *reserved_at(const struct boot_info *bi, phys_addr_t base,
					    u64 size)
{
	unsigned int i;

	for (i = 0; i < bi->nreserved; i++)
		if (base < bi->reserved[i].base + bi->reserved[i].size &&
		    bi->reserved[i].base < base + size)
			return &bi->reserved[i];
	return NULL;
}

/*
 * n free pages of RAM between 1 MiB and 4 GiB (mapped by head.S), as
 * high as they fit, reserved in bi so the page allocator leaves them
 * alone; 0 when there is no room.
 */
static phys_addr_t carve_pages(struct boot_info *bi, u64 n)
{
	u64 size = n * PAGE_SIZE;
	unsigned int i;

	for (i = bi->nmem; i-- > 0;) {
		phys_addr_t lo = MAX(bi->mem[i].base, 0x100000ull);
		phys_addr_t hi = MIN(bi->mem[i].base + bi->mem[i].size, MAP_LIMIT);
		phys_addr_t c = ALIGN_DOWN(hi - size, PAGE_SIZE);
		const struct mem_region *r;

		if (hi < lo + size)
			continue;
		while (c >= lo && (r = reserved_at(bi, c, size)) != NULL) {
			if (r->base < lo + size)
				break;
			c = ALIGN_DOWN(r->base - size, PAGE_SIZE);
		}
		if (c >= lo && !reserved_at(bi, c, size))
			return bootinfo_add_reserved(bi, c, size) ? c : 0;
	}
	return 0;
}

/* Page tables for [base, end) in 2 MiB pages, above 4 GiB. */
static u64 tables_needed(phys_addr_t base, phys_addr_t end)
{
	u64 gib = (ALIGN_UP(end, 1ull << 30) - ALIGN_DOWN(base, 1ull << 30)) >> 30;

	return gib + gib / 512 + 2;	/* directories, pointer tables, rounding */
}

int x86_map_ram(struct boot_info *bi)
{
	struct table_pool pool = { 0, 0 };
	phys_addr_t lo = ~0ull, hi = 0;
	unsigned int i;
	int err = 0;

	for (i = 0; i < bi->nmem; i++) {
		if (bi->mem[i].base + bi->mem[i].size <= MAP_LIMIT)
			continue;
		lo = MIN(lo, MAX(bi->mem[i].base, MAP_LIMIT));
		hi = MAX(hi, bi->mem[i].base + bi->mem[i].size);
	}
	if (!hi)
		return 0;
	if (hi > IDENT_LIMIT)
		return -ERANGE;
	pool.next = carve_pages(bi, tables_needed(lo, hi));
	if (!pool.next)
		return -ENOMEM;
	pool.end = pool.next + tables_needed(lo, hi) * PAGE_SIZE;
	for (i = 0; i < bi->nmem && !err; i++)
		if (bi->mem[i].base + bi->mem[i].size > MAP_LIMIT)
			err = map_range(MAX(bi->mem[i].base, MAP_LIMIT), bi->mem[i].base +
					bi->mem[i].size - MAX(bi->mem[i].base, MAP_LIMIT), &pool);
	return err;
}

void *x86_memremap(phys_addr_t phys, size_t size)
{
	unsigned long flags;
	int err;

	if (!size || phys >= IDENT_LIMIT || size > IDENT_LIMIT - phys)
		return NULL;
	flags = spin_lock_irqsave(&map_lock);
	err = map_range(phys, size, NULL);
	spin_unlock_irqrestore(&map_lock, flags);
	return err ? NULL : (void *)(uintptr_t)phys;
}

/*
 * PAT entry 1 (PWT alone) becomes write-combining; the others keep their
 * power-on types (0 WB, 2 UC-, 3 UC, 4-7 the same again). Every CPU
 * programs the same value before it maps anything with PWT.
 */
#define MSR_IA32_PAT	0x277
#define PAT_VALUE	0x0007040600070106ull

void x86_pat_init(void)
{
	wrmsr(MSR_IA32_PAT, PAT_VALUE);
}

/*
 * Map [phys, phys + size) and give it the cache bits whole: 2 MiB pages
 * wholly inside get whole, the pages at the edges (shared with whatever
 * else lives there) uncached.
 */
static void *remap(phys_addr_t phys, size_t size, u64 whole)
{
	phys_addr_t a;
	unsigned long flags;

	if (!x86_memremap(phys, size))
		return NULL;
	flags = spin_lock_irqsave(&map_lock);
	for (a = ALIGN_DOWN(phys, LARGE_SIZE); a < phys + size; a += LARGE_SIZE) {
		u64 *pde = pde_of(a, NULL, false);
		bool inside = a >= phys && a + LARGE_SIZE <= phys + size;

		if (*pde & PTE_LARGE)
			pte_write(pde, (*pde & ~(PTE_PCD | PTE_PWT)) |
				  (inside ? whole : PTE_PCD | PTE_PWT), 2, a);
		invlpg(a);
	}
	spin_unlock_irqrestore(&map_lock, flags);
	return (void *)(uintptr_t)phys;
}

void *x86_ioremap(phys_addr_t phys, size_t size)
{
	return remap(phys, size, PTE_PCD | PTE_PWT);
}

void *x86_ioremap_wc(phys_addr_t phys, size_t size)
{
	return remap(phys, size, PTE_PWT);
}

/* The 4 KiB page table for the 2 MiB page at pde (mapping a), splitting it if needed. */
static u64 *split_large(u64 *pde, phys_addr_t a)
{
	u64 *pt;
	unsigned int j;

	if (!(*pde & PTE_LARGE))
		return (u64 *)(uintptr_t)(*pde & PTE_ADDR);
	pt = page_alloc(1);
	if (!pt)
		return NULL;
	for (j = 0; j < 512; j++)
		pt[j] = (ALIGN_DOWN(a, LARGE_SIZE) + j * PAGE_SIZE) | PTE_PRESENT | PTE_WRITE;
	pte_write(pde, (uintptr_t)pt | PTE_PRESENT | PTE_WRITE, 2, ALIGN_DOWN(a, LARGE_SIZE));
	return pt;
}

int arch_guard_page(void *page)
{
	uintptr_t a = (uintptr_t)page;
	unsigned long flags;
	u64 *pde, *pt = NULL;
	bool mapped;

	if (a & (PAGE_SIZE - 1))
		return -EINVAL;
	flags = spin_lock_irqsave(&map_lock);
	pde = pde_of(a, NULL, false);
	mapped = pde && (*pde & PTE_PRESENT);
	if (mapped)
		pt = split_large(pde, a);
	if (pt)
		pte_write(&pt[(a % LARGE_SIZE) / PAGE_SIZE], 0, 1, a);
	spin_unlock_irqrestore(&map_lock, flags);
	if (!mapped)
		return -EINVAL;
	/* The whole 2 MiB: a split leaves the large entry in TLBs. */
	if (pt)
		tlb_flush_kernel_range(ALIGN_DOWN(a, LARGE_SIZE), LARGE_SIZE);
	return pt ? 0 : -ENOMEM;
}

/*
 * invlpg per 4 KiB; a long range (or len 0) reloads CR3 instead. With
 * PCID (user mode, user.c) both reach only the current PCID's entries,
 * and the kernel's are cached under every PCID: toggling CR4.PGE drops
 * them all (SDM Vol. 3A 4.10.4.1).
 */
void arch_tlb_flush_local(uintptr_t va, size_t len)
{
	uintptr_t a;

	if (x86_has_pcid) {
		u64 cr4 = read_cr4();

		__asm__ __volatile__("movq %0, %%cr4\n\tmovq %1, %%cr4"
				     : : "r"(cr4 ^ (1ull << 7)), "r"(cr4) : "memory");
		return;
	}
	if (!len || len > 64 * PAGE_SIZE) {
		write_cr3(read_cr3());
		return;
	}
	for (a = ALIGN_DOWN(va, PAGE_SIZE); a < va + len; a += PAGE_SIZE)
		invlpg(a);
}

void arch_tlb_flush_broadcast(uintptr_t va, size_t len)
{
	arch_tlb_flush_local(va, len);	/* unused: ARCH_TLB_BROADCAST is 0 */
}
