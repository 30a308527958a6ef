/* lib/idlist.c: id lists with ranges, cut whole with "..." when long. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include <sis/idlist.h>

#include "host.h"

static void test_ranges(void **state)
{
	const u64 four[] = { 0, 1, 2, 3 };
	const u64 mixed[] = { 0, 1, 2, 3, 8, 10, 11 };
	const u64 pi5[] = { 0x0, 0x100, 0x200, 0x300 };
	const u64 one[] = { 7 };
	char buf[128];

	idlist_format(buf, sizeof(buf), four, 4, "%llu");
	assert_string_equal(buf, "0-3");
	idlist_format(buf, sizeof(buf), mixed, 7, "%llu");
	assert_string_equal(buf, "0-3,8,10-11");
	idlist_format(buf, sizeof(buf), pi5, 4, "0x%llx");
	assert_string_equal(buf, "0x0,0x100,0x200,0x300");
	idlist_format(buf, sizeof(buf), one, 1, "%llu");
	assert_string_equal(buf, "7");
	assert_int_equal(idlist_format(buf, sizeof(buf), one, 0, "%llu"), 0);
	assert_string_equal(buf, "");
}

static void test_two_hundred(void **state)
{
	u64 ids[200];
	char buf[64];
	unsigned int i;

	for (i = 0; i < 200; i++)
		ids[i] = i;
	idlist_format(buf, sizeof(buf), ids, 200, "%llu");
	assert_string_equal(buf, "0-199");
}

static void test_cut_whole(void **state)
{
	u64 ids[100];
	char buf[32];
	size_t len;
	unsigned int i;

	for (i = 0; i < 100; i++)
		ids[i] = i * 2;		/* no ranges: 0,2,4,... */
	len = idlist_format(buf, sizeof(buf), ids, 100, "%llu");
	assert_int_equal(len, strlen(buf));
	assert_true(len < sizeof(buf));
	assert_string_equal(buf + len - 3, "...");
	/* Cut after a whole entry: the text before "..." is a prefix of the full list. */
	assert_memory_equal(buf, "0,2,4,6,8,10,12,14,16,18,20,22,24", len - 3);
}

static void test_tiny_buffer(void **state)
{
	const u64 four[] = { 0, 1, 2, 3 };
	char buf[4];

	assert_int_equal(idlist_format(buf, sizeof(buf), four, 4, "%llu"), 3);
	assert_string_equal(buf, "0-3");
	assert_int_equal(idlist_format(buf, 3, four, 4, "%llu"), 0);
	assert_string_equal(buf, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ranges),
		cmocka_unit_test(test_two_hundred),
		cmocka_unit_test(test_cut_whole),
		cmocka_unit_test(test_tiny_buffer),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
