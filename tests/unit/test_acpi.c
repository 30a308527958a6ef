/*
 * drivers/firmware/acpi-tables.c on tables the tests build byte by byte:
 * a QEMU-like MADT, disabled and online-capable CPUs, x2APIC entries,
 * bad checksums, truncated tables and entries, and a MADT followed by
 * bytes its header does not cover. Each table is copied into a malloc'ed
 * buffer of exactly the length handed to the parser, so ASan reports any
 * read past it; wrong input must come back as an error.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include <sis/acpi_tables.h>
#include <sis/compiler.h>
#include <sis/errno.h>

#include "host.h"

struct tbl {
	u8 b[16384];
	size_t len;
};

static void put16(u8 *p, u16 v) { memcpy(p, &v, 2); }
static void put32(u8 *p, u32 v) { memcpy(p, &v, 4); }
static void put64(u8 *p, u64 v) { memcpy(p, &v, 8); }

static u8 sum(const u8 *p, size_t n)
{
	u8 s = 0;

	while (n--)
		s += *p++;
	return s;
}

/* Start an SDT: signature and room for the 36-byte header. */
static void sdt_begin(struct tbl *t, const char *sig)
{
	memset(t, 0, sizeof(*t));
	memcpy(t->b, sig, 4);
	t->b[8] = 1;			/* revision */
	memcpy(t->b + 10, "SISTST", 6);	/* OEM id */
	t->len = ACPI_SDT_HEADER_SIZE;
}

static void add(struct tbl *t, const void *p, size_t n)
{
	assert_true(t->len + n <= sizeof(t->b));
	memcpy(t->b + t->len, p, n);
	t->len += n;
}

/* Set the length field to the bytes added so far and fix the checksum. */
static void sdt_end(struct tbl *t)
{
	put32(t->b + 4, (u32)t->len);
	t->b[9] = 0;
	t->b[9] = (u8)-sum(t->b, t->len);
}

/* An exact-size heap copy of the first n bytes (n may exceed t->len: zero-filled). */
static u8 *exact(const struct tbl *t, size_t n)
{
	u8 *p = malloc(n ? n : 1);

	assert_non_null(p);
	memset(p, 0, n);
	memcpy(p, t->b, MIN(n, t->len));
	return p;
}

static void madt_begin(struct tbl *t, u32 lapic, u32 flags)
{
	u8 h[8];

	sdt_begin(t, "APIC");
	put32(h, lapic);
	put32(h + 4, flags);
	add(t, h, 8);
}

static void madt_lapic(struct tbl *t, u8 uid, u8 id, u32 flags)
{
	u8 e[8] = { 0, 8, uid, id };

	put32(e + 4, flags);
	add(t, e, 8);
}

static void madt_x2apic(struct tbl *t, u32 id, u32 flags, u32 uid)
{
	u8 e[16] = { 9, 16 };

	put32(e + 4, id);
	put32(e + 8, flags);
	put32(e + 12, uid);
	add(t, e, 16);
}

static void madt_ioapic(struct tbl *t, u8 id, u32 addr, u32 gsi_base)
{
	u8 e[12] = { 1, 12, id };

	put32(e + 4, addr);
	put32(e + 8, gsi_base);
	add(t, e, 12);
}

static void madt_override(struct tbl *t, u8 src, u32 gsi, u16 flags)
{
	u8 e[10] = { 2, 10, 0, src };

	put32(e + 4, gsi);
	put16(e + 8, flags);
	add(t, e, 10);
}

static void madt_nmi(struct tbl *t, u8 uid, u16 flags, u8 lint)
{
	u8 e[6] = { 4, 6, uid };

	put16(e + 3, flags);
	e[5] = lint;
	add(t, e, 6);
}

/* The MADT QEMU q35 gives with -smp 4. */
static void qemu_madt(struct tbl *t)
{
	unsigned int i;

	madt_begin(t, 0xfee00000, ACPI_MADT_PCAT_COMPAT);
	for (i = 0; i < 4; i++)
		madt_lapic(t, (u8)i, (u8)i, 1);
	madt_ioapic(t, 0, 0xfec00000, 0);
	madt_override(t, 0, 2, 0);
	madt_override(t, 5, 5, 0xd);
	madt_override(t, 9, 9, 0xd);
	madt_override(t, 10, 10, 0xd);
	madt_override(t, 11, 11, 0xd);
	madt_nmi(t, 0xff, 0, 1);
	sdt_end(t);
}

static int parse_madt(const struct tbl *t, struct acpi_madt_info *info)
{
	u8 *p = exact(t, t->len);
	u32 tlen = 0;
	int err = acpi_sdt_check(p, t->len, "APIC", &tlen);

	if (!err)
		err = acpi_madt_parse(p, tlen, info);
	free(p);
	return err;
}

static struct acpi_madt_info info;

static void test_madt_qemu(void **state)
{
	struct tbl t;
	unsigned int i;

	qemu_madt(&t);
	assert_int_equal(parse_madt(&t, &info), 0);
	assert_int_equal(info.ncpus, 4);
	for (i = 0; i < 4; i++) {
		assert_int_equal(info.cpus[i].apic_id, i);
		assert_int_equal(info.cpus[i].uid, i);
		assert_false(info.cpus[i].x2apic);
	}
	assert_int_equal(info.lapic_addr, 0xfee00000);
	assert_int_equal(info.flags, ACPI_MADT_PCAT_COMPAT);
	assert_int_equal(info.nioapics, 1);
	assert_int_equal(info.ioapics[0].addr, 0xfec00000);
	assert_int_equal(info.ioapics[0].gsi_base, 0);
	assert_int_equal(info.noverrides, 5);
	assert_int_equal(info.overrides[0].source, 0);
	assert_int_equal(info.overrides[0].gsi, 2);
	assert_int_equal(ACPI_INTI_POLARITY(info.overrides[1].flags), 1);
	assert_int_equal(ACPI_INTI_TRIGGER(info.overrides[1].flags), 3);
	assert_int_equal(info.nnmis, 1);
	assert_int_equal(info.nmis[0].uid, ACPI_CPU_UID_ALL);
	assert_int_equal(info.nmis[0].lint, 1);
}

static void test_madt_disabled_and_online_capable(void **state)
{
	struct tbl t;

	madt_begin(&t, 0xfee00000, 0);
	madt_lapic(&t, 0, 0, 1);	/* enabled */
	madt_lapic(&t, 1, 1, 0);	/* absent */
	madt_lapic(&t, 2, 2, 2);	/* online-capable, not enabled */
	madt_lapic(&t, 3, 3, 3);	/* enabled (online-capable is moot) */
	madt_lapic(&t, 4, 0xff, 1);	/* invalid id: skipped */
	sdt_end(&t);
	assert_int_equal(parse_madt(&t, &info), 0);
	assert_int_equal(info.ncpus, 2);
	assert_int_equal(info.cpus[0].apic_id, 0);
	assert_int_equal(info.cpus[1].apic_id, 3);
	assert_int_equal(info.ncpus_disabled, 1);
	assert_int_equal(info.ncpus_hotplug, 1);
}

static void test_madt_x2apic(void **state)
{
	struct tbl t;
	u8 addr_override[12] = { 5, 12 };

	put64(addr_override + 4, 0xfee00000ull);
	madt_begin(&t, 0, 0);
	madt_lapic(&t, 0, 0, 1);
	madt_x2apic(&t, 0, 1, 0);	/* same CPU again: counted once */
	madt_x2apic(&t, 300, 1, 7);	/* beyond 8-bit ids */
	madt_x2apic(&t, 301, 0, 8);	/* disabled */
	madt_x2apic(&t, 302, 2, 9);	/* online-capable */
	add(&t, addr_override, sizeof(addr_override));
	sdt_end(&t);
	assert_int_equal(parse_madt(&t, &info), 0);
	assert_int_equal(info.ncpus, 2);
	assert_int_equal(info.cpus[1].apic_id, 300);
	assert_int_equal(info.cpus[1].uid, 7);
	assert_true(info.cpus[1].x2apic);
	assert_int_equal(info.ncpus_disabled, 1);
	assert_int_equal(info.ncpus_hotplug, 1);
	assert_int_equal(info.lapic_addr, 0xfee00000ull);
}

static void test_madt_many_cpus(void **state)
{
	struct tbl t;
	unsigned int i;

	madt_begin(&t, 0xfee00000, 0);
	for (i = 0; i < ACPI_MADT_MAX_CPUS + 3; i++)
		madt_x2apic(&t, i, 1, i);
	sdt_end(&t);
	assert_int_equal(parse_madt(&t, &info), 0);
	assert_int_equal(info.ncpus, ACPI_MADT_MAX_CPUS);
	assert_int_equal(info.ncpus_dropped, 3);
}

static void test_madt_bad_checksum(void **state)
{
	struct tbl t;
	u32 tlen;
	u8 *p;

	qemu_madt(&t);
	t.b[40] ^= 0x01;
	p = exact(&t, t.len);
	assert_int_equal(acpi_sdt_check(p, t.len, "APIC", &tlen), -ECHECKSUM);
	free(p);
}

/* The header claims more bytes than there are. */
static void test_madt_truncated_table(void **state)
{
	struct tbl t;
	u32 tlen;
	u8 *p;

	qemu_madt(&t);
	p = exact(&t, t.len - 10);
	assert_int_equal(acpi_sdt_check(p, t.len - 10, "APIC", &tlen), -ERANGE);
	free(p);
	p = exact(&t, 20);	/* not even a header */
	assert_int_equal(acpi_sdt_check(p, 20, "APIC", &tlen), -ERANGE);
	free(p);
}

/* An entry that runs past the end of the table, or a zero length. */
static void test_madt_truncated_entry(void **state)
{
	struct tbl t;

	madt_begin(&t, 0xfee00000, 0);
	madt_lapic(&t, 0, 0, 1);
	t.b[t.len - 7] = 12;	/* LAPIC entry claims 12 bytes, 8 are left */
	sdt_end(&t);
	assert_int_equal(parse_madt(&t, &info), -EINVAL);

	madt_begin(&t, 0xfee00000, 0);
	madt_lapic(&t, 0, 0, 1);
	t.b[t.len - 7] = 0;	/* zero length: would loop forever */
	sdt_end(&t);
	assert_int_equal(parse_madt(&t, &info), -EINVAL);

	madt_begin(&t, 0xfee00000, 0);
	madt_lapic(&t, 0, 0, 1);
	t.b[t.len - 7] = 6;	/* too short for a LAPIC entry */
	sdt_end(&t);
	assert_int_equal(parse_madt(&t, &info), -EINVAL);

	madt_begin(&t, 0xfee00000, 0);
	madt_lapic(&t, 0, 0, 1);
	add(&t, "\x00", 1);	/* one stray byte: no room for an entry header */
	sdt_end(&t);
	assert_int_equal(parse_madt(&t, &info), -EINVAL);

	sdt_begin(&t, "APIC");	/* no room for the LAPIC address and flags */
	sdt_end(&t);
	assert_int_equal(parse_madt(&t, &info), -EINVAL);
}

/* Bytes after the length in the header are not part of the table. */
static void test_madt_longer_than_header(void **state)
{
	struct tbl t;
	size_t real;
	u32 tlen;
	u8 *p;

	madt_begin(&t, 0xfee00000, 0);
	madt_lapic(&t, 0, 0, 1);
	madt_lapic(&t, 1, 1, 1);
	sdt_end(&t);
	real = t.len;
	madt_lapic(&t, 2, 2, 1);	/* outside the table */
	add(&t, "\xff\x00", 2);		/* garbage that would be a bad entry */
	p = exact(&t, t.len);
	assert_int_equal(acpi_sdt_check(p, t.len, "APIC", &tlen), 0);
	assert_int_equal(tlen, real);
	assert_int_equal(acpi_madt_parse(p, tlen, &info), 0);
	assert_int_equal(info.ncpus, 2);
	free(p);
}

static void test_sdt_header_checks(void **state)
{
	struct tbl t;
	u32 tlen;
	u8 *p;

	qemu_madt(&t);
	p = exact(&t, t.len);
	assert_int_equal(acpi_sdt_check(p, t.len, "FACP", &tlen), -EINVAL);
	assert_int_equal(acpi_sdt_check(p, t.len, NULL, &tlen), 0);
	put32(p + 4, 20);	/* shorter than a header */
	assert_int_equal(acpi_sdt_check(p, t.len, NULL, &tlen), -EINVAL);
	free(p);
}

static void test_xsdt_rsdt_entries(void **state)
{
	struct tbl t;
	u64 out[8];
	unsigned int n;
	u8 e[8];
	u32 tlen;
	u8 *p;

	sdt_begin(&t, "XSDT");
	put64(e, 0x7ffe0000ull);
	add(&t, e, 8);
	put64(e, 0x1234567890ull);
	add(&t, e, 8);
	sdt_end(&t);
	p = exact(&t, t.len);
	assert_int_equal(acpi_sdt_check(p, t.len, "XSDT", &tlen), 0);
	assert_int_equal(acpi_sdt_entries(p, tlen, 8, out, 8, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(out[1], 0x1234567890ull);
	assert_int_equal(acpi_sdt_entries(p, tlen, 8, out, 1, &n), 0);
	assert_int_equal(n, 1);
	free(p);

	sdt_begin(&t, "RSDT");
	put32(e, 0x7ffe1000);
	add(&t, e, 4);
	add(&t, e, 2);		/* half an entry */
	sdt_end(&t);
	p = exact(&t, t.len);
	assert_int_equal(acpi_sdt_check(p, t.len, "RSDT", &tlen), 0);
	assert_int_equal(acpi_sdt_entries(p, tlen, 4, out, 8, &n), -EINVAL);
	free(p);
}

static void make_rsdp(u8 *r, u8 rev, u32 rsdt, u64 xsdt)
{
	memset(r, 0, ACPI_RSDP_V2_SIZE);
	memcpy(r, "RSD PTR ", 8);
	memcpy(r + 9, "SISTST", 6);
	r[15] = rev;
	put32(r + 16, rsdt);
	r[8] = (u8)-sum(r, ACPI_RSDP_V1_SIZE);
	if (rev >= 2) {
		put32(r + 20, ACPI_RSDP_V2_SIZE);
		put64(r + 24, xsdt);
		r[32] = (u8)-sum(r, ACPI_RSDP_V2_SIZE);
	}
}

static void test_rsdp(void **state)
{
	struct acpi_rsdp_info ri;
	u8 *r = malloc(ACPI_RSDP_V2_SIZE);

	make_rsdp(r, 0, 0x7ffe0000, 0);
	assert_int_equal(acpi_rsdp_parse(r, ACPI_RSDP_V1_SIZE, &ri), 0);
	assert_int_equal(ri.rsdt, 0x7ffe0000);
	assert_int_equal(ri.xsdt, 0);

	make_rsdp(r, 2, 0x7ffe0000, 0x7ffe1000);
	assert_int_equal(acpi_rsdp_parse(r, ACPI_RSDP_V2_SIZE, &ri), 0);
	assert_int_equal(ri.xsdt, 0x7ffe1000);
	assert_int_equal(acpi_rsdp_parse(r, ACPI_RSDP_V1_SIZE, &ri), -ERANGE);
	assert_int_equal(acpi_rsdp_parse(r, 8, &ri), -ERANGE);

	r[32] ^= 0x40;		/* extended checksum */
	assert_int_equal(acpi_rsdp_parse(r, ACPI_RSDP_V2_SIZE, &ri), -ECHECKSUM);
	make_rsdp(r, 2, 0x7ffe0000, 0x7ffe1000);
	r[8] ^= 0x40;		/* ACPI 1.0 checksum */
	assert_int_equal(acpi_rsdp_parse(r, ACPI_RSDP_V2_SIZE, &ri), -ECHECKSUM);
	make_rsdp(r, 2, 0x7ffe0000, 0x7ffe1000);
	put32(r + 20, 64);	/* longer than what is readable */
	r[32] = 0;
	assert_int_equal(acpi_rsdp_parse(r, ACPI_RSDP_V2_SIZE, &ri), -ERANGE);
	memcpy(r, "RSD PTX ", 8);
	assert_int_equal(acpi_rsdp_parse(r, ACPI_RSDP_V2_SIZE, &ri), -EINVAL);
	free(r);
}

static void test_rsdp_scan(void **state)
{
	size_t len = 0x400;
	u8 *area = malloc(len);

	memset(area, 0xa5, len);
	memcpy(area + 0x18, "RSD PTR ", 8);	/* not on a 16-byte boundary */
	make_rsdp(area + 0x40, 0, 1, 0);
	area[0x48] ^= 1;			/* bad checksum: skipped */
	make_rsdp(area + 0x100, 2, 2, 3);
	assert_int_equal(acpi_rsdp_scan(area, len), 0x100);
	area[0x100] = 0;
	assert_int_equal(acpi_rsdp_scan(area, len), -ENOENT);
	/* A signature in the last 16 bytes is too short to be an RSDP. */
	memcpy(area + len - 16, "RSD PTR ", 8);
	assert_int_equal(acpi_rsdp_scan(area, len), -ENOENT);
	free(area);
}

/* ---------------------------------------------------------------- SRAT, SLIT */

static void srat_begin(struct tbl *t)
{
	u8 h[12] = { 1 };	/* reserved: 1 for compatibility, then 8 bytes */

	sdt_begin(t, "SRAT");
	add(t, h, sizeof(h));
}

static void srat_lapic(struct tbl *t, u8 apic_id, u32 domain, u32 flags)
{
	u8 e[16] = { 0, 16 };

	e[2] = domain & 0xff;
	e[3] = apic_id;
	put32(e + 4, flags);
	e[9] = (domain >> 8) & 0xff;
	e[10] = (domain >> 16) & 0xff;
	e[11] = domain >> 24;
	add(t, e, sizeof(e));
}

static void srat_x2apic(struct tbl *t, u32 apic_id, u32 domain, u32 flags)
{
	u8 e[24] = { 2, 24 };

	put32(e + 4, domain);
	put32(e + 8, apic_id);
	put32(e + 12, flags);
	add(t, e, sizeof(e));
}

static void srat_mem(struct tbl *t, u64 base, u64 size, u32 domain, u32 flags)
{
	u8 e[40] = { 1, 40 };

	put32(e + 2, domain);
	put64(e + 8, base);
	put64(e + 16, size);
	put32(e + 28, flags);
	add(t, e, sizeof(e));
}

static void test_srat(void **state)
{
	static struct acpi_srat_info srat;
	struct tbl t;

	srat_begin(&t);
	srat_lapic(&t, 0, 0, 1);
	srat_lapic(&t, 1, 0x01020304, 1);	/* domain bits from both fields */
	srat_lapic(&t, 2, 1, 0);		/* disabled: not listed */
	srat_x2apic(&t, 300, 1, 1);
	srat_mem(&t, 0, 0xa0000, 0, 1);
	srat_mem(&t, 0x100000, 0x0ff00000, 0, 1);
	srat_mem(&t, 0x10000000, 0x10000000, 1, 1);
	srat_mem(&t, 0x20000000, 0x10000000, 1, 0);	/* disabled */
	sdt_end(&t);
	assert_int_equal(acpi_srat_parse(t.b, (u32)t.len, &srat), 0);
	assert_int_equal(srat.ncpus, 3);
	assert_int_equal(srat.cpus[1].apic_id, 1);
	assert_int_equal(srat.cpus[1].domain, 0x01020304);
	assert_int_equal(srat.cpus[2].apic_id, 300);
	assert_int_equal(srat.cpus[2].domain, 1);
	assert_int_equal(srat.nmem, 3);
	assert_int_equal(srat.mem[2].base, 0x10000000);
	assert_int_equal(srat.mem[2].size, 0x10000000);
	assert_int_equal(srat.mem[2].domain, 1);
	assert_int_equal(srat.ndropped, 0);
}

static void test_srat_malformed(void **state)
{
	static struct acpi_srat_info srat;
	struct tbl t;
	u8 *p;

	srat_begin(&t);
	srat_mem(&t, 0, 0x1000, 0, 1);
	sdt_end(&t);
	t.b[48 + 1] = 20;			/* a memory entry shorter than 40 bytes */
	assert_int_equal(acpi_srat_parse(t.b, (u32)t.len, &srat), -EINVAL);
	t.b[48 + 1] = 41;			/* runs past the table */
	assert_int_equal(acpi_srat_parse(t.b, (u32)t.len, &srat), -EINVAL);
	t.b[48 + 1] = 0;			/* no progress */
	assert_int_equal(acpi_srat_parse(t.b, (u32)t.len, &srat), -EINVAL);
	p = exact(&t, 40);			/* shorter than the header and reserved bytes */
	assert_int_equal(acpi_srat_parse(p, 40, &srat), -EINVAL);
	free(p);
}

static void test_srat_many(void **state)
{
	static struct acpi_srat_info srat;
	static struct tbl t;
	unsigned int i;

	srat_begin(&t);
	for (i = 0; i < ACPI_SRAT_MAX_MEM + 2; i++)
		srat_mem(&t, (u64)i << 30, 1u << 30, i % 2, 1);
	sdt_end(&t);
	assert_int_equal(acpi_srat_parse(t.b, (u32)t.len, &srat), 0);
	assert_int_equal(srat.nmem, ACPI_SRAT_MAX_MEM);
	assert_int_equal(srat.ndropped, 2);
}

static void slit(struct tbl *t, u64 n, const u8 *m, size_t bytes)
{
	u8 c[8];

	sdt_begin(t, "SLIT");
	put64(c, n);
	add(t, c, sizeof(c));
	add(t, m, bytes);
	sdt_end(t);
}

static void test_slit(void **state)
{
	static struct acpi_slit_info sl;
	const u8 m[9] = { 10, 21, 31, 21, 10, 21, 31, 21, 10 };
	struct tbl t;

	slit(&t, 3, m, sizeof(m));
	assert_int_equal(acpi_slit_parse(t.b, (u32)t.len, &sl), 0);
	assert_int_equal(sl.n, 3);
	assert_int_equal(sl.dist[0][2], 31);
	assert_int_equal(sl.dist[2][1], 21);
	assert_int_equal(sl.dist[1][1], 10);
	/* A count whose square overflows, or more than the table holds: refused. */
	slit(&t, 0x100000001ull, m, sizeof(m));
	assert_int_equal(acpi_slit_parse(t.b, (u32)t.len, &sl), -EINVAL);
	slit(&t, 4, m, sizeof(m));
	assert_int_equal(acpi_slit_parse(t.b, (u32)t.len, &sl), -EINVAL);
}

static void test_slit_many_localities(void **state)
{
	static struct acpi_slit_info sl;
	static u8 m[20 * 20];
	static struct tbl t;
	unsigned int i, j;

	for (i = 0; i < 20; i++)
		for (j = 0; j < 20; j++)
			m[i * 20 + j] = i == j ? 10 : (u8)(20 + i + j);
	slit(&t, 20, m, sizeof(m));
	assert_int_equal(acpi_slit_parse(t.b, (u32)t.len, &sl), 0);
	assert_int_equal(sl.nlocalities, 20);
	assert_int_equal(sl.n, ACPI_NODES_MAX);
	assert_int_equal(sl.dist[3][5], 28);	/* row stride is the table's 20 */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_madt_qemu),
		cmocka_unit_test(test_madt_disabled_and_online_capable),
		cmocka_unit_test(test_madt_x2apic),
		cmocka_unit_test(test_madt_many_cpus),
		cmocka_unit_test(test_srat),
		cmocka_unit_test(test_srat_malformed),
		cmocka_unit_test(test_srat_many),
		cmocka_unit_test(test_slit),
		cmocka_unit_test(test_slit_many_localities),
		cmocka_unit_test(test_madt_bad_checksum),
		cmocka_unit_test(test_madt_truncated_table),
		cmocka_unit_test(test_madt_truncated_entry),
		cmocka_unit_test(test_madt_longer_than_header),
		cmocka_unit_test(test_sdt_header_checks),
		cmocka_unit_test(test_xsdt_rsdt_entries),
		cmocka_unit_test(test_rsdp),
		cmocka_unit_test(test_rsdp_scan),
	};

	return cmocka_run_group_tests_name("acpi", tests, NULL, NULL);
}
