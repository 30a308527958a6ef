/*
 * The physical page allocator: one bit per 4 KiB page from the lowest to
 * the highest usable address (1 = in use), first-fit for contiguous runs.
 * The bitmap lives in the first free range large enough to hold it.
 * Pages outside the RAM regions, the reserved ranges, page 0 and the
 * bitmap itself are never handed out.
 *
 * NUMA: numa_init() tells which node each RAM range belongs to
 * (page_node_range); page_alloc_node() then searches that node's ranges
 * first, each from a hint of its own, and takes any page when the node
 * has none free (counted: page_node_fallbacks()).
 */
#include <sis/arch.h>
#include <sis/mm.h>
#include <sis/panic.h>
#include <sis/printk.h>
#include <sis/spinlock.h>
#include <sis/string.h>

/* page_lock protects bitmap, nfree, hint and each node range's hint. Leaf lock, IRQ-safe. */
static DEFINE_SPINLOCK(page_lock);
static u64 *bitmap;
static phys_addr_t base_pfn;	/* first page the bitmap covers */
static size_t npages;		/* pages the bitmap covers */
static size_t nfree;
static size_t hint;		/* where the next search starts */

#define NODE_RANGES_MAX	64
/* The nodes' RAM, as bitmap indexes [lo, hi): written at boot before any other CPU runs. */
static struct node_range {
	size_t lo, hi, hint;
	unsigned int node;
} node_ranges[NODE_RANGES_MAX];
static unsigned int nnode_ranges;
static size_t node_fallbacks;

#define HIGH_PFN	(0x100000000ull >> PAGE_SHIFT)	/* 4 GiB, beyond 32-bit DMA */

static bool page_used(size_t i)
{
	return bitmap[i / 64] & BIT(i % 64);
}

static void mark(size_t first, size_t n, bool used)
{
	size_t i;

	for (i = first; i < first + n; i++) {
		if (used)
			bitmap[i / 64] |= BIT(i % 64);
		else
			bitmap[i / 64] &= ~BIT(i % 64);
	}
}

/* Mark [base, base+size) clamped to the bitmap, rounded outward when used. */
static void mark_range(phys_addr_t base, u64 size, bool used)
{
	phys_addr_t lo = used ? ALIGN_DOWN(base, PAGE_SIZE) : ALIGN_UP(base, PAGE_SIZE);
	phys_addr_t hi = used ? ALIGN_UP(base + size, PAGE_SIZE)
			      : ALIGN_DOWN(base + size, PAGE_SIZE);
	phys_addr_t first = lo >> PAGE_SHIFT, last = hi >> PAGE_SHIFT;

	if (first < base_pfn)
		first = base_pfn;
	if (last > base_pfn + npages)
		last = base_pfn + npages;
	if (last > first)
		mark(first - base_pfn, last - first, used);
}

static bool overlaps_reserved(const struct boot_info *bi, phys_addr_t b, u64 s)
{
	unsigned int i;

	for (i = 0; i < bi->nreserved; i++)
		if (b < bi->reserved[i].base + bi->reserved[i].size &&
		    bi->reserved[i].base < b + s)
			return true;
	return false;
}

/* A page-aligned, unreserved place for the bitmap inside RAM. */
static void *find_bitmap_home(const struct boot_info *bi, u64 bytes)
{
	unsigned int i;

	for (i = 0; i < bi->nmem; i++) {
		phys_addr_t b = ALIGN_UP(MAX(bi->mem[i].base, PAGE_SIZE), PAGE_SIZE);
		phys_addr_t end = bi->mem[i].base + bi->mem[i].size;

		for (; b + bytes <= end; b += PAGE_SIZE)
			if (!overlaps_reserved(bi, b, bytes))
				return (void *)(uintptr_t)b;
	}
	return NULL;
}

/* Count the free pages; say where the kernel is and how much is free. */
static void report(const struct boot_info *bi)
{
	size_t i, high = 0;

	for (i = 0, nfree = 0; i < npages; i++) {
		nfree += !page_used(i);
		high += !page_used(i) && base_pfn + i >= HIGH_PFN;
	}
	if (bi->image_size)
		pr_info("[MM] kernel image at 0x%llx-0x%llx (linked for 0x%llx)\n",
			(unsigned long long)bi->image_base,
			(unsigned long long)(bi->image_base + bi->image_size - 1),
			(unsigned long long)bi->image_link);
	if (high)
		pr_info("[MM] %zu MiB free in %u region(s), %zu MiB of it above 4 GiB\n",
			nfree >> (20 - PAGE_SHIFT), bi->nmem, high >> (20 - PAGE_SHIFT));
	else
		pr_info("[MM] %zu MiB free in %u region(s)\n", nfree >> (20 - PAGE_SHIFT),
			bi->nmem);
}

void mm_init(const struct boot_info *bi)
{
	phys_addr_t lo = ~0ull, hi = 0;
	unsigned int i;
	u64 bytes;

	for (i = 0; i < bi->nmem; i++) {
		lo = MIN(lo, bi->mem[i].base);
		hi = MAX(hi, bi->mem[i].base + bi->mem[i].size);
	}
	if (!bi->nmem || hi <= lo)
		panic("mm: the boot loader gave no usable memory");
	base_pfn = lo >> PAGE_SHIFT;
	npages = (ALIGN_UP(hi, PAGE_SIZE) >> PAGE_SHIFT) - base_pfn;
	bytes = ALIGN_UP(ALIGN_UP(npages, 64) / 8, PAGE_SIZE);
	bitmap = find_bitmap_home(bi, bytes);
	if (!bitmap)
		panic("mm: no room for the page bitmap (%llu bytes)", (unsigned long long)bytes);
	memset(bitmap, 0xff, bytes);
	for (i = 0; i < bi->nmem; i++)
		mark_range(bi->mem[i].base, bi->mem[i].size, false);
	for (i = 0; i < bi->nreserved; i++)
		mark_range(bi->reserved[i].base, bi->reserved[i].size, true);
	mark_range((uintptr_t)bitmap, bytes, true);
	mark_range(0, PAGE_SIZE, true);	/* never hand out NULL */
	report(bi);
}

/* First run of n free pages at index >= from and below limit; or npages. */
static size_t find_run(size_t from, size_t n, size_t limit)
{
	size_t i, run = 0;

	for (i = from; i < limit; i++) {
		run = page_used(i) ? 0 : run + 1;
		if (run == n)
			return i + 1 - n;
	}
	return npages;
}

/* The bitmap index of the page holding physical address a, clamped to [0, npages]. */
static size_t page_index(phys_addr_t a)
{
	phys_addr_t pfn = a >> PAGE_SHIFT;

	if (pfn <= base_pfn)
		return 0;
	return pfn - base_pfn < npages ? pfn - base_pfn : npages;
}

/*
 * Take n pages in [lo, hi), searching from *from first (page_lock held);
 * *from moves past them. The bitmap index, or npages when none fit.
 */
static size_t take_run(size_t n, size_t lo, size_t hi, size_t *from)
{
	size_t i = *from > lo && *from < hi ? find_run(*from, n, hi) : npages;

	if (i == npages)
		i = find_run(lo, n, hi);
	if (i != npages) {
		mark(i, n, true);
		nfree -= n;
		*from = i + n;
	}
	return i;
}

static void *page_at(size_t i)
{
	return i == npages ? NULL : (void *)(uintptr_t)((base_pfn + i) << PAGE_SHIFT);
}

void *page_alloc_range(size_t n, phys_addr_t min, phys_addr_t limit)
{
	size_t lo = page_index(ALIGN_UP(min, PAGE_SIZE)), hi = page_index(limit), i, from;
	unsigned long flags;

	if (n == 0)
		return NULL;
	flags = spin_lock_irqsave(&page_lock);
	/* The hint only serves unconstrained requests: it may lie outside [lo, hi). */
	from = lo == 0 && hi == npages ? hint : lo;
	i = take_run(n, lo, hi, &from);
	if (lo == 0 && hi == npages)
		hint = from;
	spin_unlock_irqrestore(&page_lock, flags);
	return page_at(i);
}

void page_node_range(phys_addr_t base, u64 size, unsigned int node)
{
	size_t lo = page_index(ALIGN_UP(base, PAGE_SIZE)), hi = page_index(base + size);

	if (hi <= lo)
		return;
	if (nnode_ranges == NODE_RANGES_MAX) {
		pr_warn("[MM] more than %d NUMA memory ranges: node %u's range at 0x%llx is "
			"allocated from as any memory\n", NODE_RANGES_MAX, node,
			(unsigned long long)base);
		return;
	}
	node_ranges[nnode_ranges++] = (struct node_range){ .lo = lo, .hi = hi, .hint = lo,
							    .node = node };
}

void *page_alloc_node(size_t n, unsigned int node)
{
	size_t i = npages;
	bool has_ranges = false;
	unsigned long flags;
	unsigned int r;

	if (n == 0)
		return NULL;
	flags = spin_lock_irqsave(&page_lock);
	for (r = 0; r < nnode_ranges && i == npages; r++) {
		struct node_range *nr = &node_ranges[r];

		if (nr->node != node)
			continue;
		has_ranges = true;
		i = take_run(n, nr->lo, nr->hi, &nr->hint);
	}
	if (i == npages && has_ranges)
		node_fallbacks++;
	if (i == npages)
		i = take_run(n, 0, npages, &hint);
	spin_unlock_irqrestore(&page_lock, flags);
	return page_at(i);
}

unsigned int page_node(const void *p)
{
	size_t i = page_index((uintptr_t)p);
	unsigned int r;

	for (r = 0; r < nnode_ranges; r++)
		if (i >= node_ranges[r].lo && i < node_ranges[r].hi)
			return node_ranges[r].node;
	return PAGE_NO_NODE;
}

size_t page_node_fallbacks(void)
{
	return READ_ONCE(node_fallbacks);
}

void *page_alloc_below(size_t n, phys_addr_t limit)
{
	return page_alloc_range(n, 0, limit);
}

void *page_alloc(size_t n)
{
	return page_alloc_range(n, 0, ~0ull);
}

phys_addr_t page_phys_end(void)
{
	return (base_pfn + npages) << PAGE_SHIFT;
}

void page_free(void *p, size_t n)
{
	phys_addr_t pfn = (uintptr_t)p >> PAGE_SHIFT;
	unsigned long flags;
	size_t i;

	if ((uintptr_t)p & (PAGE_SIZE - 1) || pfn < base_pfn || pfn + n > base_pfn + npages)
		panic("page_free: %p (%zu pages) is not a page this allocator owns", p, n);
	flags = spin_lock_irqsave(&page_lock);
	for (i = 0; i < n; i++) {
		if (!page_used(pfn - base_pfn + i)) {
			spin_unlock_irqrestore(&page_lock, flags);
			panic("page_free: double free of page %p",
			      (void *)(uintptr_t)((pfn + i) << PAGE_SHIFT));
		}
	}
	mark(pfn - base_pfn, n, false);
	nfree += n;
	spin_unlock_irqrestore(&page_lock, flags);
}

size_t page_free_count(void)
{
	return READ_ONCE(nfree);
}

void *stack_alloc(size_t size)
{
	return stack_alloc_node(size, PAGE_NO_NODE);
}

void *stack_alloc_node(size_t size, unsigned int node)
{
	size_t n = ALIGN_UP(size, PAGE_SIZE) / PAGE_SIZE;
	char *base;

	if (IS_ENABLED(CONFIG_ARCH_HAS_STACK_AREA))
		return arch_stack_alloc(page_alloc_node(n, node), n);
	base = page_alloc_node(n + 1, node);
	if (!base)
		return NULL;
	arch_guard_page(base);	/* -ENOTSUP leaves it mapped: still a stack */
	return base + (n + 1) * PAGE_SIZE;
}
