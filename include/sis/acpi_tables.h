/*
 * ACPI table parsing (drivers/firmware/acpi-tables.c): plain C over
 * (pointer, length), no hardware access, so host unit tests run it on
 * tables they build. Every function checks lengths before reading and
 * returns 0 or a negative errno (-EINVAL malformed, -ERANGE truncated,
 * -ECHECKSUM bad checksum, -ENOENT not found).
 *
 * The result of the MADT parse is also the table handed (fw_device.table)
 * to the drivers matched by it: the LAPIC irqchip, the LAPIC timer and
 * INIT-SIPI.
 */
#ifndef SIS_ACPI_TABLES_H
#define SIS_ACPI_TABLES_H

#include <sis/types.h>

#define ACPI_SIG_MADT		"APIC"	/* the MADT's signature */

#define ACPI_SDT_HEADER_SIZE	36
#define ACPI_RSDP_V1_SIZE	20
#define ACPI_RSDP_V2_SIZE	36

#define ACPI_MADT_MAX_CPUS	256
#define ACPI_MADT_MAX_IOAPICS	8
#define ACPI_MADT_MAX_OVERRIDES	16
#define ACPI_MADT_MAX_NMIS	16

#define ACPI_MADT_PCAT_COMPAT	(1u << 0)	/* MADT flags: dual 8259 present */
#define ACPI_CPU_UID_ALL	0xffffffffu	/* NMI entry for every CPU */

/* Interrupt source override / NMI flags (MPS INTI flags). */
#define ACPI_INTI_POLARITY(f)	((f) & 0x3)		/* 0 bus default, 1 high, 3 low */
#define ACPI_INTI_TRIGGER(f)	(((f) >> 2) & 0x3)	/* 0 bus default, 1 edge, 3 level */

struct acpi_rsdp_info {
	u8 revision;
	u64 rsdt;		/* 32-bit RSDT address, 0 if none */
	u64 xsdt;		/* 64-bit XSDT address (revision >= 2), 0 if none */
};

struct acpi_cpu {
	u32 apic_id;
	u32 uid;		/* ACPI processor UID */
	bool x2apic;		/* from a type 9 entry */
};

struct acpi_ioapic {
	u32 id;
	u32 addr;
	u32 gsi_base;
};

struct acpi_override {
	u8 bus;
	u8 source;		/* ISA IRQ */
	u32 gsi;
	u16 flags;
};

struct acpi_nmi {
	u32 uid;		/* ACPI_CPU_UID_ALL: every CPU */
	u16 flags;
	u8 lint;		/* LINT0 or LINT1 */
};

struct acpi_madt_info {
	u64 lapic_addr;		/* after any type 5 override */
	u32 flags;
	unsigned int ncpus;	/* enabled CPUs, in table order */
	struct acpi_cpu cpus[ACPI_MADT_MAX_CPUS];
	unsigned int ncpus_hotplug;	/* disabled but online-capable: not started */
	unsigned int ncpus_disabled;	/* disabled, not online-capable: absent */
	unsigned int ncpus_dropped;	/* enabled CPUs beyond ACPI_MADT_MAX_CPUS */
	unsigned int nioapics;
	struct acpi_ioapic ioapics[ACPI_MADT_MAX_IOAPICS];
	unsigned int noverrides;
	struct acpi_override overrides[ACPI_MADT_MAX_OVERRIDES];
	unsigned int nnmis;
	struct acpi_nmi nmis[ACPI_MADT_MAX_NMIS];
	unsigned int nunknown;	/* entries of other types, skipped */
};

/* True when the bytes of [p, p + len) sum to zero (mod 256). */
bool acpi_checksum_ok(const void *p, size_t len);
/* Validate the RSDP at p (len readable bytes) and read its addresses. */
int acpi_rsdp_parse(const void *p, size_t len, struct acpi_rsdp_info *out);
/* Find a valid RSDP on a 16-byte boundary in [p, p + len): its offset, or -ENOENT. */
long acpi_rsdp_scan(const void *p, size_t len);
/*
 * Validate an SDT header at p with len readable bytes: signature sig (4
 * chars, NULL: any), length within [36, len], checksum. On success
 * *table_len is the length the header claims.
 */
int acpi_sdt_check(const void *p, size_t len, const char *sig, u32 *table_len);
/*
 * The entries of a validated RSDT (entry_size 4) or XSDT (8) of table_len
 * bytes: up to max addresses in out, the count in *n.
 */
int acpi_sdt_entries(const void *p, u32 table_len, unsigned int entry_size,
		     u64 *out, unsigned int max, unsigned int *n);
/* Parse a validated MADT of table_len bytes. */
int acpi_madt_parse(const void *p, u32 table_len, struct acpi_madt_info *info);

#endif /* SIS_ACPI_TABLES_H */
