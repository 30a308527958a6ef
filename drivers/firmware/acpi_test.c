/*
 * KTAP suite "acpi": tables are found and validated wherever the firmware
 * put them. QEMU always puts its tables below 4 GiB, so the case above
 * builds one in a page of RAM above 4 GiB (skipped without such RAM) and
 * reads it through the same path fw_probe() uses: a table there used to
 * be ignored, and the machine then booted on one CPU.
 */
#include <sis/acpi_tables.h>
#include <sis/ktest.h>
#include <sis/mm.h>
#include <sis/string.h>
#include "acpi.h"

#define FOUR_GIB	0x100000000ull
#define TEST_LEN	64

/* An SDT "SIST" of TEST_LEN bytes at p, with a good checksum. */
static void make_table(u8 *p)
{
	u32 len = TEST_LEN;
	unsigned int i;
	u8 sum = 0;

	memset(p, 0x5a, TEST_LEN);
	memcpy(p, "SIST", 4);
	memcpy(p + 4, &len, sizeof(len));
	p[9] = 0;
	for (i = 0; i < TEST_LEN; i++)
		sum += p[i];
	p[9] = (u8)-sum;
}

static void test_table_above_4g(struct ktest *t)
{
	struct acpi_root root = { .n = 2 };
	unsigned int from = 0;
	u32 len = 0;
	u8 *p;

	if (page_phys_end() <= FOUR_GIB) {
		ktest_skip(t, "no RAM above 4 GiB");
		return;
	}
	p = page_alloc_range(1, FOUR_GIB, ~0ull);
	KTEST_EXPECT(t, p != NULL);
	if (!p)
		return;
	make_table(p);
	root.addr[0] = 0x1000;		/* low memory that holds no table */
	root.addr[1] = (uintptr_t)p;
	KTEST_EXPECT_EQ(t, acpi_find(&root, "SIST", &from), (uintptr_t)p);
	KTEST_EXPECT(t, acpi_get_table((uintptr_t)p, "SIST", &len) == p);
	KTEST_EXPECT_EQ(t, len, TEST_LEN);
	p[TEST_LEN - 1] ^= 1;		/* a bad checksum: one line, and ignored */
	KTEST_EXPECT(t, acpi_get_table((uintptr_t)p, "SIST", &len) == NULL);
	page_free(p, 1);
}

KTEST_SUITE(acpi, KTEST_CASE(test_table_above_4g));
