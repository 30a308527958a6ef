/*
 * The translation tables once the MMU is on (mmu.c): stacks in the stack
 * area page by page with a guard below each, a live block never split,
 * and (explicit: it ends in a panic) the break-before-make checker
 * stopping a live valid-to-valid change.
 */
#include <sis/errno.h>
#include <sis/ktest.h>
#include <sis/mm.h>
#include <sis/pte.h>
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

/* Remap a live stack page to another page without unmapping it first. */
static void test_remap_without_break(struct ktest *t)
{
	char *top;
	void *other;

	if (!IS_ENABLED(CONFIG_DEBUG_MMU)) {
		ktest_skip(t, "built without CONFIG_DEBUG_MMU: the change would really be made");
		return;
	}
	top = stack_alloc(STACK_PAGES * PAGE_SIZE);
	other = page_alloc(1);
	if (!top || !other) {
		ktest_skip(t, "no memory");
		return;
	}
	ktest_log(t, "remapping %p without break-before-make", (void *)(top - PAGE_SIZE));
	mmu_map_at((uintptr_t)top - PAGE_SIZE, (uintptr_t)other, PAGE_SIZE, true);
	ktest_log(t, "the checker let it through");
	t->failed = true;
}

KTEST_SUITE(arm64_mmu,
	KTEST_CASE(test_stack_area_pages),
	KTEST_CASE(test_live_split_refused));
KTEST_SUITE_EXPLICIT(arm64_mmu_bbm, KTEST_CASE(test_remap_without_break));
