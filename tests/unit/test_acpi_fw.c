/*
 * drivers/firmware/acpi.c on the host: fw_probe() over tables laid out in
 * a fake physical memory (physmem.c): the RSDP found in the BIOS area or
 * handed over by the boot loader with the length of its copy, the XSDT,
 * a MADT. A loader's copy shorter than its revision claims is refused
 * without reading past it (the copy sits in a buffer of exactly its size).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include <sis/acpi_tables.h>
#include <sis/bootinfo.h>
#include <sis/firmware.h>

#include "host.h"
#include "physmem.h"

#define MEM_SIZE	0x100000
#define RSDP_AT		0xe0040
#define XSDT_AT		0x10000
#define MADT_AT		0x11000

static void put32(u8 *p, u32 v)
{
	memcpy(p, &v, 4);
}

static void put64(u8 *p, u64 v)
{
	memcpy(p, &v, 8);
}

static u8 sum(const u8 *p, size_t n)
{
	u8 s = 0;

	while (n--)
		s += *p++;
	return s;
}

/* An SDT header for a table of len bytes; the checksum is set last by seal(). */
static void header(u8 *t, const char *sig, u32 len)
{
	memcpy(t, sig, 4);
	put32(t + 4, len);
	t[8] = 1;
	memcpy(t + 10, "SISTST", 6);
}

static void seal(u8 *t)
{
	u32 len;

	memcpy(&len, t + 4, 4);
	t[9] = 0;
	t[9] = (u8)-sum(t, len);
}

static void make_rsdp(u8 *r, u8 rev, u64 xsdt)
{
	memset(r, 0, ACPI_RSDP_V2_SIZE);
	memcpy(r, "RSD PTR ", 8);
	memcpy(r + 9, "SISTST", 6);
	r[15] = rev;
	r[8] = (u8)-sum(r, ACPI_RSDP_V1_SIZE);
	put32(r + 20, ACPI_RSDP_V2_SIZE);
	put64(r + 24, xsdt);
	r[32] = (u8)-sum(r, ACPI_RSDP_V2_SIZE);
}

/* XSDT -> MADT with two enabled local APICs (ids 0 and 1). */
static void lay_out_tables(void)
{
	u8 *m = physmem_reset(MEM_SIZE), *x = m + XSDT_AT, *t = m + MADT_AT;
	unsigned int i;

	header(x, "XSDT", 36 + 8);
	put64(x + 36, MADT_AT);
	seal(x);
	header(t, "APIC", 44 + 2 * 8);
	put32(t + 36, 0xfee00000);
	for (i = 0; i < 2; i++) {
		u8 *e = t + 44 + i * 8;

		e[0] = 0, e[1] = 8, e[2] = (u8)i, e[3] = (u8)i;
		put32(e + 4, 1);
	}
	seal(t);
}

static void test_bios_area(void **state)
{
	static struct fw_machine m;
	struct boot_info bi = { 0 };

	lay_out_tables();
	make_rsdp(host_phys + RSDP_AT, 2, XSDT_AT);
	memset(&m, 0, sizeof(m));
	host_log_clear();
	assert_int_equal(fw_probe(&bi, &m), 0);
	assert_int_equal(m.ncpus, 2);
	assert_int_equal(m.cpus[1].hwid, 1);
	assert_non_null(strstr(host_log, "found in the BIOS area"));
}

/* The loader's copy, of exactly the length its tag gives. */
static void probe_loader_copy(size_t len, struct fw_machine *m)
{
	u8 full[ACPI_RSDP_V2_SIZE], *copy = malloc(len);
	struct boot_info bi = { 0 };

	assert_non_null(copy);
	lay_out_tables();
	make_rsdp(full, 2, XSDT_AT);
	memcpy(copy, full, len);
	bi.rsdp = copy;
	bi.rsdp_len = len;
	memset(m, 0, sizeof(*m));
	host_log_clear();
	assert_int_equal(fw_probe(&bi, m), 0);
	free(copy);
}

static void test_loader_copy(void **state)
{
	static struct fw_machine m;

	probe_loader_copy(ACPI_RSDP_V2_SIZE, &m);
	assert_int_equal(m.ncpus, 2);
	assert_non_null(strstr(host_log, "from the boot loader"));
}

/*
 * An ACPI 1.0 tag (20 bytes) holding an RSDP whose revision says 2: the
 * length travels with the pointer, so the parser sees 20 bytes and
 * refuses the copy instead of reading 36.
 */
static void test_loader_copy_short(void **state)
{
	static struct fw_machine m;

	probe_loader_copy(ACPI_RSDP_V1_SIZE, &m);
	assert_int_equal(m.ncpus, 0);
	assert_non_null(strstr(host_log, "[ACPI] RSDP: ERANGE"));
	assert_non_null(strstr(host_log, "the ACPI RSDP is invalid: booting on one CPU"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bios_area),
		cmocka_unit_test(test_loader_copy),
		cmocka_unit_test(test_loader_copy_short),
	};
	int r = cmocka_run_group_tests_name("acpi_fw", tests, NULL, NULL);

	physmem_reset(0);
	return r;
}
