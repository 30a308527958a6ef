/*
 * arch/x86_64/multiboot2.c on the host: the boot information GRUB builds
 * (command line, memory map, ACPI RSDP copies with their lengths) and
 * malformed ones. Each information sits in a malloc'ed buffer of exactly
 * its size, so ASan sees any read past it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include <sis/bootinfo.h>
#include <sis/errno.h>

#include "../../arch/x86_64/multiboot2.h"

/* A copy of the len bytes at p in a buffer of exactly that size. */
static u8 *exact(const void *p, size_t len)
{
	u8 *b = malloc(len);

	assert_non_null(b);
	memcpy(b, p, len);
	return b;
}

static void put32(u8 *p, u32 v)
{
	memcpy(p, &v, 4);
}

static void put64(u8 *p, u64 v)
{
	memcpy(p, &v, 8);
}

/* A well-formed information: cmdline, a two-entry memory map, an ACPI 2.0 RSDP tag. */
static size_t build_good(u8 *b)
{
	size_t off = 8;

	memset(b, 0, 256);
	put32(b + off, 1), put32(b + off + 4, 8 + 6), memcpy(b + off + 8, "ktest", 6);
	off += 16;
	put32(b + off, 6), put32(b + off + 4, 16 + 2 * 24), put32(b + off + 8, 24);
	put64(b + off + 16, 0), put64(b + off + 24, 0x9fc00), put32(b + off + 32, 1);
	put64(b + off + 40, 0x100000), put64(b + off + 48, 0x7ee0000), put32(b + off + 56, 1);
	off += 64;
	put32(b + off, 15), put32(b + off + 4, 8 + 36), memcpy(b + off + 8, "RSD PTR ", 8);
	off += 48;
	put32(b + off, 0), put32(b + off + 4, 8);
	off += 8;
	put32(b, (u32)off);
	return off;
}

static void test_good(void **state)
{
	u8 tmp[256], *b;
	size_t len = build_good(tmp);
	struct boot_info bi = { 0 };
	struct mb2_result res;

	b = exact(tmp, len);
	assert_int_equal(mb2_parse(b, len, &bi, &res), 0);
	assert_string_equal(bi.cmdline, "ktest");
	assert_int_equal(bi.nmem, 1);
	assert_int_equal(bi.mem[0].base, 0x100000);
	assert_int_equal(bi.mem[0].size, 0x7ee0000);
	assert_ptr_equal(res.rsdp_new, b + 96);
	assert_int_equal(res.rsdp_new_len, 36);
	assert_null(res.rsdp_old);
	assert_true(res.low_page >= 0x1000 && res.low_page < 0x9f000);
	free(b);
}

/*
 * An entry size of 0xffffffff: off + esize wrapped in 32 bits and the
 * 24-byte entries were read past the 16-byte tag and the information.
 * Now the bound holds in 64 bits: no entry, no RAM.
 */
static void test_mmap_entry_size_wrap(void **state)
{
	static const u32 mbi[8] = {
		0x20, 0, 6, 0x10, 0xffffffff, 0, 0, 8,
	};
	struct boot_info bi = { 0 };
	struct mb2_result res;
	u8 *b = exact(mbi, sizeof(mbi));

	assert_int_equal(mb2_parse(b, sizeof(mbi), &bi, &res), 0);
	assert_int_equal(bi.nmem, 0);
	free(b);
	/* 0xfffffff0 and an entry size larger than the tag: the same. */
	{
		u32 m2[8] = { 0x20, 0, 6, 0x10, 0xfffffff0, 0, 0, 8 };

		b = exact(m2, sizeof(m2));
		assert_int_equal(mb2_parse(b, sizeof(m2), &bi, &res), 0);
		assert_int_equal(bi.nmem, 0);
		free(b);
	}
}

/* The ACPI tags: their payload lengths travel with the pointers. */
static void test_rsdp_lengths(void **state)
{
	u8 tmp[64] = { 0 }, *b;
	struct boot_info bi = { 0 };
	struct mb2_result res;

	put32(tmp + 8, 14), put32(tmp + 12, 8 + 20);	/* an ACPI 1.0 copy: 20 bytes */
	memcpy(tmp + 16, "RSD PTR ", 8);
	put32(tmp + 40, 0), put32(tmp + 44, 8);
	put32(tmp, 48);
	b = exact(tmp, 48);
	assert_int_equal(mb2_parse(b, 48, &bi, &res), 0);
	assert_ptr_equal(res.rsdp_old, b + 16);
	assert_int_equal(res.rsdp_old_len, 20);
	assert_null(res.rsdp_new);
	free(b);
}

static void test_malformed(void **state)
{
	u8 tmp[256], *b;
	size_t len = build_good(tmp);
	struct boot_info bi = { 0 };
	struct mb2_result res;

	/* total size larger than what is readable */
	b = exact(tmp, len);
	assert_int_equal(mb2_parse(b, len - 8, &bi, &res), -ERANGE);
	/* a tag running past the total size */
	put32(b + 28, 0x1000);
	assert_int_equal(mb2_parse(b, len, &bi, &res), -EINVAL);
	free(b);
	/* no end tag */
	len = build_good(tmp);
	put32(tmp, (u32)len - 8);
	b = exact(tmp, len - 8);
	assert_int_equal(mb2_parse(b, len - 8, &bi, &res), -EINVAL);
	free(b);
	/* too small to hold anything */
	b = exact(tmp, 8);
	assert_int_equal(mb2_parse(b, 8, &bi, &res), -ERANGE);
	free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_mmap_entry_size_wrap),
		cmocka_unit_test(test_rsdp_lengths),
		cmocka_unit_test(test_malformed),
	};

	return cmocka_run_group_tests_name("multiboot2", tests, NULL, NULL);
}
