/*
 * Exception tests, run only when named ("ktest=x86_page_fault" etc.):
 * each ends in a panic whose report the boot matrix checks.
 *
 *   x86_page_fault   a write to an address no RAM reaches: #PF with CR2
 *   x86_stack_guard  a read of a fresh stack's guard page: #PF
 *   x86_stack_overflow  runaway recursion on CPU 1: the #PF on the guard
 *                    page cannot push its frame, so #DF on the IST stack
 */
#include <sis/compiler.h>
#include <sis/ipi.h>
#include <sis/ktest.h>
#include <sis/mm.h>
#include <sis/percpu.h>
#include <sis/smp.h>

/* Near the top of the lower half, where no RAM or device is: never mapped. */
#define UNMAPPED_ADDR	0x7fff00000000ull
#define STACK_SIZE	(16 * 1024)

static void test_page_fault(struct ktest *t)
{
	WRITE_ONCE(*(volatile u64 *)(uintptr_t)UNMAPPED_ADDR, 1);
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

static __attribute__((noinline)) unsigned long recurse(unsigned long depth)
{
	volatile char frame[256];

	frame[0] = (char)depth;
	if (depth > (1ul << 40))	/* never: keeps GCC from calling it infinite */
		return 0;
	return recurse(depth + 1) + frame[0];
}

static void overflow(void *arg)
{
	*(unsigned long *)arg = recurse(0);
}

static void test_stack_overflow(struct ktest *t)
{
	unsigned long sink = 0;

	if (num_online_cpus() < 2) {
		ktest_skip(t, "needs a second CPU");
		return;
	}
	smp_call_function_single(1, overflow, &sink, true);
	ktest_log(t, "CPU 1 came back from a runaway recursion");
	t->failed = true;
}

KTEST_SUITE_EXPLICIT(x86_page_fault, KTEST_CASE(test_page_fault));
KTEST_SUITE_EXPLICIT(x86_stack_guard, KTEST_CASE(test_stack_guard));
KTEST_SUITE_EXPLICIT(x86_stack_overflow, KTEST_CASE(test_stack_overflow));
