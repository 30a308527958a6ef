/*
 * ACPI platform setup for the PC: find the RSDP (the multiboot2 copy, or
 * a scan of the BIOS areas), walk the XSDT (or the RSDT when there is no
 * valid XSDT) to the MADT, and fill struct platform: the CPUs in MADT
 * order, the LAPIC irqchip and timer and INIT-SIPI, all handed the parsed
 * MADT as their firmware node. A table with a bad checksum is reported
 * and ignored; without a usable MADT the machine boots on one CPU.
 *
 * Tables are read in place through the identity map (below 4 GiB).
 */
#include <sis/acpi.h>
#include <sis/acpi_tables.h>
#include <sis/arch.h>
#include <sis/driver.h>
#include <sis/errno.h>
#include <sis/platform.h>
#include <sis/printk.h>
#include <sis/string.h>
#include <asm/cpu.h>

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

		if (!t || t[0] != 'A' || t[1] != 'P' || t[2] != 'I' || t[3] != 'C')
			continue;
		*why = "no valid MADT";
		if (!get_table(tables[i], "APIC", &tlen))
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
		madt.ncpus, madt.nioapics, madt.noverrides,
		(unsigned long long)madt.lapic_addr);
	if (madt.ncpus_hotplug)
		pr_info("[ACPI] %u online-capable CPU(s) not enabled by firmware: not started\n",
			madt.ncpus_hotplug);
	if (madt.ncpus_disabled)
		pr_info("[ACPI] %u CPU slot(s) marked disabled (not present)\n",
			madt.ncpus_disabled);
	if (madt.ncpus_dropped)
		pr_warn("[ACPI] %u enabled CPU(s) beyond %d MADT entries: ignored\n",
			madt.ncpus_dropped, ACPI_MADT_MAX_CPUS);
}

int acpi_platform_init(const struct boot_info *bi)
{
	const char *why;
	unsigned int i;

	platform.poweroff = x86_poweroff;
	if (find_madt(bi, &why)) {
		pr_warn("[ACPI] %s: booting on one CPU\n", why);
		/* No I/O APIC; the LAPIC driver reads its address from IA32_APIC_BASE. */
		memset(&madt, 0, sizeof(madt));
		platform_add_cpu(arch_cpu_hwid());
	} else {
		report_madt();
		for (i = 0; i < madt.ncpus; i++)
			platform_add_cpu(madt.cpus[i].apic_id);
	}
	platform_cpus_done();
	platform.irqchip = driver_find(DRV_IRQCHIP, "acpi,lapic");
	platform.irqchip_fw = &madt;
	platform.timer = driver_find(DRV_TIMER, "acpi,lapic-timer");
	platform.timer_fw = &madt;
	platform.enable_method = driver_find(DRV_CPU_METHOD, "acpi,init-sipi");
	platform.enable_fw = &madt;
	return 0;
}
