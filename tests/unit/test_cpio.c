/*
 * kernel/user/initramfs.c: finding files in a cpio "newc" archive, as
 * scripts/mkcpio.py writes it. Files are found by path (with or without
 * the leading '/'), their data exact; a damaged archive (bad magic,
 * fields that are not hex, a name or data running past the end, a name
 * without its NUL, no trailer, cut anywhere) ends the walk: the file is
 * not found, and no read leaves the archive (each sits in a malloc'ed
 * buffer of exactly its size, so ASan sees any overrun).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sis/compiler.h>
#include <sis/errno.h>
#include <sis/types.h>

#include "host.h"

int cpio_find(const void *archive, size_t total, const char *path, const void **data,
	      size_t *size);

/* initramfs.c's own archive, unused here. */
const char __initramfs_start[1], __initramfs_end[1];

struct archive {
	char buf[4096];
	size_t len;
};

static void pad4(struct archive *a)
{
	while (a->len % 4)
		a->buf[a->len++] = 0;
}

/* One entry as mkcpio.py writes it; namesize counts the NUL. */
static void add(struct archive *a, const char *name, const char *data, size_t n)
{
	a->len += (size_t)sprintf(a->buf + a->len,
				  "070701%08x%08x%08x%08x%08x%08x%08zx%08x%08x%08x%08x%08zx%08x",
				  1, 0100755, 0, 0, 1, 0, n, 0, 0, 0, 0, strlen(name) + 1, 0);
	memcpy(a->buf + a->len, name, strlen(name) + 1);
	a->len += strlen(name) + 1;
	pad4(a);
	memcpy(a->buf + a->len, data, n);
	a->len += n;
	pad4(a);
}

static struct archive sample(void)
{
	struct archive a = { .len = 0 };

	add(&a, "bin", "", 0);
	add(&a, "bin/hello", "HELLO", 5);
	add(&a, "bin/x", "0123456789", 10);
	add(&a, "TRAILER!!!", "", 0);
	return a;
}

/* Look path up in a copy of the first n bytes of a, in a buffer of exactly n. */
static int find(const struct archive *a, size_t n, const char *path, char *out, size_t *size)
{
	char *buf = malloc(n ? n : 1);
	const void *data = NULL;
	int err;

	assert_non_null(buf);
	memcpy(buf, a->buf, n);
	err = cpio_find(buf, n, path, &data, size);
	if (!err)
		memcpy(out, data, *size);
	free(buf);
	return err;
}

static void test_files_found(void **state)
{
	struct archive a = sample();
	char out[64];
	size_t size = 0;

	assert_int_equal(find(&a, a.len, "/bin/hello", out, &size), 0);
	assert_int_equal(size, 5);
	assert_memory_equal(out, "HELLO", 5);
	assert_int_equal(find(&a, a.len, "bin/x", out, &size), 0);
	assert_int_equal(size, 10);
	assert_memory_equal(out, "0123456789", 10);
	assert_int_equal(find(&a, a.len, "/bin/nosuch", out, &size), -ENOENT);
	assert_int_equal(find(&a, a.len, "/bin/hell", out, &size), -ENOENT);
	assert_int_equal(find(&a, a.len, "TRAILER!!!", out, &size), -ENOENT);
}

/* Cut anywhere: what lies wholly before the cut may be found, nothing else; no overrun. */
static void test_cut_anywhere(void **state)
{
	struct archive a = sample();
	char out[64];
	size_t n, size;

	for (n = 0; n <= a.len; n++) {
		int err = find(&a, n, "/bin/x", out, &size);

		assert_true(err == -ENOENT || (err == 0 && size == 10));
	}
	/* Cut two bytes before the end of /bin/x's data (368 of 496): not found. */
	assert_int_equal(find(&a, a.len - 112 - 12 - 4, "/bin/x", out, &size), -ENOENT);
}

static void test_damage_ends_the_walk(void **state)
{
	char out[64];
	size_t size;
	unsigned int i;

	for (i = 0; i < 5; i++) {
		struct archive a = sample();
		char *second = a.buf + 112 + 4;	/* "bin" entry: header + name, padded */

		switch (i) {
		case 0: second[0] = '1'; break;			/* magic */
		case 1: second[6 + 8 * 6] = 'g'; break;		/* filesize not hex */
		case 2: memcpy(second + 6 + 8 * 6, "7fffffff", 8); break;	/* data past the end */
		case 3: memcpy(second + 6 + 8 * 11, "7fffffff", 8); break;	/* name past the end */
		case 4: memcpy(second + 6 + 8 * 11, "00000004", 8); break;	/* name without NUL */
		}
		if (find(&a, a.len, "/bin/x", out, &size) != -ENOENT)
			fail_msg("damage %u: the walk went on past it", i);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_files_found),
		cmocka_unit_test(test_cut_anywhere),
		cmocka_unit_test(test_damage_ends_the_walk),
	};

	return cmocka_run_group_tests_name("cpio", tests, NULL, NULL);
}
