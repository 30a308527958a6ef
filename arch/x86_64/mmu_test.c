/*
 * The break-before-make checker's x86 rule (mmu-debug.c), on a scratch
 * page directory no CPU walks: pte_write() checks it exactly as it checks
 * the live ones in mmu.c (the generic "mmu" suite shows those are seen).
 *
 *   x86_mmu            the changes the rule allows go through: a break and
 *                      a make, PCD/PWT alone, a 2 MiB page split into a
 *                      table that maps it identically
 *   x86_mmu_bbm        (explicit) a 2 MiB page moved to another frame
 *                      while present: panics before the write
 *   x86_mmu_bad_split  (explicit) a split that drops the large page's
 *                      PCD/PWT: a size and an attribute change at once
 */
#include <sis/ktest.h>
#include <sis/mm.h>
#include <sis/pte.h>

#define P		(1ull << 0)
#define RW		(1ull << 1)
#define PWT		(1ull << 3)
#define PCD		(1ull << 4)
#define PS		(1ull << 7)
#define LARGE(frame)	((frame) | P | RW | PS)
#define FRAME_A		0x200000ull
#define FRAME_B		0x400000ull

/* A scratch directory entry and a table for it, or NULL (skipped). */
static u64 *scratch(struct ktest *t, u64 **table)
{
	u64 *pd;

	if (!IS_ENABLED(CONFIG_DEBUG_MMU)) {
		ktest_skip(t, "built without CONFIG_DEBUG_MMU");
		return NULL;
	}
	pd = page_alloc(1);
	*table = page_alloc(1);
	if (!pd || !*table) {
		ktest_skip(t, "no memory");
		return NULL;
	}
	pd[0] = 0;
	return pd;
}

/* The 4 KiB entries that map the large page at frame with attrs, as a split makes them. */
static u64 split_of(u64 *table, u64 frame, u64 attrs)
{
	unsigned int i;

	for (i = 0; i < 512; i++)
		table[i] = (frame + i * PAGE_SIZE) | attrs;
	return (uintptr_t)table | P | RW;
}

static void test_allowed_changes(struct ktest *t)
{
	u64 *table, *pd = scratch(t, &table);
	u64 before;

	if (!pd)
		return;
	before = mmu_debug_checked();
	pte_write(pd, LARGE(FRAME_A), 2, FRAME_A);		/* make */
	pte_write(pd, LARGE(FRAME_A) | PCD | PWT, 2, FRAME_A);	/* cache bits alone */
	pte_write(pd, split_of(table, FRAME_A, P | RW | PCD | PWT), 2, FRAME_A);
	pte_write(pd, 0, 2, FRAME_A);				/* break */
	pte_write(pd, LARGE(FRAME_B), 2, FRAME_A);		/* make elsewhere */
	KTEST_EXPECT_EQ(t, mmu_debug_checked() - before, 5);
	KTEST_EXPECT_EQ(t, pd[0], LARGE(FRAME_B));
	page_free(table, 1);
	page_free(pd, 1);
}

static void test_move_without_break(struct ktest *t)
{
	u64 *table, *pd = scratch(t, &table);

	if (!pd)
		return;
	pte_write(pd, LARGE(FRAME_A), 2, FRAME_A);
	pte_write(pd, LARGE(FRAME_B), 2, FRAME_A);
	ktest_log(t, "the checker let it through");
	t->failed = true;
}

static void test_split_dropping_attrs(struct ktest *t)
{
	u64 *table, *pd = scratch(t, &table);

	if (!pd)
		return;
	pte_write(pd, LARGE(FRAME_A) | PCD | PWT, 2, FRAME_A);
	pte_write(pd, split_of(table, FRAME_A, P | RW), 2, FRAME_A);
	ktest_log(t, "the checker let it through");
	t->failed = true;
}

KTEST_SUITE(x86_mmu, KTEST_CASE(test_allowed_changes));
KTEST_SUITE_EXPLICIT(x86_mmu_bbm, KTEST_CASE(test_move_without_break));
KTEST_SUITE_EXPLICIT(x86_mmu_bad_split, KTEST_CASE(test_split_dropping_attrs));
