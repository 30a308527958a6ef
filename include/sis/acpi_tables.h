/*
 * ACPI table parsing (drivers/firmware/acpi-tables.c): plain C over
 * (pointer, length), no hardware access, so host unit tests run it on
 * tables they build. Every function checks lengths before reading and
 * returns 0 or a negative errno (-EINVAL malformed, -ERANGE truncated,
 * -ECHECKSUM bad checksum, -ENOENT not found).
 *
 * The result of a table's parse is also what the drivers matched by it
 * are handed (fw_device.table): the MADT's (struct acpi_madt_info) to the
 * LAPIC irqchip, the LAPIC timer and INIT-SIPI; the FADT's (struct
 * acpi_fadt_info, with the DSDT's \_S5 values) to the PM timer and the
 * PC power driver; the HPET table's (struct acpi_hpet_info) to the HPET.
 */
#ifndef SIS_ACPI_TABLES_H
#define SIS_ACPI_TABLES_H

#include <sis/types.h>

#define ACPI_SIG_MADT		"APIC"	/* the MADT's signature */
#define ACPI_SIG_FADT		"FACP"	/* the FADT's */
#define ACPI_SIG_HPET		"HPET"
#define ACPI_SIG_SRAT		"SRAT"	/* static resource affinity: NUMA */
#define ACPI_SIG_SLIT		"SLIT"	/* system locality distances */
#define ACPI_SIG_DSDT		"DSDT"

#define ACPI_SDT_HEADER_SIZE	36
#define ACPI_RSDP_V1_SIZE	20
#define ACPI_RSDP_V2_SIZE	36

/* As FW_CPUS_MAX: every enabled CPU is listed, as the CPUs detected line shows. */
#define ACPI_MADT_MAX_CPUS	512
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
	unsigned int ndropped;	/* I/O APIC, override and NMI entries beyond the above */
};

/* Generic Address Structure: where a register is. */
#define ACPI_GAS_MEMORY		0
#define ACPI_GAS_IO		1
#define ACPI_GAS_PCI_CONFIG	2	/* bus 0; addr: device << 32 | function << 16 | offset */

struct acpi_gas {
	u8 space;
	u8 bit_width;
	u8 bit_offset;
	u8 access_size;		/* 0: as the register's width, 1: byte ... 4: qword */
	u64 addr;		/* 0: no such register */
};

/* FADT flags */
#define ACPI_FADT_TMR_VAL_EXT	(1u << 8)	/* the PM timer counts 32 bits, else 24 */
#define ACPI_FADT_RESET_REG_SUP	(1u << 10)	/* the reset register works */
#define ACPI_FADT_HW_REDUCED	(1u << 20)	/* no PM1 blocks, no PM timer */

#define ACPI_PM_TIMER_HZ	3579545u	/* the ACPI PM timer's fixed rate */
#define ACPI_SLP_TYP_MAX	7		/* PM1_CNT.SLP_TYP is 3 bits */

struct acpi_fadt_info {
	u8 revision;
	u32 flags;
	u64 dsdt;		/* X_DSDT when given, else DSDT; 0: none */
	u32 smi_cmd;		/* port that switches to ACPI mode; 0: always in it */
	u8 acpi_enable;		/* the value to write there */
	struct acpi_gas pm1a_cnt;	/* PM1 control blocks; b is optional */
	struct acpi_gas pm1b_cnt;
	struct acpi_gas pm_tmr;		/* the PM timer; addr 0: none */
	struct acpi_gas reset_reg;	/* with ACPI_FADT_RESET_REG_SUP, FADT rev >= 2 */
	u8 reset_value;
	/* The DSDT's \_S5 package (acpi_s5_parse), filled in by drivers/firmware/acpi.c. */
	bool s5_valid;
	u8 slp_typa, slp_typb;
};

struct acpi_hpet_info {
	u32 block_id;		/* event timer block id: vendor, comparators */
	struct acpi_gas base;	/* the registers, in system memory */
	u8 number;
	u16 min_tick;
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
/*
 * Parse a validated FADT of table_len bytes (ACPI 1.0's 116 bytes or
 * more): the 64-bit X_ fields where the table is long enough and they are
 * set, the 32-bit ones otherwise. Leaves the \_S5 fields clear.
 */
int acpi_fadt_parse(const void *p, u32 table_len, struct acpi_fadt_info *info);
/* Parse a validated HPET table; -EINVAL unless its registers are in memory. */
int acpi_hpet_parse(const void *p, u32 table_len, struct acpi_hpet_info *info);
/*
 * Find "Name (\_S5, Package () { SLP_TYPa, SLP_TYPb, ... })" in the AML of
 * a validated DSDT of table_len bytes and read its first two integers
 * (SLP_TYPb = SLP_TYPa when there is one). Only that package is parsed:
 * -ENOENT when there is none, -EINVAL when its elements are not small
 * integer constants, -ERANGE when it runs past the table.
 */
int acpi_s5_parse(const void *p, u32 table_len, u8 *slp_typa, u8 *slp_typb);

/*
 * SRAT: which proximity domain each CPU (by APIC id) and each memory
 * range belongs to; only enabled entries are kept. SLIT: the relative
 * distance between localities (10: local), kept for the first
 * ACPI_NODES_MAX of them.
 */
#define ACPI_NODES_MAX		16
#define ACPI_SRAT_MAX_MEM	32

struct acpi_srat_cpu {
	u32 apic_id;
	u32 domain;
};

struct acpi_srat_mem {
	u64 base, size;
	u32 domain;
};

struct acpi_srat_info {
	unsigned int ncpus;
	struct acpi_srat_cpu cpus[ACPI_MADT_MAX_CPUS];
	unsigned int nmem;
	struct acpi_srat_mem mem[ACPI_SRAT_MAX_MEM];
	unsigned int ndropped;	/* enabled entries beyond the arrays */
};

struct acpi_slit_info {
	unsigned int n;		/* localities kept (at most ACPI_NODES_MAX) */
	unsigned int nlocalities;	/* as the table says */
	u8 dist[ACPI_NODES_MAX][ACPI_NODES_MAX];
};

int acpi_srat_parse(const void *p, u32 table_len, struct acpi_srat_info *info);
int acpi_slit_parse(const void *p, u32 table_len, struct acpi_slit_info *info);

#endif /* SIS_ACPI_TABLES_H */
