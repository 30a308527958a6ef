/*
 * kernel/mm: the page allocator and heap over a fake RAM made of host
 * memory, with reserved ranges; misuse panics.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include <sis/mm.h>

#include "host.h"

#define RAM_PAGES 256

static char *ram;

int arch_guard_page(void *page)
{
	return -1;
}

static int setup(void **state)
{
	struct boot_info bi = { .cmdline = "" };
	uintptr_t base;

	ram = aligned_alloc(PAGE_SIZE, RAM_PAGES * PAGE_SIZE);
	base = (uintptr_t)ram;
	bootinfo_add_mem(&bi, base, 200 * PAGE_SIZE);
	bootinfo_add_mem(&bi, base + 210 * PAGE_SIZE, 46 * PAGE_SIZE);
	/* A reserved range with unaligned edges takes its whole pages. */
	bootinfo_add_reserved(&bi, base + 10 * PAGE_SIZE + 100, 2 * PAGE_SIZE);
	mm_init(&bi);
	return 0;
}

static void test_counts(void **state)
{
	/* 246 RAM pages - 3 reserved - 1 bitmap page. */
	assert_int_equal(page_free_count(), 242);
}

static void test_alloc_contiguous_and_free(void **state)
{
	size_t before = page_free_count();
	char *p = page_alloc(20), *q;
	uintptr_t r = (uintptr_t)ram;

	assert_non_null(p);
	assert_int_equal((uintptr_t)p % PAGE_SIZE, 0);
	/* Never inside the reserved pages 10..12 or the hole 200..209. */
	for (q = p; q < p + 20 * PAGE_SIZE; q += PAGE_SIZE) {
		assert_false((uintptr_t)q >= r + 10 * PAGE_SIZE && (uintptr_t)q < r + 13 * PAGE_SIZE);
		assert_false((uintptr_t)q >= r + 200 * PAGE_SIZE && (uintptr_t)q < r + 210 * PAGE_SIZE);
	}
	memset(p, 0xab, 20 * PAGE_SIZE);
	assert_int_equal(page_free_count(), before - 20);
	page_free(p, 20);
	assert_int_equal(page_free_count(), before);
	assert_null(page_alloc(190));	/* the longest free run is 187 pages */
}

static void test_alloc_below(void **state)
{
	uintptr_t limit = (uintptr_t)ram + 40 * PAGE_SIZE;
	char *p = page_alloc_below(2, limit);

	assert_non_null(p);
	assert_true((uintptr_t)p + 2 * PAGE_SIZE <= limit);
	page_free(p, 2);
	assert_null(page_alloc_below(1, (uintptr_t)ram));
}

static void test_alloc_range(void **state)
{
	uintptr_t r = (uintptr_t)ram;
	char *p = page_alloc_range(3, r + 205 * PAGE_SIZE, r + 230 * PAGE_SIZE);

	/* The hole 200..209 is skipped: the run starts at page 210 at the earliest. */
	assert_non_null(p);
	assert_true((uintptr_t)p >= r + 210 * PAGE_SIZE);
	assert_true((uintptr_t)p + 3 * PAGE_SIZE <= r + 230 * PAGE_SIZE);
	page_free(p, 3);
	/* An unaligned minimum rounds up to the next page. */
	p = page_alloc_range(1, r + 220 * PAGE_SIZE + 1, ~0ull);
	assert_non_null(p);
	assert_true((uintptr_t)p >= r + 221 * PAGE_SIZE);
	page_free(p, 1);
	assert_null(page_alloc_range(1, r + 256 * PAGE_SIZE, ~0ull));	/* above all RAM */
	/* the hole */
	assert_null(page_alloc_range(1, r + 200 * PAGE_SIZE, r + 210 * PAGE_SIZE));
	assert_null(page_alloc_range(30, r + 210 * PAGE_SIZE, r + 230 * PAGE_SIZE));
	assert_int_equal(page_phys_end(), r + 256 * PAGE_SIZE);
}

/* Three nodes: pages 0-99, 100-199 and 210-255 (the hole between is no node's). */
static void test_alloc_node(void **state)
{
	uintptr_t r = (uintptr_t)ram;
	char *a, *b, *c, *d, *e;

	page_node_range(r, 100 * PAGE_SIZE, 0);
	page_node_range(r + 100 * PAGE_SIZE, 100 * PAGE_SIZE, 1);
	page_node_range(r + 210 * PAGE_SIZE, 46 * PAGE_SIZE, 2);
	assert_int_equal(page_node(ram + 5 * PAGE_SIZE), 0);
	assert_int_equal(page_node(ram + 150 * PAGE_SIZE), 1);
	assert_int_equal(page_node(ram + 205 * PAGE_SIZE), PAGE_NO_NODE);
	a = page_alloc_node(3, 2);
	assert_non_null(a);
	assert_true((uintptr_t)a >= r + 210 * PAGE_SIZE);
	assert_int_equal(page_node(a + 2 * PAGE_SIZE), 2);
	b = page_alloc_node(1, 1);
	assert_int_equal(page_node(b), 1);
	/* Node 2's last 43 pages, then none: the next page comes from elsewhere, counted. */
	c = page_alloc_node(43, 2);
	assert_non_null(c);
	assert_int_equal(page_node(c), 2);
	assert_int_equal(page_node_fallbacks(), 0);
	d = page_alloc_node(1, 2);
	assert_non_null(d);
	assert_int_not_equal(page_node(d), 2);
	assert_int_equal(page_node_fallbacks(), 1);
	/* A node without ranges, or none named: any page, not a fallback. */
	e = page_alloc_node(1, 7);
	assert_non_null(e);
	page_free(e, 1);
	e = page_alloc_node(1, PAGE_NO_NODE);
	assert_non_null(e);
	assert_int_equal(page_node_fallbacks(), 1);
	page_free(e, 1);
	page_free(d, 1);
	page_free(c, 43);
	page_free(b, 1);
	page_free(a, 3);
	/* Freed pages are the node's again. */
	a = page_alloc_node(46, 2);
	assert_non_null(a);
	page_free(a, 46);
}

static void test_double_free_panics(void **state)
{
	char *p = page_alloc(1);

	page_free(p, 1);
	host_expect_panic = true;
	if (!setjmp(host_panic_jmp)) {
		page_free(p, 1);
		fail_msg("double page_free did not panic");
	}
	assert_non_null(strstr(host_panic_msg, "double free"));
}

static void test_heap(void **state)
{
	void *a[64];
	int i;

	for (i = 0; i < 64; i++) {
		a[i] = kmalloc(1 + i * 37);
		assert_non_null(a[i]);
		assert_int_equal((uintptr_t)a[i] % 16, 0);
		memset(a[i], i, 1 + i * 37);
	}
	for (i = 0; i < 64; i++)
		kfree(a[i]);
	a[0] = kzalloc(10000);		/* a page run */
	assert_non_null(a[0]);
	assert_int_equal(((char *)a[0])[9999], 0);
	kfree(a[0]);
	assert_null(kmalloc(0));
}

static void test_heap_double_free_panics(void **state)
{
	void *p = kmalloc(40);

	kfree(p);
	host_expect_panic = true;
	if (!setjmp(host_panic_jmp)) {
		kfree(p);
		fail_msg("double kfree did not panic");
	}
	assert_non_null(strstr(host_panic_msg, "double free"));
}

static void test_no_memory_panics(void **state)
{
	struct boot_info bi = { .cmdline = "" };

	host_expect_panic = true;
	if (!setjmp(host_panic_jmp)) {
		mm_init(&bi);
		fail_msg("mm_init without memory did not panic");
	}
	assert_non_null(strstr(host_panic_msg, "no usable memory"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_counts),
		cmocka_unit_test(test_alloc_contiguous_and_free),
		cmocka_unit_test(test_alloc_below),
		cmocka_unit_test(test_alloc_range),
		cmocka_unit_test(test_alloc_node),
		cmocka_unit_test(test_double_free_panics),
		cmocka_unit_test(test_heap),
		cmocka_unit_test(test_heap_double_free_panics),
		cmocka_unit_test(test_no_memory_panics),
	};

	return cmocka_run_group_tests_name("mm", tests, setup, NULL);
}
