/*
 * The identity map head.S builds: virtual == physical for the first
 * 4 GiB in 2 MiB pages (boot_pd: four page directories, 2048 entries).
 * Device registers are made uncached (PCD|PWT: UC with the default PAT),
 * and a stack guard page splits its 2 MiB page into 4 KiB ones and
 * clears one entry.
 *
 * map_lock protects boot_pd and the page tables split from it; it is
 * taken before page_lock (a split allocates a page table).
 * Changes happen while the boot CPU is the only one using the range
 * (device setup before SMP, a fresh stack before its CPU starts), so a
 * local TLB flush is enough; other CPUs may keep a stale 2 MiB entry for
 * a guard page, which only weakens the guard on them.
 */
#include <sis/arch.h>
#include <sis/errno.h>
#include <sis/mm.h>
#include <sis/spinlock.h>
#include <sis/string.h>
#include <asm/cpu.h>
#include <asm/io.h>

#define PTE_PRESENT	(1ull << 0)
#define PTE_WRITE	(1ull << 1)
#define PTE_PWT		(1ull << 3)
#define PTE_PCD		(1ull << 4)
#define PTE_LARGE	(1ull << 7)
#define PTE_ADDR	0x000ffffffffff000ull
#define LARGE_SIZE	0x200000ull
#define MAP_LIMIT	0x100000000ull

extern u64 boot_pd[2048];	/* head.S */
static DEFINE_SPINLOCK(map_lock);

void *x86_ioremap(phys_addr_t phys, size_t size)
{
	phys_addr_t a;
	unsigned long flags;

	if (!size || phys >= MAP_LIMIT || size > MAP_LIMIT - phys)
		return NULL;
	flags = spin_lock_irqsave(&map_lock);
	for (a = ALIGN_DOWN(phys, LARGE_SIZE); a < phys + size; a += LARGE_SIZE) {
		u64 *pde = &boot_pd[a / LARGE_SIZE];

		if (*pde & PTE_LARGE)
			*pde |= PTE_PCD | PTE_PWT;
		invlpg(a);
	}
	spin_unlock_irqrestore(&map_lock, flags);
	return (void *)(uintptr_t)phys;
}

/* The 4 KiB page table for the 2 MiB page at index i, splitting it if needed. */
static u64 *split_large(unsigned int i)
{
	u64 *pt;
	unsigned int j;

	if (!(boot_pd[i] & PTE_LARGE))
		return (u64 *)(uintptr_t)(boot_pd[i] & PTE_ADDR);
	pt = page_alloc(1);
	if (!pt)
		return NULL;
	for (j = 0; j < 512; j++)
		pt[j] = ((u64)i * LARGE_SIZE + j * PAGE_SIZE) | PTE_PRESENT | PTE_WRITE;
	boot_pd[i] = (uintptr_t)pt | PTE_PRESENT | PTE_WRITE;
	write_cr3(read_cr3());	/* drop the 2 MiB entry from this CPU's TLB */
	return pt;
}

int arch_guard_page(void *page)
{
	uintptr_t a = (uintptr_t)page;
	unsigned long flags;
	u64 *pt;

	if (a & (PAGE_SIZE - 1) || a >= MAP_LIMIT)
		return -EINVAL;
	flags = spin_lock_irqsave(&map_lock);
	pt = split_large(a / LARGE_SIZE);
	if (pt) {
		pt[(a % LARGE_SIZE) / PAGE_SIZE] = 0;
		invlpg(a);
	}
	spin_unlock_irqrestore(&map_lock, flags);
	return pt ? 0 : -ENOMEM;
}
