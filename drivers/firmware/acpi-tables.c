/*
 * ACPI table parsing, with no hardware access (see include/sis/acpi_tables.h).
 *
 * The RSDP ("RSD PTR ") points at the RSDT (32-bit entries) and, from
 * ACPI 2.0, the XSDT (64-bit entries). Every system description table
 * starts with a 36-byte header whose length covers the whole table and
 * whose bytes sum to zero. The MADT ("APIC") is that header, a 32-bit
 * local APIC address, 32-bit flags, then entries {u8 type, u8 length, ...}.
 * Fields are little-endian and unaligned: read them with memcpy.
 */
#include <sis/acpi_tables.h>
#include <sis/errno.h>
#include <sis/string.h>

#define MADT_LAPIC		0
#define MADT_IOAPIC		1
#define MADT_OVERRIDE		2
#define MADT_NMI		4
#define MADT_LAPIC_ADDR		5
#define MADT_X2APIC		9
#define MADT_X2APIC_NMI		10
#define MADT_ENTRIES_OFF	44

#define CPU_ENABLED		(1u << 0)
#define CPU_ONLINE_CAPABLE	(1u << 1)
#define XAPIC_ID_INVALID	0xff
#define XAPIC_UID_ALL		0xff

static u8 rd8(const u8 *p)
{
	return *p;
}

static u16 rd16(const u8 *p)
{
	u16 v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static u32 rd32(const u8 *p)
{
	u32 v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static u64 rd64(const u8 *p)
{
	u64 v;

	memcpy(&v, p, sizeof(v));
	return v;
}

bool acpi_checksum_ok(const void *p, size_t len)
{
	const u8 *b = p;
	u8 sum = 0;

	while (len--)
		sum += *b++;
	return sum == 0;
}

int acpi_rsdp_parse(const void *p, size_t len, struct acpi_rsdp_info *out)
{
	const u8 *b = p;
	u32 xlen;

	if (len < ACPI_RSDP_V1_SIZE)
		return -ERANGE;
	if (memcmp(b, "RSD PTR ", 8))
		return -EINVAL;
	if (!acpi_checksum_ok(b, ACPI_RSDP_V1_SIZE))
		return -ECHECKSUM;
	out->revision = rd8(b + 15);
	out->rsdt = rd32(b + 16);
	out->xsdt = 0;
	if (out->revision < 2)
		return 0;
	if (len < ACPI_RSDP_V2_SIZE)
		return -ERANGE;
	xlen = rd32(b + 20);
	if (xlen < ACPI_RSDP_V2_SIZE || xlen > len)
		return -ERANGE;
	if (!acpi_checksum_ok(b, xlen))
		return -ECHECKSUM;
	out->xsdt = rd64(b + 24);
	return 0;
}

long acpi_rsdp_scan(const void *p, size_t len)
{
	const u8 *b = p;
	struct acpi_rsdp_info info;
	size_t off;

	for (off = 0; off + ACPI_RSDP_V1_SIZE <= len; off += 16)
		if (!memcmp(b + off, "RSD PTR ", 8) &&
		    !acpi_rsdp_parse(b + off, len - off, &info))
			return (long)off;
	return -ENOENT;
}

int acpi_sdt_check(const void *p, size_t len, const char *sig, u32 *table_len)
{
	const u8 *b = p;
	u32 tlen;

	if (len < ACPI_SDT_HEADER_SIZE)
		return -ERANGE;
	if (sig && memcmp(b, sig, 4))
		return -EINVAL;
	tlen = rd32(b + 4);
	if (tlen < ACPI_SDT_HEADER_SIZE)
		return -EINVAL;
	if (tlen > len)
		return -ERANGE;
	if (!acpi_checksum_ok(b, tlen))
		return -ECHECKSUM;
	*table_len = tlen;
	return 0;
}

int acpi_sdt_entries(const void *p, u32 table_len, unsigned int entry_size,
		     u64 *out, unsigned int max, unsigned int *n)
{
	const u8 *b = p;
	u32 off;

	if ((entry_size != 4 && entry_size != 8) || table_len < ACPI_SDT_HEADER_SIZE)
		return -EINVAL;
	if ((table_len - ACPI_SDT_HEADER_SIZE) % entry_size)
		return -EINVAL;
	*n = 0;
	for (off = ACPI_SDT_HEADER_SIZE; off < table_len && *n < max; off += entry_size)
		out[(*n)++] = entry_size == 4 ? rd32(b + off) : rd64(b + off);
	return 0;
}

/* One usable CPU, unless the table is silly enough to list it twice. */
static void madt_add_cpu(struct acpi_madt_info *info, u32 apic_id, u32 uid,
			 u32 flags, bool x2apic)
{
	unsigned int i;

	if (!(flags & CPU_ENABLED)) {
		if (flags & CPU_ONLINE_CAPABLE)
			info->ncpus_hotplug++;
		else
			info->ncpus_disabled++;
		return;
	}
	for (i = 0; i < info->ncpus; i++)
		if (info->cpus[i].apic_id == apic_id)
			return;
	if (info->ncpus == ACPI_MADT_MAX_CPUS) {
		info->ncpus_dropped++;
		return;
	}
	info->cpus[info->ncpus++] = (struct acpi_cpu){
		.apic_id = apic_id, .uid = uid, .x2apic = x2apic };
}

static void madt_add_nmi(struct acpi_madt_info *info, u32 uid, u16 flags, u8 lint)
{
	if (info->nnmis < ACPI_MADT_MAX_NMIS)
		info->nmis[info->nnmis++] = (struct acpi_nmi){
			.uid = uid, .flags = flags, .lint = lint };
}

/* One entry of len bytes (len >= 2 checked by the caller). */
static int madt_entry(struct acpi_madt_info *info, const u8 *e, u8 len)
{
	switch (rd8(e)) {
	case MADT_LAPIC:
		if (len < 8)
			return -EINVAL;
		if (rd8(e + 3) != XAPIC_ID_INVALID)
			madt_add_cpu(info, rd8(e + 3), rd8(e + 2), rd32(e + 4), false);
		return 0;
	case MADT_IOAPIC:
		if (len < 12)
			return -EINVAL;
		if (info->nioapics < ACPI_MADT_MAX_IOAPICS)
			info->ioapics[info->nioapics++] = (struct acpi_ioapic){
				.id = rd8(e + 2), .addr = rd32(e + 4), .gsi_base = rd32(e + 8) };
		return 0;
	case MADT_OVERRIDE:
		if (len < 10)
			return -EINVAL;
		if (info->noverrides < ACPI_MADT_MAX_OVERRIDES)
			info->overrides[info->noverrides++] = (struct acpi_override){
				.bus = rd8(e + 2), .source = rd8(e + 3),
				.gsi = rd32(e + 4), .flags = rd16(e + 8) };
		return 0;
	case MADT_NMI:
		if (len < 6)
			return -EINVAL;
		madt_add_nmi(info, rd8(e + 2) == XAPIC_UID_ALL ? ACPI_CPU_UID_ALL : rd8(e + 2),
			     rd16(e + 3), rd8(e + 5));
		return 0;
	case MADT_LAPIC_ADDR:
		if (len < 12)
			return -EINVAL;
		info->lapic_addr = rd64(e + 4);
		return 0;
	case MADT_X2APIC:
		if (len < 16)
			return -EINVAL;
		madt_add_cpu(info, rd32(e + 4), rd32(e + 12), rd32(e + 8), true);
		return 0;
	case MADT_X2APIC_NMI:
		if (len < 12)
			return -EINVAL;
		madt_add_nmi(info, rd32(e + 4), rd16(e + 2), rd8(e + 8));
		return 0;
	default:
		info->nunknown++;
		return 0;
	}
}

int acpi_madt_parse(const void *p, u32 table_len, struct acpi_madt_info *info)
{
	const u8 *b = p;
	u32 off;
	int err;

	memset(info, 0, sizeof(*info));
	if (table_len < MADT_ENTRIES_OFF || memcmp(b, "APIC", 4))
		return -EINVAL;
	info->lapic_addr = rd32(b + 36);
	info->flags = rd32(b + 40);
	for (off = MADT_ENTRIES_OFF; off < table_len;) {
		u8 len;

		if (table_len - off < 2)
			return -EINVAL;
		len = rd8(b + off + 1);
		if (len < 2 || len > table_len - off)
			return -EINVAL;
		err = madt_entry(info, b + off, len);
		if (err)
			return err;
		off += len;
	}
	return 0;
}
