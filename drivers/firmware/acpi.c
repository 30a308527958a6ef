/*
 * ACPI, the PC's firmware description (include/sis/firmware.h): find the
 * RSDP (the multiboot2 copy, or a scan of the BIOS areas), walk the XSDT
 * (or the RSDT when there is no valid XSDT) to the MADT, and describe
 * the machine: the MADT's enabled CPUs in table order, and for each
 * driver class the first driver whose match names the MADT ("APIC": the
 * local APIC, its timer, INIT-SIPI), handed the parsed table. A table
 * with a bad checksum is reported and ignored.
 *
 * Tables are read in place through the identity map (below 4 GiB).
 */
#include <sis/acpi_tables.h>
#include <sis/clockevent.h>
#include <sis/cpu_ops.h>
#include <sis/errno.h>
#include <sis/firmware.h>
#include <sis/irqchip.h>
#include <sis/power.h>
#include <sis/printk.h>
#include <sis/string.h>

#define MAP_LIMIT	0x100000000ull
#define TABLE_MAX	(1u << 20)	/* larger than any sane SDT */
#define MAX_TABLES	64
#define EBDA_PTR	0x40e
#define BIOS_AREA	0xe0000
#define BIOS_AREA_LEN	0x20000

static struct acpi_madt_info madt;

/* Readable bytes at physical address addr, capped at TABLE_MAX; NULL if unmapped. */
static const void *phys_table(u64 addr, size_t *len)
{
	if (!addr || addr >= MAP_LIMIT - ACPI_SDT_HEADER_SIZE)
		return NULL;
	*len = MIN(MAP_LIMIT - addr, (u64)TABLE_MAX);
	return (const void *)(uintptr_t)addr;
}

/* Low physical memory, hidden from GCC's idea that address 0x40e is no object. */
static const void *low_phys(uintptr_t addr)
{
	__asm__("" : "+r"(addr));
	return (const void *)addr;
}

static const void *find_rsdp(const struct boot_info *bi)
{
	u64 ebda = (u64)*(const volatile u16 *)low_phys(EBDA_PTR) << 4;
	long off;

	if (bi->rsdp)
		return bi->rsdp;
	if (ebda >= 0x80000 && ebda < 0xa0000) {
		off = acpi_rsdp_scan(low_phys(ebda), 1024);
		if (off >= 0)
			return (const char *)low_phys(ebda) + off;
	}
	off = acpi_rsdp_scan(low_phys(BIOS_AREA), BIOS_AREA_LEN);
	return off >= 0 ? (const char *)low_phys(BIOS_AREA) + off : NULL;
}

/* A validated table at addr (sig or any), or NULL with the reason logged. */
static const void *get_table(u64 addr, const char *sig, u32 *tlen)
{
	size_t len;
	const void *t = phys_table(addr, &len);
	int err;

	if (!t) {
		pr_warn("[ACPI] %s at 0x%llx is outside the identity map: ignored\n",
			sig, (unsigned long long)addr);
		return NULL;
	}
	err = acpi_sdt_check(t, len, sig, tlen);
	if (err == -ECHECKSUM)
		pr_warn("[ACPI] %s at 0x%llx has a bad checksum: ignored\n", sig,
			(unsigned long long)addr);
	else if (err)
		pr_warn("[ACPI] %s at 0x%llx is malformed (%s): ignored\n", sig,
			(unsigned long long)addr, err_name(err));
	return err ? NULL : t;
}

/* The root table's entries: the XSDT's when it is valid, else the RSDT's. */
static int root_entries(const struct acpi_rsdp_info *r, u64 *out, unsigned int *n)
{
	const void *t;
	u32 tlen;

	if (r->xsdt) {
		t = get_table(r->xsdt, "XSDT", &tlen);
		if (t)
			return acpi_sdt_entries(t, tlen, 8, out, MAX_TABLES, n);
		if (r->rsdt)
			pr_warn("[ACPI] falling back to the RSDT\n");
	}
	t = get_table(r->rsdt, "RSDT", &tlen);
	if (!t)
		return -ENOENT;
	return acpi_sdt_entries(t, tlen, 4, out, MAX_TABLES, n);
}

/* The first valid MADT the root table lists, parsed into madt. */
static int find_madt(const struct boot_info *bi, const char **why)
{
	const void *rsdp = find_rsdp(bi);
	struct acpi_rsdp_info r;
	u64 tables[MAX_TABLES];
	unsigned int n, i;
	int err;

	*why = "no ACPI RSDP (none from the boot loader, none in the BIOS area)";
	if (!rsdp)
		return -ENOENT;
	err = acpi_rsdp_parse(rsdp, ACPI_RSDP_V2_SIZE, &r);
	*why = "the ACPI RSDP is invalid";
	if (err) {
		pr_warn("[ACPI] RSDP: %s\n", err == -ECHECKSUM ? "bad checksum" : err_name(err));
		return err;
	}
	pr_info("[ACPI] RSDP rev %u, OEM \"%.6s\", %s\n", r.revision,
		(const char *)rsdp + 9, bi->rsdp ? "from the boot loader" : "found in the BIOS area");
	*why = "no valid XSDT or RSDT";
	if (root_entries(&r, tables, &n))
		return -ENOENT;
	*why = "the ACPI tables have no MADT";
	for (i = 0; i < n; i++) {
		size_t len;
		const char *t = phys_table(tables[i], &len);
		u32 tlen;

		if (!t || memcmp(t, ACPI_SIG_MADT, 4))
			continue;
		*why = "no valid MADT";
		if (!get_table(tables[i], ACPI_SIG_MADT, &tlen))
			continue;
		err = acpi_madt_parse(t, tlen, &madt);
		if (!err && madt.ncpus)
			return 0;
		pr_warn("[ACPI] MADT at 0x%llx %s: ignored\n", (unsigned long long)tables[i],
			err ? "is malformed" : "lists no enabled CPU");
	}
	return -ENOENT;
}

static void report_madt(void)
{
	pr_info("[ACPI] MADT: %u CPU(s), %u I/O APIC(s), %u override(s), LAPIC at 0x%llx\n",
		madt.ncpus + madt.ncpus_dropped, madt.nioapics, madt.noverrides,
		(unsigned long long)madt.lapic_addr);
	if (madt.ncpus_hotplug)
		pr_info("[ACPI] %u online-capable CPU(s) not enabled by firmware: not started\n",
			madt.ncpus_hotplug);
	if (madt.ncpus_disabled)
		pr_info("[ACPI] %u CPU slot(s) marked disabled (not present)\n",
			madt.ncpus_disabled);
}

static void describe_cpus(struct fw_machine *m)
{
	unsigned int i;

	for (i = 0; i < madt.ncpus && i < FW_CPUS_MAX; i++) {
		m->cpus[i].hwid = madt.cpus[i].apic_id;
		m->cpus[i].flags = FW_CPU_ENABLED;
	}
	m->ncpus = i;
	m->ncpus_dropped = madt.ncpus - i + madt.ncpus_dropped;
}

/* The device a driver described by ACPI table sig is handed. */
static void describe_table(struct fw_device *dev, const char *sig, const void *table)
{
	dev->compatible = sig;
	dev->node = FW_NO_NODE;
	dev->table = table;
}

static bool names_table(const struct driver_match *match, const char *sig)
{
	return match->acpi && !strcmp(match->acpi, sig);
}

/* Each class's first driver that table sig describes, handed the parsed table. */
#define MATCH_TABLE(cls, field, sig, table)					\
	do {									\
		__typeof__(*__drivers_##cls##_start) const *d_;			\
		for_each_driver(cls, d_) {					\
			if (!m->field && names_table(&(*d_)->match, sig)) {	\
				m->field = *d_;					\
				describe_table(&m->field##_dev, sig, table);	\
			}							\
		}								\
	} while (0)

static void match_drivers(struct fw_machine *m, const char *sig, const void *table)
{
	MATCH_TABLE(irqchip, irqchip, sig, table);
	MATCH_TABLE(timer, timer, sig, table);
	MATCH_TABLE(cpu_method, enable_method, sig, table);
	MATCH_TABLE(power, power, sig, table);
}

/*
 * Without a usable MADT nothing is described: the machine runs on the
 * boot CPU, with the drivers every PC has (include/sis/platform.h).
 */
/* ACPI describes no machine compatible strings. */
bool fw_machine_compatible(const char *compat)
{
	return false;
}

int fw_probe(const struct boot_info *bi, struct fw_machine *m)
{
	const char *why;

	if (find_madt(bi, &why)) {
		pr_warn("[ACPI] %s: booting on one CPU\n", why);
		return 0;
	}
	report_madt();
	describe_cpus(m);
	match_drivers(m, ACPI_SIG_MADT, &madt);
	return 0;
}
