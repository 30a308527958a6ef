/*
 * The translation tables once the MMU is on (mmu.c): stacks in the stack
 * area page by page with a guard below each, a live block never split.
 */
#include <sis/errno.h>
#include <sis/ktest.h>
#include <sis/mm.h>
#include <asm/boot.h>

#define STACK_PAGES	4

/* Each page of a stack mapped at level 3, the page below it not mapped. */
static void test_stack_area_pages(struct ktest *t)
{
	char *a = stack_alloc(STACK_PAGES * PAGE_SIZE), *b = stack_alloc(STACK_PAGES * PAGE_SIZE);
	uintptr_t va, guard;
	int level;

	if (!a || !b) {
		ktest_skip(t, "no memory for two stacks");
		return;
	}
	guard = (uintptr_t)a - (STACK_PAGES + 1) * PAGE_SIZE;
	KTEST_EXPECT(t, arm64_in_stack_area(guard));
	for (va = guard + PAGE_SIZE; va < (uintptr_t)a; va += PAGE_SIZE) {
		KTEST_EXPECT(t, mmu_lookup(va, &level) != 0);
		KTEST_EXPECT_EQ(t, level, 3);
	}
	KTEST_EXPECT_EQ(t, mmu_lookup(guard, &level), 0);
	KTEST_EXPECT_EQ(t, level, -1);
	/* The next stack starts above a guard of its own: the two never touch. */
	KTEST_EXPECT(t, (uintptr_t)b - STACK_PAGES * PAGE_SIZE >= (uintptr_t)a + PAGE_SIZE);
	KTEST_EXPECT_EQ(t, mmu_lookup((uintptr_t)b - (STACK_PAGES + 1) * PAGE_SIZE, &level), 0);
}

#define BLOCK_2M	(2ul << 20)

/* A page inside a block of the identity map cannot be remapped on its own while live. */
static void test_live_split_refused(struct ktest *t)
{
	char *run = page_alloc(2 * BLOCK_2M / PAGE_SIZE);
	uintptr_t p = ALIGN_UP((uintptr_t)run, BLOCK_2M);	/* a whole 2 MiB of RAM we own */
	u64 before, after;
	int level, level_after;

	if (!run) {
		ktest_skip(t, "no memory");
		return;
	}
	before = mmu_lookup(p, &level);
	if (level == 3) {
		ktest_skip(t, "the page lies in a range split at boot");
	} else {
		KTEST_EXPECT_EQ(t, mmu_map(p, PAGE_SIZE, false), -EBUSY);
		after = mmu_lookup(p, &level_after);
		KTEST_EXPECT_EQ(t, after, before);
		KTEST_EXPECT_EQ(t, level_after, level);
	}
	page_free(run, 2 * BLOCK_2M / PAGE_SIZE);
}

KTEST_SUITE(arm64_mmu,
	KTEST_CASE(test_stack_area_pages),
	KTEST_CASE(test_live_split_refused));
