/*
 * KTAP suite "mm": what the page allocator hands out is memory that can
 * be written and read back, below 4 GiB and, when the machine has RAM
 * there, above it (on the pc that RAM is mapped by arch/x86_64/mmu.c
 * before the allocator sees it; an unmapped page would fault here). On
 * a NUMA machine: a page asked of each node is that node's, and every
 * CPU's per-CPU area (and, where stacks are identity mapped, its boot
 * stack) lies in its own node's memory.
 */
#include <sis/ktest.h>
#include <sis/mm.h>
#include <sis/numa.h>
#include <sis/percpu.h>
#include <sis/topology.h>

#define FOUR_GIB	0x100000000ull
#define PATTERN		0x5a5a0f0f3c3cc3c3ull

/* Fill a page with words that differ per word and page; count those that read back wrong. */
static unsigned int write_read(u64 *page)
{
	unsigned int i, bad = 0;

	for (i = 0; i < PAGE_SIZE / 8; i++)
		WRITE_ONCE(page[i], ((uintptr_t)&page[i]) ^ PATTERN);
	for (i = 0; i < PAGE_SIZE / 8; i++)
		bad += READ_ONCE(page[i]) != (((uintptr_t)&page[i]) ^ PATTERN);
	return bad;
}

static void test_low_page(struct ktest *t)
{
	u64 *p = page_alloc_below(1, FOUR_GIB);

	KTEST_EXPECT(t, p != NULL);
	if (!p)
		return;
	KTEST_EXPECT(t, (uintptr_t)p + PAGE_SIZE <= FOUR_GIB);
	KTEST_EXPECT_EQ(t, write_read(p), 0);
	page_free(p, 1);
}

static void test_high_page(struct ktest *t)
{
	u64 *p;

	if (page_phys_end() <= FOUR_GIB) {
		ktest_skip(t, "no RAM above 4 GiB");
		return;
	}
	p = page_alloc_range(1, FOUR_GIB, ~0ull);
	KTEST_EXPECT(t, p != NULL);
	if (!p)
		return;
	ktest_log(t, "page at %p", (void *)p);
	KTEST_EXPECT(t, (uintptr_t)p >= FOUR_GIB);
	KTEST_EXPECT_EQ(t, write_read(p), 0);
	page_free(p, 1);
}

static void test_node_pages(struct ktest *t)
{
	unsigned int node;
	u64 *p;

	if (numa_nr_nodes() < 2) {
		ktest_skip(t, "one NUMA node");
		return;
	}
	for (node = 0; node < numa_nr_nodes(); node++) {
		if (!numa_node_bytes(node))
			continue;
		p = page_alloc_node(1, node);
		KTEST_EXPECT(t, p != NULL);
		if (!p)
			return;
		KTEST_EXPECT_EQ(t, page_node(p), node);
		KTEST_EXPECT_EQ(t, write_read(p), 0);
		page_free(p, 1);
	}
	KTEST_EXPECT_EQ(t, page_node_fallbacks(), 0);
}

static void test_percpu_on_node(struct ktest *t)
{
	unsigned int cpu;
	struct percpu *p;

	if (numa_nr_nodes() < 2) {
		ktest_skip(t, "one NUMA node");
		return;
	}
	for (cpu = 1; cpu < nr_cpu_ids; cpu++) {	/* CPU 0's area is in the image */
		p = percpu_of(cpu);
		if (!KTEST_EXPECT_EQ(t, page_node(p), cpu_to_node(cpu)))
			ktest_log(t, "core%u's area at %p", cpu, (void *)p);
		if (!IS_ENABLED(CONFIG_ARCH_HAS_STACK_AREA) && p->stack_top)
			KTEST_EXPECT_EQ(t, page_node((char *)p->stack_top - 1), cpu_to_node(cpu));
	}
}

KTEST_SUITE(mm, KTEST_CASE(test_low_page), KTEST_CASE(test_high_page),
	    KTEST_CASE(test_node_pages), KTEST_CASE(test_percpu_on_node));
