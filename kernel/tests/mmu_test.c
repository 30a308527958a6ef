/*
 * Kernel stacks and the page-table checks, on either arch: a stack is
 * usable over its whole size, two stacks never overlap, and with
 * CONFIG_DEBUG_MMU the arch's live page-table writes go through the
 * break-before-make check (include/sis/pte.h).
 */
#include <sis/ktest.h>
#include <sis/mm.h>
#include <sis/pte.h>

#define STACK_PAGES	4
#define STACK_BYTES	(STACK_PAGES * PAGE_SIZE)

static void fill(volatile u8 *p, size_t n, u8 seed)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = (u8)(seed + i);
}

static bool holds(const volatile u8 *p, size_t n, u8 seed)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] != (u8)(seed + i))
			return false;
	return true;
}

/* Every byte of two fresh stacks written and read back: mapped, and apart. */
static void test_stack_usable(struct ktest *t)
{
	u8 *a = stack_alloc(STACK_BYTES), *b = stack_alloc(STACK_BYTES);

	if (!a || !b) {
		ktest_skip(t, "no memory for two stacks");
		return;
	}
	KTEST_EXPECT(t, a - STACK_BYTES >= b || b - STACK_BYTES >= a);
	fill(a - STACK_BYTES, STACK_BYTES, 1);
	fill(b - STACK_BYTES, STACK_BYTES, 2);
	KTEST_EXPECT(t, holds(a - STACK_BYTES, STACK_BYTES, 1));
	KTEST_EXPECT(t, holds(b - STACK_BYTES, STACK_BYTES, 2));
}

/* Making a stack and its guard writes live entries: each one is checked. */
static void test_checked_writes(struct ktest *t)
{
	u64 before;

	if (!IS_ENABLED(CONFIG_DEBUG_MMU)) {
		ktest_skip(t, "built without CONFIG_DEBUG_MMU");
		return;
	}
	before = mmu_debug_checked();
	if (!stack_alloc(STACK_BYTES)) {
		ktest_skip(t, "no memory for a stack");
		return;
	}
	ktest_log(t, "%llu entry writes checked by this stack_alloc",
		  (unsigned long long)(mmu_debug_checked() - before));
	KTEST_EXPECT(t, mmu_debug_checked() > before);
}

KTEST_SUITE(mmu,
	KTEST_CASE(test_stack_usable),
	KTEST_CASE(test_checked_writes));
