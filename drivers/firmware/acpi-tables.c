/*
 * ACPI table parsing, with no hardware access (see include/sis/acpi_tables.h).
 *
 * The RSDP ("RSD PTR ") points at the RSDT (32-bit entries) and, from
 * ACPI 2.0, the XSDT (64-bit entries). Every system description table
 * starts with a 36-byte header whose length covers the whole table and
 * whose bytes sum to zero. The MADT ("APIC") is that header, a 32-bit
 * local APIC address, 32-bit flags, then entries {u8 type, u8 length, ...}.
 * The FADT ("FACP") and the HPET table are fields at fixed offsets (ACPI
 * 6.5 5.2.9; IA-PC HPET 1.0a 3.2.4), registers as Generic Address
 * Structures. Fields are little-endian and unaligned: read them with
 * memcpy.
 *
 * The DSDT is AML. Of it we read only the \_S5 package, as ASL compilers
 * emit it (ACPI 6.5 20.2): NameOp (0x08), an optional root prefix '\',
 * the NameSeg "_S5_", PackageOp (0x12), a PkgLength (1 to 4 bytes; it
 * counts itself), NumElements, then each element a ZeroOp, OneOp, or a
 * Byte/Word/DWord/QWord prefix and its constant.
 */
#include <sis/acpi_tables.h>
#include <sis/compiler.h>
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

#define FADT_DSDT		40
#define FADT_SMI_CMD		48
#define FADT_ACPI_ENABLE	52
#define FADT_PM1A_CNT_BLK	64
#define FADT_PM1B_CNT_BLK	68
#define FADT_PM_TMR_BLK		76
#define FADT_PM1_CNT_LEN	89
#define FADT_PM_TMR_LEN		91
#define FADT_FLAGS		112
#define FADT_V1_SIZE		116	/* ACPI 1.0: up to the flags */
#define FADT_RESET_REG		116
#define FADT_RESET_VALUE	128
#define FADT_X_DSDT		140
#define FADT_X_PM1A_CNT_BLK	172
#define FADT_X_PM1B_CNT_BLK	184
#define FADT_X_PM_TMR_BLK	208
#define GAS_SIZE		12

#define HPET_BLOCK_ID		36
#define HPET_BASE		40
#define HPET_NUMBER		52
#define HPET_MIN_TICK		53
#define HPET_SIZE		56

#define AML_NAME_OP		0x08
#define AML_ROOT_CHAR		'\\'
#define AML_PACKAGE_OP		0x12
#define AML_ZERO_OP		0x00
#define AML_ONE_OP		0x01
#define AML_BYTE_PREFIX		0x0a
#define AML_WORD_PREFIX		0x0b
#define AML_DWORD_PREFIX	0x0c
#define AML_QWORD_PREFIX	0x0e

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
	else
		info->ndropped++;
}

/*
 * The subtables of a MADT or SRAT from off on: type, length, body. Each
 * must lie wholly inside the table and be at least 2 bytes long, or the
 * table is refused; entry() sees each with its length.
 */
static int walk_subtables(const u8 *b, u32 table_len, u32 off,
			  int (*entry)(void *info, const u8 *e, u8 len), void *info)
{
	int err;

	while (off < table_len) {
		u8 len;

		if (table_len - off < 2)
			return -EINVAL;
		len = rd8(b + off + 1);
		if (len < 2 || len > table_len - off)
			return -EINVAL;
		err = entry(info, b + off, len);
		if (err)
			return err;
		off += len;
	}
	return 0;
}

/* One entry of len bytes (len >= 2 checked by the caller). */
static int madt_entry(void *arg, const u8 *e, u8 len)
{
	struct acpi_madt_info *info = arg;

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
		else
			info->ndropped++;
		return 0;
	case MADT_OVERRIDE:
		if (len < 10)
			return -EINVAL;
		if (info->noverrides < ACPI_MADT_MAX_OVERRIDES)
			info->overrides[info->noverrides++] = (struct acpi_override){
				.bus = rd8(e + 2), .source = rd8(e + 3),
				.gsi = rd32(e + 4), .flags = rd16(e + 8) };
		else
			info->ndropped++;
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

	memset(info, 0, sizeof(*info));
	if (table_len < MADT_ENTRIES_OFF || memcmp(b, "APIC", 4))
		return -EINVAL;
	info->lapic_addr = rd32(b + 36);
	info->flags = rd32(b + 40);
	return walk_subtables(b, table_len, MADT_ENTRIES_OFF, madt_entry, info);
}

static struct acpi_gas rd_gas(const u8 *p)
{
	return (struct acpi_gas){ .space = rd8(p), .bit_width = rd8(p + 1),
				  .bit_offset = rd8(p + 2), .access_size = rd8(p + 3),
				  .addr = rd64(p + 4) };
}

/* An I/O port block of the 32-bit FADT fields: port 0 means none. */
static struct acpi_gas io_block(u32 port, u8 len)
{
	return (struct acpi_gas){ .space = ACPI_GAS_IO, .bit_width = (u8)(len * 8),
				  .addr = port };
}

/* The X_ field at off when the table holds it and it is set, else legacy. */
static struct acpi_gas fadt_block(const u8 *b, u32 table_len, u32 off, struct acpi_gas legacy)
{
	struct acpi_gas x;

	if (table_len < off + GAS_SIZE)
		return legacy;
	x = rd_gas(b + off);
	return x.addr ? x : legacy;
}

int acpi_fadt_parse(const void *p, u32 table_len, struct acpi_fadt_info *info)
{
	const u8 *b = p;
	u8 tmr_len, cnt_len;

	memset(info, 0, sizeof(*info));
	if (table_len < ACPI_SDT_HEADER_SIZE || memcmp(b, ACPI_SIG_FADT, 4))
		return -EINVAL;
	if (table_len < FADT_V1_SIZE)
		return -ERANGE;
	info->revision = rd8(b + 8);
	info->flags = rd32(b + FADT_FLAGS);
	info->dsdt = rd32(b + FADT_DSDT);
	if (table_len >= FADT_X_DSDT + 8 && rd64(b + FADT_X_DSDT))
		info->dsdt = rd64(b + FADT_X_DSDT);
	info->smi_cmd = rd32(b + FADT_SMI_CMD);
	info->acpi_enable = rd8(b + FADT_ACPI_ENABLE);
	cnt_len = rd8(b + FADT_PM1_CNT_LEN);
	info->pm1a_cnt = fadt_block(b, table_len, FADT_X_PM1A_CNT_BLK,
				    io_block(rd32(b + FADT_PM1A_CNT_BLK), cnt_len));
	info->pm1b_cnt = fadt_block(b, table_len, FADT_X_PM1B_CNT_BLK,
				    io_block(rd32(b + FADT_PM1B_CNT_BLK), cnt_len));
	/* PM_TMR_LEN is 4 when there is a PM timer, 0 when not. */
	tmr_len = rd8(b + FADT_PM_TMR_LEN);
	info->pm_tmr = fadt_block(b, table_len, FADT_X_PM_TMR_BLK,
				  io_block(tmr_len == 4 ? rd32(b + FADT_PM_TMR_BLK) : 0, tmr_len));
	if (table_len >= FADT_RESET_VALUE + 1) {
		info->reset_reg = rd_gas(b + FADT_RESET_REG);
		info->reset_value = rd8(b + FADT_RESET_VALUE);
	}
	return 0;
}

int acpi_hpet_parse(const void *p, u32 table_len, struct acpi_hpet_info *info)
{
	const u8 *b = p;

	memset(info, 0, sizeof(*info));
	if (table_len < ACPI_SDT_HEADER_SIZE || memcmp(b, ACPI_SIG_HPET, 4))
		return -EINVAL;
	if (table_len < HPET_SIZE)
		return -ERANGE;
	info->block_id = rd32(b + HPET_BLOCK_ID);
	info->base = rd_gas(b + HPET_BASE);
	info->number = rd8(b + HPET_NUMBER);
	info->min_tick = rd16(b + HPET_MIN_TICK);
	if (info->base.space != ACPI_GAS_MEMORY || !info->base.addr)
		return -EINVAL;
	return 0;
}

/* A PkgLength at b[*off] (end: the table's length): the package's end offset. */
static int aml_pkg_end(const u8 *b, u32 *off, u32 end, u32 *pkg_end)
{
	u32 start = *off, len, extra, i;
	u8 lead;

	if (*off >= end)
		return -ERANGE;
	lead = rd8(b + *off);
	extra = lead >> 6;
	if (end - *off < 1 + extra)
		return -ERANGE;
	len = extra ? lead & 0x0f : lead & 0x3f;
	for (i = 0; i < extra; i++)
		len |= (u32)rd8(b + *off + 1 + i) << (4 + 8 * i);
	*off += 1 + extra;
	if (len < 1 + extra || len > end - start)
		return len < 1 + extra ? -EINVAL : -ERANGE;
	*pkg_end = start + len;
	return 0;
}

/* One integer constant at b[*off], before end. */
static int aml_integer(const u8 *b, u32 *off, u32 end, u64 *v)
{
	static const u8 size_of[] = { [AML_BYTE_PREFIX] = 1, [AML_WORD_PREFIX] = 2,
				      [AML_DWORD_PREFIX] = 4, [AML_QWORD_PREFIX] = 8 };
	u8 op, n, i;

	if (*off >= end)
		return -ERANGE;
	op = rd8(b + (*off)++);
	if (op == AML_ZERO_OP || op == AML_ONE_OP) {
		*v = op;
		return 0;
	}
	n = op < sizeof(size_of) ? size_of[op] : 0;
	if (!n)
		return -EINVAL;
	if (end - *off < n)
		return -ERANGE;
	for (i = 0, *v = 0; i < n; i++)
		*v |= (u64)rd8(b + *off + i) << (8 * i);
	*off += n;
	return 0;
}

/* The package at b[off], right after a NameOp's "_S5_". */
static int s5_package(const u8 *b, u32 off, u32 table_len, u8 *typa, u8 *typb)
{
	u32 end;
	u64 a, v;
	u8 count;
	int err;

	if (off >= table_len)
		return -ERANGE;
	if (rd8(b + off++) != AML_PACKAGE_OP)
		return -EINVAL;
	err = aml_pkg_end(b, &off, table_len, &end);
	if (err)
		return err;
	if (off >= end)
		return -EINVAL;
	count = rd8(b + off++);
	if (count < 1)
		return -EINVAL;
	err = aml_integer(b, &off, end, &a);
	if (err)
		return err;
	v = a;
	if (count >= 2) {
		err = aml_integer(b, &off, end, &v);
		if (err)
			return err;
	}
	if (a > ACPI_SLP_TYP_MAX || v > ACPI_SLP_TYP_MAX)
		return -EINVAL;
	*typa = (u8)a;
	*typb = (u8)v;
	return 0;
}

/* True when the NameSeg at b[i] is named by a NameOp, with or without a root prefix. */
static bool named_here(const u8 *b, u32 i)
{
	if (i >= ACPI_SDT_HEADER_SIZE + 1 && rd8(b + i - 1) == AML_NAME_OP)
		return true;
	return i >= ACPI_SDT_HEADER_SIZE + 2 && rd8(b + i - 1) == AML_ROOT_CHAR &&
	       rd8(b + i - 2) == AML_NAME_OP;
}

int acpi_s5_parse(const void *p, u32 table_len, u8 *slp_typa, u8 *slp_typb)
{
	const u8 *b = p;
	u32 i;

	if (table_len < ACPI_SDT_HEADER_SIZE)
		return -EINVAL;
	for (i = ACPI_SDT_HEADER_SIZE; table_len - i >= 4; i++)
		if (!memcmp(b + i, "_S5_", 4) && named_here(b, i))
			return s5_package(b, i + 4, table_len, slp_typa, slp_typb);
	return -ENOENT;
}

/* ---------------------------------------------------------------- SRAT, SLIT */

#define SRAT_ENTRIES_OFF	48	/* header, then 4 + 8 reserved bytes */
#define SRAT_LAPIC		0
#define SRAT_MEMORY		1
#define SRAT_X2APIC		2
#define SRAT_ENABLED		BIT(0)
#define SLIT_MATRIX_OFF		44	/* header, then the u64 locality count */

static void srat_add_cpu(struct acpi_srat_info *info, u32 apic_id, u32 domain)
{
	if (info->ncpus == ACPI_MADT_MAX_CPUS) {
		info->ndropped++;
		return;
	}
	info->cpus[info->ncpus++] = (struct acpi_srat_cpu){ apic_id, domain };
}

static void srat_add_mem(struct acpi_srat_info *info, u64 base, u64 size, u32 domain)
{
	if (info->nmem == ACPI_SRAT_MAX_MEM) {
		info->ndropped++;
		return;
	}
	info->mem[info->nmem++] = (struct acpi_srat_mem){ base, size, domain };
}

/* One entry of len bytes (len >= 2 checked by the caller). */
static int srat_entry(void *arg, const u8 *e, u8 len)
{
	struct acpi_srat_info *info = arg;

	switch (rd8(e)) {
	case SRAT_LAPIC:
		if (len < 16)
			return -EINVAL;
		if (rd32(e + 4) & SRAT_ENABLED)
			srat_add_cpu(info, rd8(e + 3), rd8(e + 2) | (u32)rd8(e + 9) << 8 |
				     (u32)rd8(e + 10) << 16 | (u32)rd8(e + 11) << 24);
		return 0;
	case SRAT_MEMORY:
		if (len < 40)
			return -EINVAL;
		if ((rd32(e + 28) & SRAT_ENABLED) && rd64(e + 16))
			srat_add_mem(info, rd64(e + 8), rd64(e + 16), rd32(e + 2));
		return 0;
	case SRAT_X2APIC:
		if (len < 24)
			return -EINVAL;
		if (rd32(e + 12) & SRAT_ENABLED)
			srat_add_cpu(info, rd32(e + 8), rd32(e + 4));
		return 0;
	default:
		return 0;	/* GICC, GIC ITS, generic initiators: not used here */
	}
}

int acpi_srat_parse(const void *p, u32 table_len, struct acpi_srat_info *info)
{
	const u8 *b = p;

	memset(info, 0, sizeof(*info));
	if (table_len < SRAT_ENTRIES_OFF || memcmp(b, ACPI_SIG_SRAT, 4))
		return -EINVAL;
	return walk_subtables(b, table_len, SRAT_ENTRIES_OFF, srat_entry, info);
}

int acpi_slit_parse(const void *p, u32 table_len, struct acpi_slit_info *info)
{
	const u8 *b = p;
	u64 n;
	unsigned int i, j;

	memset(info, 0, sizeof(*info));
	if (table_len < SLIT_MATRIX_OFF || memcmp(b, ACPI_SIG_SLIT, 4))
		return -EINVAL;
	n = rd64(b + 36);
	/* n * n bytes must fit: n at most 2^16 keeps the product in range. */
	if (n > 0xffff || n * n > table_len - SLIT_MATRIX_OFF)
		return -EINVAL;
	info->nlocalities = (unsigned int)n;
	info->n = MIN(info->nlocalities, (unsigned int)ACPI_NODES_MAX);
	for (i = 0; i < info->n; i++)
		for (j = 0; j < info->n; j++)
			info->dist[i][j] = rd8(b + SLIT_MATRIX_OFF + i * n + j);
	return 0;
}
