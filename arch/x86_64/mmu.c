/*
 * The identity map head.S builds: virtual == physical for the first
 * 4 GiB in 2 MiB pages (boot_pd: four page directories, 2048 entries).
 * Device registers are made uncached (PCD|PWT: UC), a framebuffer
 * write-combining (PWT alone: the PAT entry x86_pat_init() sets to WC),
 * and a stack guard page splits its 2 MiB page into 4 KiB ones and
 * clears one entry.
 *
 * map_lock protects boot_pd and the page tables split from it; it is
 * taken before page_lock (a split allocates a page table). Device
 * mappings change before SMP, on the boot CPU alone, so a local flush
 * does; a guard page (task stacks, any time) is shot down from every
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

extern u64 boot_pd[2048];	/* head.S */
static DEFINE_SPINLOCK(map_lock);

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
 * Give [phys, phys + size) the type of cache bits: 2 MiB pages wholly
 * inside get whole, the pages at the edges (shared with whatever else
 * lives there) uncached.
 */
static void *remap(phys_addr_t phys, size_t size, u64 whole)
{
	phys_addr_t a;
	unsigned long flags;

	if (!size || phys >= MAP_LIMIT || size > MAP_LIMIT - phys)
		return NULL;
	flags = spin_lock_irqsave(&map_lock);
	for (a = ALIGN_DOWN(phys, LARGE_SIZE); a < phys + size; a += LARGE_SIZE) {
		u64 *pde = &boot_pd[a / LARGE_SIZE];
		bool inside = a >= phys && a + LARGE_SIZE <= phys + size;

		if (*pde & PTE_LARGE)
			pte_write(pde, (*pde & ~(PTE_PCD | PTE_PWT)) | (inside ? whole : PTE_PCD | PTE_PWT), 2,
				  a);
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
	pte_write(&boot_pd[i], (uintptr_t)pt | PTE_PRESENT | PTE_WRITE, 2, (u64)i * LARGE_SIZE);
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
	if (pt)
		pte_write(&pt[(a % LARGE_SIZE) / PAGE_SIZE], 0, 1, a);
	spin_unlock_irqrestore(&map_lock, flags);
	/* The whole 2 MiB: a split leaves the large entry in TLBs. */
	if (pt)
		tlb_flush_kernel_range(ALIGN_DOWN(a, LARGE_SIZE), LARGE_SIZE);
	return pt ? 0 : -ENOMEM;
}

/* invlpg per 4 KiB; a long range (or len 0) reloads CR3 instead. */
void arch_tlb_flush_local(uintptr_t va, size_t len)
{
	uintptr_t a;

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
