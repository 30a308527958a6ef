/*
 * The kernel's translation tables, 4 KiB granule, 48-bit virtual
 * addresses (four levels, TTBR0 only). Two parts:
 *
 * - The identity map (virtual == physical), built by the boot CPU with
 *   the MMU off: the whole physical range up to 1 TiB as Device-nGnRE
 *   (1 GiB blocks), then RAM from the device tree as normal write-back
 *   memory, then the holes: /reserved-memory "no-map" ranges (the Pi's
 *   BL31) and page 0, so a NULL dereference faults. A range that does
 *   not cover a whole block splits the block into a table of the same
 *   attributes; that happens only here, while no CPU walks the tables.
 * - The stack area: STACK_AREA_SIZE of virtual addresses far above the
 *   identity map. Each kernel stack (arch_stack_alloc) is mapped there
 *   page by page, below a page that is never mapped: its guard.
 *
 * Once the MMU is on, the tables change only as the break-before-make
 * rule allows (docs/hardware.md, include/sis/pte.h): an entry goes from
 * invalid to valid (a stack's pages, a new table in the stack area) or
 * from valid to invalid, never from one valid value to another, and a
 * live block is never split (-EBUSY). Without FEAT_BBM (an Armv8.4
 * feature; the Cortex-A76 is Armv8.2), replacing a block other CPUs may
 * hold in their TLBs by a table may end in a TLB conflict abort. With
 * CONFIG_DEBUG_MMU every live write is checked.
 *
 * Tables come from a static pool in BSS, later from the page allocator.
 * Only the boot CPU writes them with the MMU off, under mmu_lock after;
 * the walkers read them through the inner-shareable write-back cache, so
 * an update needs a dsb (and, for an entry made invalid, a TLB
 * invalidate), not cache maintenance.
 */
#include <sis/arch.h>
#include <sis/compiler.h>
#include <sis/errno.h>
#include <sis/mm.h>
#include <sis/pte.h>
#include <sis/spinlock.h>
#include <sis/string.h>
#include <sis/tlb.h>
#include <asm/boot.h>
#include <asm/sysreg.h>

#define PT_ENTRIES	512
#define PT_POOL_PAGES	48
#define MAP_MAX_BITS	40		/* the Pi 5's physical address width */
/* L0 entry 511: far above the identity map, which ends at 1 << MAP_MAX_BITS. */
#define STACK_AREA_BASE	0x0000ff8000000000ull
#define STACK_AREA_SIZE	(1ull << 30)

#define DESC_VALID	BIT(0)
#define DESC_TABLE	BIT(1)		/* table (levels 0-2) or page (level 3) */
#define DESC_ATTR(i)	((u64)(i) << 2)	/* index into MAIR_EL1 */
#define DESC_SH_INNER	(3ull << 8)
#define DESC_AF		BIT(10)
#define DESC_PXN	BIT(53)
#define DESC_UXN	BIT(54)
#define DESC_ADDR_MASK	0x0000fffffffff000ull
#define DESC_ATTR_MASK	0xfff0000000000ffcull

#define MAIR_DEVICE	0	/* Device-nGnRE */
#define MAIR_NORMAL	1	/* Normal, inner/outer write-back, read/write-allocate */
#define MAIR_VALUE	(0x04ull << (8 * MAIR_DEVICE) | 0xffull << (8 * MAIR_NORMAL))

#define PROT_NORMAL	(DESC_ATTR(MAIR_NORMAL) | DESC_SH_INNER | DESC_AF | DESC_UXN)
#define PROT_DEVICE	(DESC_ATTR(MAIR_DEVICE) | DESC_AF | DESC_PXN | DESC_UXN)

#define TCR_T0SZ(bits)	(64ull - (bits))
#define TCR_IRGN0_WBWA	(1ull << 8)
#define TCR_ORGN0_WBWA	(1ull << 10)
#define TCR_SH0_INNER	(3ull << 12)
#define TCR_EPD1	(1ull << 23)	/* no TTBR1 walks */
#define TCR_AS		(1ull << 36)	/* 16-bit ASIDs (user.c) */
#define SCTLR_SPAN	(1ull << 23)	/* clear: exception entries set PSTATE.PAN */
#define TCR_IPS(x)	((u64)(x) << 32)

BUILD_ASSERT(__builtin_offsetof(struct mmu_config, mair) == MMU_CFG_MAIR);
BUILD_ASSERT(__builtin_offsetof(struct mmu_config, tcr) == MMU_CFG_TCR);
BUILD_ASSERT(__builtin_offsetof(struct mmu_config, ttbr0) == MMU_CFG_TTBR0);
BUILD_ASSERT(__builtin_offsetof(struct mmu_config, sctlr) == MMU_CFG_SCTLR);

struct mmu_config mmu_config;
bool arm64_has_pan;
static u64 pt_pool[PT_POOL_PAGES][PT_ENTRIES] __aligned(PAGE_SIZE);
static unsigned int pt_used;
static u64 *pt_root;
static bool mmu_live;		/* MMU on: updates need TLB maintenance */
/* mmu_lock protects the tables once mmu_live, and stack_area_next; taken before page_lock. */
static DEFINE_SPINLOCK(mmu_lock);
static u64 stack_area_next = STACK_AREA_BASE;	/* the lowest address not handed out */

static unsigned int level_shift(int level)
{
	return 39 - 9 * (unsigned int)level;
}

static u64 *pt_alloc(void)
{
	u64 *t = NULL;

	if (pt_used < PT_POOL_PAGES)
		t = pt_pool[pt_used++];
	else if (mmu_live)
		t = page_alloc(1);
	if (t)
		memset(t, 0, PAGE_SIZE);
	return t;
}

/* One entry; once the tables are live, through the break-before-make check. */
static void pt_write(u64 *entry, u64 val, int level, u64 va)
{
	if (mmu_live)
		pte_write(entry, val, level, (uintptr_t)va);
	else
		WRITE_ONCE(*entry, val);
}

/*
 * The table below *entry (for va at level), made if need be: an empty
 * one under an invalid entry, or, MMU off only, one splitting a block
 * with the block's attributes. A live block is never split (-EBUSY).
 */
static int next_table(u64 *entry, int level, u64 va, u64 **table)
{
	u64 e = READ_ONCE(*entry), *t;
	unsigned int i;

	if ((e & (DESC_VALID | DESC_TABLE)) == (DESC_VALID | DESC_TABLE)) {
		*table = (u64 *)(uintptr_t)(e & DESC_ADDR_MASK);
		return 0;
	}
	if ((e & DESC_VALID) && mmu_live)
		return -EBUSY;
	t = pt_alloc();
	if (!t)
		return -ENOMEM;
	if (e & DESC_VALID) {
		u64 sub = 1ull << level_shift(level + 1);
		u64 oa = e & DESC_ADDR_MASK & ~((1ull << level_shift(level)) - 1);
		u64 type = level + 1 == 3 ? (DESC_VALID | DESC_TABLE) : DESC_VALID;

		for (i = 0; i < PT_ENTRIES; i++)
			t[i] = (oa + i * sub) | (e & DESC_ATTR_MASK) | type;
	}
	/* The new table's entries before the link to it. */
	__asm__ __volatile__("dsb ishst" ::: "memory");
	pt_write(entry, (u64)(uintptr_t)t | DESC_VALID | DESC_TABLE, level,
		 ALIGN_DOWN(va, 1ull << level_shift(level)));
	*table = t;
	return 0;
}

/* Map [va, end) at this level and below to pa onwards with prot (0: unmap). */
static int map_level(u64 *table, int level, u64 va, u64 end, u64 pa, u64 prot)
{
	u64 size = 1ull << level_shift(level);

	while (va < end) {
		u64 next = (va | (size - 1)) + 1;
		u64 stop = MIN(next, end);
		u64 *e = &table[(va >> level_shift(level)) % PT_ENTRIES], *t;
		u64 type = level == 3 ? (DESC_VALID | DESC_TABLE) : DESC_VALID;
		int err;

		if (!prot && !(READ_ONCE(*e) & DESC_VALID)) {
			/* unmapping: nothing mapped here */
		} else if (level >= 1 && !(va & (size - 1)) && !(pa & (size - 1)) && stop == next) {
			pt_write(e, prot ? (pa | prot | type) : 0, level, va);
		} else {
			err = level < 3 ? next_table(e, level, va, &t) : -EINVAL;
			if (!err)
				err = map_level(t, level + 1, va, stop, pa, prot);
			if (err)
				return err;
		}
		pa += stop - va;
		va = stop;
	}
	return 0;
}

/* Map [va, va + size) to pa onwards with prot (0: unmap), page-rounded. */
static int mmu_set(u64 va, phys_addr_t pa, u64 size, u64 prot)
{
	u64 start = ALIGN_DOWN(va, PAGE_SIZE);
	u64 end = ALIGN_UP(va + size, PAGE_SIZE);
	unsigned long flags = 0;
	int err;

	if (mmu_live)
		flags = spin_lock_irqsave(&mmu_lock);
	err = map_level(pt_root, 0, start, end, ALIGN_DOWN(pa, PAGE_SIZE), prot);
	if (mmu_live) {
		tlb_flush_kernel_range(start, end - start);
		spin_unlock_irqrestore(&mmu_lock, flags);
	}
	return err;
}

/*
 * TLBI by VA for all ASIDs, one 4 KiB page at a time; long ranges (or
 * len 0) drop everything. dsb ishst first: the table writes must be
 * visible to the walkers before the old entries go.
 */
static void tlb_flush(uintptr_t va, size_t len, bool all_cpus)
{
	uintptr_t a;

	__asm__ __volatile__("dsb ishst" ::: "memory");
	if (!len || len > 64 * PAGE_SIZE) {
		if (all_cpus)
			__asm__ __volatile__("tlbi vmalle1is" ::: "memory");
		else
			__asm__ __volatile__("tlbi vmalle1" ::: "memory");
	} else {
		for (a = ALIGN_DOWN(va, PAGE_SIZE); a < va + len; a += PAGE_SIZE) {
			if (all_cpus)
				__asm__ __volatile__("tlbi vaae1is, %0" :: "r"(a >> 12) : "memory");
			else
				__asm__ __volatile__("tlbi vaae1, %0" :: "r"(a >> 12) : "memory");
		}
	}
	__asm__ __volatile__("dsb ish\n\tisb" ::: "memory");
}

void arch_tlb_flush_local(uintptr_t va, size_t len)
{
	tlb_flush(va, len, false);
}

void arch_tlb_flush_broadcast(uintptr_t va, size_t len)
{
	tlb_flush(va, len, true);
}

int mmu_map(phys_addr_t base, u64 size, bool normal)
{
	return mmu_set(base, base, size, normal ? PROT_NORMAL : PROT_DEVICE);
}

int mmu_unmap(phys_addr_t base, u64 size)
{
	return mmu_set(base, 0, size, 0);
}

int mmu_map_at(uintptr_t va, phys_addr_t pa, u64 size, bool normal)
{
	return mmu_set(va, pa, size, normal ? PROT_NORMAL : PROT_DEVICE);
}

/* Physical address bits: ID_AA64MMFR0_EL1.PARange, as TCR.IPS encodes it. */
static unsigned int pa_range(unsigned int *bits)
{
	static const unsigned char width[] = { 32, 36, 40, 42, 44, 48 };
	unsigned int r = read_sysreg(id_aa64mmfr0_el1) & 0xf;

	if (r >= ARRAY_SIZE(width))
		r = ARRAY_SIZE(width) - 1;	/* 52 bits needs LPA2: use 48 */
	*bits = width[r];
	return r;
}

/* Start over: everything device memory except page 0. MMU off. */
void mmu_map_reset(void)
{
	unsigned int bits;

	pa_range(&bits);
	pt_used = 0;
	pt_root = pt_alloc();
	map_level(pt_root, 0, 0, 1ull << MIN(bits, (unsigned int)MAP_MAX_BITS), 0, PROT_DEVICE);
	map_level(pt_root, 0, 0, PAGE_SIZE, 0, 0);
}

/* Invalidate [start, end) to the point of coherency (lines written with the MMU off). */
static void dcache_inval(uintptr_t start, uintptr_t end)
{
	u64 line = 4ull << ((read_sysreg(ctr_el0) >> 16) & 0xf);

	for (start = ALIGN_DOWN(start, line); start < end; start += line)
		__asm__ __volatile__("dc ivac, %0" :: "r"(start) : "memory");
	__asm__ __volatile__("dsb sy" ::: "memory");
}

/*
 * Clean and invalidate [start, end) to the point of coherency: lines a
 * cache holds for the range, dirty or stale, go, dirty ones written back
 * first, so that memory holds the newest data for reads with the MMU off
 * and later cacheable reads refetch it. MMU off: addresses are physical.
 */
void dcache_clean_inval_poc(uintptr_t start, uintptr_t end)
{
	u64 line = 4ull << ((read_sysreg(ctr_el0) >> 16) & 0xf);

	for (start = ALIGN_DOWN(start, line); start < end; start += line)
		__asm__ __volatile__("dc civac, %0" :: "r"(start) : "memory");
	__asm__ __volatile__("dsb sy" ::: "memory");
}

/* Boot CPU, MMU off: settle the configuration the secondaries reuse, switch on. */
void mmu_init(void)
{
	unsigned int bits;

	mmu_config.mair = MAIR_VALUE;
	mmu_config.tcr = TCR_T0SZ(48) | TCR_IRGN0_WBWA | TCR_ORGN0_WBWA |
			 TCR_SH0_INNER | TCR_EPD1 | TCR_IPS(pa_range(&bits));
	mmu_config.ttbr0 = (u64)(uintptr_t)pt_root;
	mmu_config.sctlr = SCTLR_EL1_RES1 | SCTLR_M | SCTLR_C | SCTLR_SA | SCTLR_I;
	/* User mode: 16-bit ASIDs when ID_AA64MMFR0_EL1.ASIDBits says so; PAN when present. */
	if ((read_sysreg(id_aa64mmfr0_el1) >> 4) & 0xf)
		mmu_config.tcr |= TCR_AS;
	if ((read_sysreg(id_aa64mmfr1_el1) >> 20) & 0xf) {
		arm64_has_pan = true;
		mmu_config.sctlr &= ~SCTLR_SPAN;
	}
	/* Stale lines from before our writes must not show once caches are on. */
	dcache_inval((uintptr_t)_text, (uintptr_t)_end);
	mmu_enable(&mmu_config);
	mmu_live = true;
}

/*
 * npages of stack in the stack area, below a page never mapped. Only
 * invalid entries become valid, so no CPU can hold a translation they
 * replace: no break is needed. The dsb makes the entries visible to every
 * walker before the caller publishes the stack to the CPU that runs on it.
 */
void *arch_stack_alloc(void *pages, size_t npages)
{
	u64 size = (u64)npages * PAGE_SIZE, va;
	unsigned long flags;
	int err = -ENOSPC;

	if (!pages)
		return NULL;
	flags = spin_lock_irqsave(&mmu_lock);
	va = stack_area_next + PAGE_SIZE;	/* the guard */
	if (size <= STACK_AREA_BASE + STACK_AREA_SIZE - va)
		err = map_level(pt_root, 0, va, va + size, (uintptr_t)pages, PROT_NORMAL);
	if (!err)
		stack_area_next = va + size;
	else if (err != -ENOSPC)	/* a table could not be had: undo the rest */
		map_level(pt_root, 0, va, va + size, 0, 0);
	spin_unlock_irqrestore(&mmu_lock, flags);
	if (err) {
		tlb_flush_kernel_range(va, size);	/* before the pages can be reused */
		page_free(pages, npages);
		return NULL;
	}
	__asm__ __volatile__("dsb ishst\n\tisb" ::: "memory");
	return (void *)(uintptr_t)(va + size);
}

u64 *arm64_kernel_root(void)
{
	return pt_root;
}

bool arm64_in_stack_area(uintptr_t va)
{
	return va >= STACK_AREA_BASE && va - STACK_AREA_BASE < STACK_AREA_SIZE;
}

/* The descriptor that maps va and its level (-1 if none): what the walker would find. */
u64 mmu_lookup(uintptr_t va, int *level)
{
	unsigned long flags = spin_lock_irqsave(&mmu_lock);
	u64 *table = pt_root, e = 0;
	int l;

	*level = -1;
	for (l = 0; l <= 3; l++) {
		e = READ_ONCE(table[(va >> level_shift(l)) % PT_ENTRIES]);
		if (!(e & DESC_VALID)) {
			e = 0;
			break;
		}
		if (l == 3 || !(e & DESC_TABLE)) {
			*level = l;
			break;
		}
		table = (u64 *)(uintptr_t)(e & DESC_ADDR_MASK);
	}
	spin_unlock_irqrestore(&mmu_lock, flags);
	return e;
}
