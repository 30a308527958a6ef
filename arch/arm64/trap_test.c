/*
 * Exception tests, run only when named ("ktest=arm64_page_fault" etc.):
 * each ends in a panic whose report the boot matrix checks.
 *
 *   arm64_page_fault   a write to page 0, never mapped: data abort, FAR
 *   arm64_stack_guard  a read of a fresh stack's guard page, below it in
 *                      the stack area: data abort named as such
 *
 * A runaway recursion is not tested: the exception frame would go onto
 * the overflowed stack (no separate exception stack yet, docs/boards/rpi5.md).
 */
#include <sis/compiler.h>
#include <sis/ktest.h>
#include <sis/mm.h>

#define STACK_SIZE	(16 * 1024)

/* Through a variable, so that the compiler sees no constant null-page access. */
static volatile uintptr_t page0_addr = 0x10;

static void test_page_fault(struct ktest *t)
{
	WRITE_ONCE(*(volatile u64 *)page0_addr, 1);
	ktest_log(t, "the write did not fault");
	t->failed = true;
}

static void test_stack_guard(struct ktest *t)
{
	char *top = stack_alloc(STACK_SIZE);
	volatile char *guard;

	if (!top) {
		ktest_skip(t, "no memory for a stack");
		return;
	}
	guard = top - STACK_SIZE - PAGE_SIZE;
	ktest_log(t, "reading guard page %p", (const volatile void *)guard);
	(void)*guard;
	ktest_log(t, "the guard page is mapped");
	t->failed = true;
}

KTEST_SUITE_EXPLICIT(arm64_page_fault, KTEST_CASE(test_page_fault));
KTEST_SUITE_EXPLICIT(arm64_stack_guard, KTEST_CASE(test_stack_guard));
