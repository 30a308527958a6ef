/*
 * drivers/firmware/acpi-tables.c: the FADT, the HPET table and the \_S5
 * package of a DSDT, on QEMU q35's own tables (tests/unit/data, dumped
 * from a boot) and on tables built byte by byte: ACPI 1.0 and 2.0 FADTs,
 * every integer form and PkgLength size an ASL compiler emits, and
 * truncated and garbage tables. Every parse runs on a malloc'ed buffer of
 * exactly the length it is given, so ASan reports any read past it; bad
 * input must come back as an error, never as a value.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sis/acpi_tables.h>
#include <sis/compiler.h>
#include <sis/errno.h>

#include "host.h"

struct blob {
	u8 *b;
	u32 len;
};

static void put32(u8 *p, u32 v) { memcpy(p, &v, 4); }
static void put64(u8 *p, u64 v) { memcpy(p, &v, 8); }

static struct blob load(const char *name)
{
	char path[512];
	struct blob b = { malloc(1 << 16), 0 };
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", UNIT_DATA, name);
	fp = fopen(path, "rb");
	assert_non_null(fp);
	b.len = (u32)fread(b.b, 1, 1 << 16, fp);
	fclose(fp);
	assert_true(b.len >= ACPI_SDT_HEADER_SIZE);
	return b;
}

/* The first n bytes of src in a buffer of exactly n bytes. */
static u8 *exact(const u8 *src, u32 n)
{
	u8 *p = malloc(n ? n : 1);

	assert_non_null(p);
	memcpy(p, src, n);
	return p;
}

/* An SDT of len bytes, signature sig, fields zero; no checksum: parsers take checked tables. */
static u8 *sdt(const char *sig, u32 len, u8 rev)
{
	u8 *t = calloc(1, len);

	memcpy(t, sig, 4);
	put32(t + 4, len);
	t[8] = rev;
	return t;
}

static void test_fadt_qemu(void **state)
{
	struct blob f = load("qemu-q35-facp.bin");
	struct acpi_fadt_info fi;
	u32 len;

	assert_int_equal(acpi_sdt_check(f.b, f.len, ACPI_SIG_FADT, &len), 0);
	assert_int_equal(acpi_fadt_parse(f.b, len, &fi), 0);
	assert_int_equal(fi.revision, 3);
	assert_int_equal(fi.dsdt, 0x1ffe0040);
	assert_int_equal(fi.smi_cmd, 0xb2);
	assert_int_equal(fi.acpi_enable, 2);
	assert_int_equal(fi.pm1a_cnt.space, ACPI_GAS_IO);
	assert_int_equal(fi.pm1a_cnt.addr, 0x604);
	assert_int_equal(fi.pm1a_cnt.bit_width, 16);
	assert_int_equal(fi.pm1b_cnt.addr, 0);
	assert_int_equal(fi.pm_tmr.space, ACPI_GAS_IO);
	assert_int_equal(fi.pm_tmr.addr, 0x608);
	assert_false(fi.flags & ACPI_FADT_TMR_VAL_EXT);	/* a 24-bit PM timer */
	assert_true(fi.flags & ACPI_FADT_RESET_REG_SUP);
	assert_int_equal(fi.reset_reg.space, ACPI_GAS_IO);
	assert_int_equal(fi.reset_reg.addr, 0xcf9);
	assert_int_equal(fi.reset_value, 0x0f);
	assert_false(fi.s5_valid);
	free(f.b);
}

/* An ACPI 1.0 FADT: 116 bytes, 32-bit fields only, no reset register. */
static void test_fadt_v1(void **state)
{
	u8 *t = sdt(ACPI_SIG_FADT, 116, 1);
	struct acpi_fadt_info fi;

	put32(t + 40, 0x7fe0000);	/* DSDT */
	put32(t + 64, 0x404);		/* PM1a_CNT_BLK */
	put32(t + 68, 0x408);		/* PM1b_CNT_BLK */
	put32(t + 76, 0x40c);		/* PM_TMR_BLK */
	t[89] = 2;			/* PM1_CNT_LEN */
	t[91] = 4;			/* PM_TMR_LEN */
	put32(t + 112, ACPI_FADT_TMR_VAL_EXT);
	assert_int_equal(acpi_fadt_parse(t, 116, &fi), 0);
	assert_int_equal(fi.dsdt, 0x7fe0000);
	assert_int_equal(fi.pm1a_cnt.addr, 0x404);
	assert_int_equal(fi.pm1a_cnt.bit_width, 16);
	assert_int_equal(fi.pm1b_cnt.addr, 0x408);
	assert_int_equal(fi.pm_tmr.addr, 0x40c);
	assert_true(fi.flags & ACPI_FADT_TMR_VAL_EXT);
	assert_int_equal(fi.reset_reg.addr, 0);
	/* PM_TMR_LEN 0: no PM timer, whatever PM_TMR_BLK says. */
	t[91] = 0;
	assert_int_equal(acpi_fadt_parse(t, 116, &fi), 0);
	assert_int_equal(fi.pm_tmr.addr, 0);
	free(t);
}

/* X_ fields win when set; a zero X_ field falls back to the 32-bit one. */
static void test_fadt_x_fields(void **state)
{
	u8 *t = sdt(ACPI_SIG_FADT, 244, 5);
	struct acpi_fadt_info fi;
	u8 gas[12] = { ACPI_GAS_MEMORY, 32, 0, 3 };

	put32(t + 40, 0x1000);
	put64(t + 140, 0x123456789000ull);	/* X_DSDT above 4 GiB */
	put32(t + 64, 0x404);
	t[89] = 2;
	put32(t + 76, 0x40c);
	t[91] = 4;
	put64(gas + 4, 0xfe000060);
	memcpy(t + 208, gas, 12);		/* X_PM_TMR_BLK in memory */
	assert_int_equal(acpi_fadt_parse(t, 244, &fi), 0);
	assert_int_equal(fi.dsdt, 0x123456789000ull);
	assert_int_equal(fi.pm1a_cnt.space, ACPI_GAS_IO);
	assert_int_equal(fi.pm1a_cnt.addr, 0x404);
	assert_int_equal(fi.pm_tmr.space, ACPI_GAS_MEMORY);
	assert_int_equal(fi.pm_tmr.addr, 0xfe000060);
	free(t);
}

static void test_fadt_truncated(void **state)
{
	struct blob f = load("qemu-q35-facp.bin");
	struct acpi_fadt_info fi;
	u32 n;

	for (n = 0; n < 116; n++) {
		u8 *p = exact(f.b, n);

		assert_int_not_equal(acpi_fadt_parse(p, n, &fi), 0);
		free(p);
	}
	/* From 116 bytes on, every length parses, taking only what is there. */
	for (n = 116; n <= f.len; n++) {
		u8 *p = exact(f.b, n);

		assert_int_equal(acpi_fadt_parse(p, n, &fi), 0);
		assert_int_equal(fi.pm1a_cnt.addr, 0x604);
		assert_int_equal(fi.reset_reg.addr, n >= 129 ? 0xcf9 : 0);
		free(p);
	}
	f.b[0] = 'X';
	assert_int_equal(acpi_fadt_parse(f.b, f.len, &fi), -EINVAL);
	free(f.b);
}

static void test_hpet_qemu(void **state)
{
	struct blob h = load("qemu-q35-hpet.bin");
	struct acpi_hpet_info hi;
	u32 len, n;

	assert_int_equal(acpi_sdt_check(h.b, h.len, ACPI_SIG_HPET, &len), 0);
	assert_int_equal(acpi_hpet_parse(h.b, len, &hi), 0);
	assert_int_equal(hi.base.space, ACPI_GAS_MEMORY);
	assert_int_equal(hi.base.addr, 0xfed00000);
	assert_int_equal(hi.block_id, 0x8086a201);
	for (n = 0; n < len; n++) {
		u8 *p = exact(h.b, n);

		assert_int_not_equal(acpi_hpet_parse(p, n, &hi), 0);
		free(p);
	}
	h.b[40] = ACPI_GAS_IO;			/* an HPET in I/O space is no HPET */
	assert_int_equal(acpi_hpet_parse(h.b, len, &hi), -EINVAL);
	h.b[40] = ACPI_GAS_MEMORY;
	memset(h.b + 44, 0, 8);			/* nor one at address 0 */
	assert_int_equal(acpi_hpet_parse(h.b, len, &hi), -EINVAL);
	free(h.b);
}

static void test_s5_qemu(void **state)
{
	struct blob d = load("qemu-q35-dsdt.bin");
	u8 a = 9, b = 9;
	u32 len;

	assert_int_equal(acpi_sdt_check(d.b, d.len, ACPI_SIG_DSDT, &len), 0);
	/* QEMU: Name (_S5, Package (0x04) { Zero, Zero, Zero, Zero }): S5 is type 0. */
	assert_int_equal(acpi_s5_parse(d.b, len, &a, &b), 0);
	assert_int_equal(a, 0);
	assert_int_equal(b, 0);
	free(d.b);
}

/* A DSDT holding aml (n bytes) after its header. */
static struct blob dsdt(const u8 *aml, u32 n)
{
	struct blob d = { sdt(ACPI_SIG_DSDT, ACPI_SDT_HEADER_SIZE + n, 2),
			  ACPI_SDT_HEADER_SIZE + n };

	if (n)
		memcpy(d.b + ACPI_SDT_HEADER_SIZE, aml, n);
	return d;
}

static int s5_of(const u8 *aml, u32 n, u8 *a, u8 *b)
{
	struct blob d = dsdt(aml, n);
	int err = acpi_s5_parse(d.b, d.len, a, b);

	free(d.b);
	return err;
}

/* The forms ASL compilers emit: root prefix, BytePrefix, long PkgLength, one element. */
static void test_s5_forms(void **state)
{
	static const u8 root_bytes[] = { 0x10, 0x08, 0x08, '\\', '_', 'S', '5', '_',
					 0x12, 0x08, 0x04, 0x0a, 0x07, 0x0a, 0x05, 0x00, 0x00 };
	static const u8 words[] = { 0x08, '_', 'S', '5', '_', 0x12, 0x0a, 0x02,
				    0x0b, 0x06, 0x00, 0x0c, 0x03, 0x00, 0x00, 0x00 };
	static const u8 long_len[] = { 0x08, '_', 'S', '5', '_', 0x12, 0x47, 0x00, 0x04,
				       0x01, 0x0a, 0x02, 0x00, 0x00 };
	static const u8 one[] = { 0x08, '_', 'S', '5', '_', 0x12, 0x04, 0x01, 0x0a, 0x06 };
	static const u8 qword[] = { 0x08, '_', 'S', '5', '_', 0x12, 0x14, 0x02,
				    0x0e, 5, 0, 0, 0, 0, 0, 0, 0, 0x0e, 4, 0, 0, 0, 0, 0, 0, 0 };
	u8 a, b;

	assert_int_equal(s5_of(root_bytes, sizeof(root_bytes), &a, &b), 0);
	assert_int_equal(a, 7);
	assert_int_equal(b, 5);
	assert_int_equal(s5_of(words, sizeof(words), &a, &b), 0);
	assert_int_equal(a, 6);
	assert_int_equal(b, 3);
	/* PkgLength 0x47 0x00: two bytes, length 7; a byte after the package. */
	assert_int_equal(s5_of(long_len, sizeof(long_len), &a, &b), 0);
	assert_int_equal(a, 1);
	assert_int_equal(b, 2);
	assert_int_equal(s5_of(one, sizeof(one), &a, &b), 0);
	assert_int_equal(a, 6);
	assert_int_equal(b, 6);
	assert_int_equal(s5_of(qword, sizeof(qword), &a, &b), 0);
	assert_int_equal(a, 5);
	assert_int_equal(b, 4);
}

static void test_s5_missing(void **state)
{
	/* _S5_ in a method body (a Store to it), not after a NameOp; and _S4_ alone. */
	static const u8 no_name[] = { 0x70, 0x0a, 0x05, '_', 'S', '5', '_', 0x12, 0x04,
				      0x01, 0x00 };
	static const u8 s4[] = { 0x08, '_', 'S', '4', '_', 0x12, 0x04, 0x01, 0x0a, 0x06 };
	u8 a = 42, b = 42;

	assert_int_equal(s5_of(no_name, sizeof(no_name), &a, &b), -ENOENT);
	assert_int_equal(s5_of(s4, sizeof(s4), &a, &b), -ENOENT);
	assert_int_equal(s5_of(NULL, 0, &a, &b), -ENOENT);
	assert_int_equal(a, 42);		/* untouched on failure */
	assert_int_equal(acpi_s5_parse("DSDT", 4, &a, &b), -EINVAL);
}

static void test_s5_malformed(void **state)
{
	static const u8 not_pkg[] = { 0x08, '_', 'S', '5', '_', 0x0a, 0x05 };
	static const u8 ones[] = { 0x08, '_', 'S', '5', '_', 0x12, 0x03, 0x01, 0xff };
	static const u8 too_big[] = { 0x08, '_', 'S', '5', '_', 0x12, 0x05, 0x02, 0x0a, 0x08,
				      0x00 };
	static const u8 empty[] = { 0x08, '_', 'S', '5', '_', 0x12, 0x02, 0x00 };
	static const u8 name_ref[] = { 0x08, '_', 'S', '5', '_', 0x12, 0x06, 0x01, 'S', 'L',
				       'P', 'A' };
	static const u8 past_end[] = { 0x08, '_', 'S', '5', '_', 0x12, 0x3f, 0x02, 0x00, 0x00 };
	static const u8 len_zero[] = { 0x08, '_', 'S', '5', '_', 0x12, 0x00, 0x02, 0x00, 0x00 };
	static const u8 elem_out[] = { 0x08, '_', 'S', '5', '_', 0x12, 0x03, 0x02, 0x0a, 0x05,
				       0x00 };
	u8 a = 42, b = 42;

	assert_int_equal(s5_of(not_pkg, sizeof(not_pkg), &a, &b), -EINVAL);
	assert_int_equal(s5_of(ones, sizeof(ones), &a, &b), -EINVAL);	/* OnesOp > 7 */
	assert_int_equal(s5_of(too_big, sizeof(too_big), &a, &b), -EINVAL);
	assert_int_equal(s5_of(empty, sizeof(empty), &a, &b), -EINVAL);
	assert_int_equal(s5_of(name_ref, sizeof(name_ref), &a, &b), -EINVAL);
	assert_int_equal(s5_of(past_end, sizeof(past_end), &a, &b), -ERANGE);
	assert_int_equal(s5_of(len_zero, sizeof(len_zero), &a, &b), -EINVAL);
	/* The element's byte lies beyond the package's own length. */
	assert_int_equal(s5_of(elem_out, sizeof(elem_out), &a, &b), -ERANGE);
	assert_int_equal(a, 42);
}

/* QEMU's DSDT cut inside its \_S5 package: an error at every cut, never a read past it. */
static void test_s5_truncated(void **state)
{
	struct blob d = load("qemu-q35-dsdt.bin");
	u32 at, n;
	u8 a, b;

	for (at = 0; at + 4 <= d.len && memcmp(d.b + at, "_S5_", 4); at++)
		;
	assert_true(at + 4 <= d.len);
	/* PackageOp, PkgLength 6, NumElements 4, four ZeroOps: whole at at + 11. */
	for (n = at + 4; n < at + 11; n++) {
		u8 *p = exact(d.b, n);

		put32(p + 4, n);
		assert_int_equal(acpi_s5_parse(p, n, &a, &b), -ERANGE);
		free(p);
	}
	free(d.b);
}

/* One byte of a package's body: often an integer opcode or a small value, else anything. */
static u8 body_byte(void)
{
	static const u8 likely[] = { 0x00, 0x01, 0x0a, 0x0b, 0x07, 0x02, 0xff };

	return rand() % 2 ? likely[rand() % sizeof(likely)] : (u8)rand();
}

/* Random bytes with \_S5 names planted in them: any answer but a crash or a bad value. */
static void test_s5_garbage(void **state)
{
	static const u8 plant[] = { 0x08, '_', 'S', '5', '_', 0x12 };
	unsigned int round, i, found = 0;

	srand(15);
	for (round = 0; round < 20000; round++) {
		u32 n = ACPI_SDT_HEADER_SIZE + (u32)(rand() % 64);
		u8 *p = malloc(n), a = 0, b = 0;
		int err;

		for (i = 0; i < n; i++)
			p[i] = (u8)rand();
		if (n >= ACPI_SDT_HEADER_SIZE + sizeof(plant) && rand() % 2) {
			u32 at = ACPI_SDT_HEADER_SIZE +
				 (u32)(rand() % (n - ACPI_SDT_HEADER_SIZE - sizeof(plant) + 1));

			memcpy(p + at, plant, sizeof(plant));
			for (i = at + sizeof(plant) + 1; i < n && i < at + sizeof(plant) + 8; i++)
				p[i] = body_byte();
			if (at + sizeof(plant) < n)
				p[at + sizeof(plant)] = (u8)(rand() % 12);	/* short PkgLength */
		}
		err = acpi_s5_parse(p, n, &a, &b);
		assert_true(err == 0 || err == -ENOENT || err == -EINVAL || err == -ERANGE);
		if (!err) {
			assert_true(a <= ACPI_SLP_TYP_MAX && b <= ACPI_SLP_TYP_MAX);
			found++;
		}
		free(p);
	}
	assert_true(found > 0);		/* the planted names do get parsed sometimes */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fadt_qemu),
		cmocka_unit_test(test_fadt_v1),
		cmocka_unit_test(test_fadt_x_fields),
		cmocka_unit_test(test_fadt_truncated),
		cmocka_unit_test(test_hpet_qemu),
		cmocka_unit_test(test_s5_qemu),
		cmocka_unit_test(test_s5_forms),
		cmocka_unit_test(test_s5_missing),
		cmocka_unit_test(test_s5_malformed),
		cmocka_unit_test(test_s5_truncated),
		cmocka_unit_test(test_s5_garbage),
	};

	return cmocka_run_group_tests_name("acpi_pm", tests, NULL, NULL);
}
