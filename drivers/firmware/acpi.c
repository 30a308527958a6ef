/*
 * ACPI, the PC's firmware description (include/sis/firmware.h): find the
 * RSDP (the multiboot2 copy, or a scan of the BIOS areas), walk the XSDT
 * (or the RSDT when there is no valid XSDT) and parse the tables drivers
 * are matched by: the MADT ("APIC": the CPUs in table order, the local
 * APIC, its timer, INIT-SIPI), the FADT ("FACP": the PM timer, power-off
 * and reset, with the DSDT's \_S5 package) and the HPET table. For each
 * driver class, the first driver (in link order) whose match names a
 * table found is handed that table's parse; every calibration reference
 * that names one is kept. A table with a bad checksum, or malformed, is
 * reported once and ignored; the machine goes on with what is left.
 *
 * Tables are read in place through the identity map, wherever they are
 * (x86_memremap() maps those above 4 GiB).
 */
#include <sis/acpi_tables.h>
#include <sis/clockevent.h>
#include <sis/cpu_ops.h>
#include <sis/errno.h>
#include <sis/firmware.h>
#include <sis/irqchip.h>
#include <sis/power.h>
#include <sis/printk.h>
#include <sis/refclock.h>
#include <sis/string.h>
#include <asm/io.h>
#include "acpi.h"

#define TABLE_MAX	(1u << 20)	/* larger than any sane SDT */
#define EBDA_PTR	0x40e
#define BIOS_AREA	0xe0000
#define BIOS_AREA_LEN	0x20000

static struct acpi_madt_info madt;
static struct acpi_fadt_info fadt;
static struct acpi_hpet_info hpet;

/*
 * The table at physical address addr, mapped: its header, then as many
 * bytes as the header claims (at most TABLE_MAX) in *len. NULL when it
 * cannot be mapped.
 */
static const void *phys_table(u64 addr, size_t *len)
{
	const u8 *t;
	u32 claimed;

	if (!addr || !x86_memremap(addr, ACPI_SDT_HEADER_SIZE))
		return NULL;
	t = (const u8 *)(uintptr_t)addr;
	memcpy(&claimed, t + 4, sizeof(claimed));
	*len = MIN(MAX(claimed, (u32)ACPI_SDT_HEADER_SIZE), TABLE_MAX);
	return x86_memremap(addr, *len);
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

const void *acpi_get_table(u64 addr, const char *sig, u32 *tlen)
{
	size_t len;
	const void *t = phys_table(addr, &len);
	int err;

	if (!t) {
		pr_warn("[ACPI] %s at 0x%llx cannot be mapped: ignored\n", sig,
			(unsigned long long)addr);
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
		t = acpi_get_table(r->xsdt, "XSDT", &tlen);
		if (t)
			return acpi_sdt_entries(t, tlen, 8, out, ACPI_TABLES_MAX, n);
		if (r->rsdt)
			pr_warn("[ACPI] falling back to the RSDT\n");
	}
	t = acpi_get_table(r->rsdt, "RSDT", &tlen);
	if (!t)
		return -ENOENT;
	return acpi_sdt_entries(t, tlen, 4, out, ACPI_TABLES_MAX, n);
}

/* The RSDP at rsdp and the addresses its root table lists; *why says what was missing. */
static int find_root(const void *rsdp, bool from_loader, struct acpi_root *root,
		     const char **why)
{
	struct acpi_rsdp_info r;
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
	pr_info("[ACPI] RSDP rev %u, OEM \"%.6s\", %s\n", r.revision, (const char *)rsdp + 9,
		from_loader ? "from the boot loader" : "found in the BIOS area");
	*why = "no valid XSDT or RSDT";
	return root_entries(&r, root->addr, &root->n) ? -ENOENT : 0;
}

u64 acpi_find(const struct acpi_root *root, const char *sig, unsigned int *from)
{
	for (; *from < root->n; (*from)++) {
		size_t len;
		const char *t = phys_table(root->addr[*from], &len);

		if (t && !memcmp(t, sig, 4))
			return root->addr[(*from)++];
	}
	return 0;
}

/* The first valid MADT that lists an enabled CPU, parsed into madt. */
static bool find_madt(const struct acpi_root *root)
{
	unsigned int from = 0;
	u64 addr;
	u32 tlen;
	int err;

	while ((addr = acpi_find(root, ACPI_SIG_MADT, &from))) {
		const void *t = acpi_get_table(addr, ACPI_SIG_MADT, &tlen);

		if (!t)
			continue;
		err = acpi_madt_parse(t, tlen, &madt);
		if (!err && madt.ncpus)
			return true;
		pr_warn("[ACPI] MADT at 0x%llx %s: ignored\n", (unsigned long long)addr,
			err ? "is malformed" : "lists no enabled CPU");
	}
	return false;
}

/* The \_S5 package of the FADT's DSDT into fadt, or one line saying why not. */
static void find_s5(void)
{
	const char *why;
	const void *t;
	u32 tlen;
	int err;

	if (!fadt.dsdt) {
		pr_warn("[ACPI] the FADT names no DSDT: no \\_S5 sleep type for power-off\n");
		return;
	}
	t = acpi_get_table(fadt.dsdt, ACPI_SIG_DSDT, &tlen);
	if (!t)
		return;
	err = acpi_s5_parse(t, tlen, &fadt.slp_typa, &fadt.slp_typb);
	fadt.s5_valid = !err;
	why = err == -ENOENT ? "has no \\_S5 package" :
	      err == -ERANGE ? "has a \\_S5 package running past its end" :
			       "has a \\_S5 package that is not two small integers";
	if (err)
		pr_warn("[ACPI] the DSDT at 0x%llx %s: no sleep type for power-off\n",
			(unsigned long long)fadt.dsdt, why);
}

/* The first valid table sig, parsed by parse into info; false (logged) when none. */
static bool find_parsed(const struct acpi_root *root, const char *sig,
			int (*parse)(const void *, u32, void *), void *info)
{
	unsigned int from = 0;
	u64 addr;
	u32 tlen;
	int err;

	while ((addr = acpi_find(root, sig, &from))) {
		const void *t = acpi_get_table(addr, sig, &tlen);

		if (!t)
			continue;
		err = parse(t, tlen, info);
		if (!err)
			return true;
		pr_warn("[ACPI] %s at 0x%llx is malformed (%s): ignored\n", sig,
			(unsigned long long)addr, err_name(err));
	}
	return false;
}

static int parse_fadt(const void *t, u32 len, void *info)
{
	return acpi_fadt_parse(t, len, info);
}

static int parse_hpet(const void *t, u32 len, void *info)
{
	return acpi_hpet_parse(t, len, info);
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
	if (madt.ndropped)
		pr_warn("[ACPI] MADT: %u I/O APIC, override or NMI entries beyond the %d/%d/%d "
			"kept: ignored\n", madt.ndropped, ACPI_MADT_MAX_IOAPICS,
			ACPI_MADT_MAX_OVERRIDES, ACPI_MADT_MAX_NMIS);
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

static int parse_srat(const void *t, u32 len, void *info)
{
	return acpi_srat_parse(t, len, info);
}

static int parse_slit(const void *t, u32 len, void *info)
{
	return acpi_slit_parse(t, len, info);
}

/* The SRAT domain of the CPU with APIC id apic_id; FW_NODE_NONE when it lists none. */
static u32 srat_domain(const struct acpi_srat_info *srat, u64 apic_id)
{
	unsigned int i;

	for (i = 0; i < srat->ncpus; i++)
		if (srat->cpus[i].apic_id == apic_id)
			return srat->cpus[i].domain;
	return FW_NODE_NONE;
}

/* NUMA from the SRAT (nodes of CPUs and memory) and the SLIT (distances). */
static void describe_numa(const struct acpi_root *root, struct fw_machine *m)
{
	static struct acpi_srat_info srat;
	static struct acpi_slit_info slit;
	unsigned int i, j;

	if (!find_parsed(root, ACPI_SIG_SRAT, parse_srat, &srat))
		return;
	m->numa = true;
	for (i = 0; i < m->ncpus; i++)
		m->cpus[i].node = srat_domain(&srat, m->cpus[i].hwid);
	for (i = 0; i < srat.nmem; i++) {
		if (m->nmem_nodes == FW_MEM_NODES_MAX) {
			m->numa_dropped++;
			continue;
		}
		m->mem_nodes[m->nmem_nodes++] = (struct fw_mem_node){
			.base = srat.mem[i].base, .size = srat.mem[i].size, .node = srat.mem[i].domain };
	}
	m->numa_dropped += srat.ndropped;
	if (!find_parsed(root, ACPI_SIG_SLIT, parse_slit, &slit))
		return;
	for (i = 0; i < slit.n && i < FW_NODES_MAX; i++)
		for (j = 0; j < slit.n && j < FW_NODES_MAX; j++)
			m->distance[i][j] = slit.dist[i][j];
	if (slit.nlocalities > FW_NODES_MAX)
		pr_warn("[ACPI] SLIT: %u localities, distances kept for the first %d\n",
			slit.nlocalities, FW_NODES_MAX);
}

/* The tables found, by signature: what a driver's match.acpi may name. */
struct found {
	const char *sig;
	const void *table;	/* the parse, handed as fw_device.table */
};

/* The parse of table sig when it was found, else NULL. */
static const void *found_table(const struct found *f, unsigned int n, const char *sig)
{
	unsigned int i;

	for (i = 0; sig && i < n; i++)
		if (!strcmp(f[i].sig, sig))
			return f[i].table;
	return NULL;
}

/* The device a driver described by ACPI table sig is handed. */
static void describe_table(struct fw_device *dev, const char *sig, const void *table)
{
	dev->compatible = sig;
	dev->node = FW_NO_NODE;
	dev->table = table;
}

/* Each class's first driver, in link order, whose table was found. */
#define MATCH_TABLE(cls, field)							\
	do {									\
		__typeof__(*__drivers_##cls##_start) const *d_;			\
		for_each_driver(cls, d_) {					\
			const char *sig_ = (*d_)->match.acpi;			\
			const void *t_ = found_table(f, n, sig_);		\
			if (!m->field && t_) {					\
				m->field = *d_;					\
				describe_table(&m->field##_dev, sig_, t_);	\
			}							\
		}								\
	} while (0)

/* Every calibration reference whose table was found, in link order. */
static void match_refclocks(struct fw_machine *m, const struct found *f, unsigned int n)
{
	const struct refclock *const *d;

	for_each_driver(refclock, d) {
		const char *sig = (*d)->match.acpi;
		const void *t = found_table(f, n, sig);

		if (!t || m->nrefclocks == FW_REFCLOCKS_MAX)
			continue;
		m->refclocks[m->nrefclocks] = *d;
		describe_table(&m->refclock_devs[m->nrefclocks++], sig, t);
	}
}

static void match_drivers(struct fw_machine *m, const struct found *f, unsigned int n)
{
	MATCH_TABLE(irqchip, irqchip);
	MATCH_TABLE(timer, timer);
	MATCH_TABLE(cpu_method, enable_method);
	MATCH_TABLE(power, power);
	match_refclocks(m, f, n);
}

/*
 * Without a usable MADT the machine runs on the boot CPU, with the
 * drivers every PC has (include/sis/platform.h); the FADT and the HPET
 * are described whenever they are there.
 */
/* ACPI describes no machine compatible strings. */
bool fw_machine_compatible(const char *compat)
{
	return false;
}

int fw_probe(const struct boot_info *bi, struct fw_machine *m)
{
	static struct acpi_root root;
	struct found f[3];
	unsigned int n = 0;
	const char *why;

	if (find_root(find_rsdp(bi), bi->rsdp != NULL, &root, &why)) {
		pr_warn("[ACPI] %s: booting on one CPU\n", why);
		return 0;
	}
	if (find_madt(&root)) {
		report_madt();
		describe_cpus(m);
		f[n++] = (struct found){ ACPI_SIG_MADT, &madt };
	} else {
		pr_warn("[ACPI] %s: booting on one CPU\n",
			acpi_find(&root, ACPI_SIG_MADT, &(unsigned int){ 0 }) ?
			"no valid MADT" : "the ACPI tables have no MADT");
	}
	if (find_parsed(&root, ACPI_SIG_FADT, parse_fadt, &fadt)) {
		find_s5();
		f[n++] = (struct found){ ACPI_SIG_FADT, &fadt };
	} else {
		pr_warn("[ACPI] no valid FADT: no PM timer, no ACPI power-off or reset\n");
	}
	if (find_parsed(&root, ACPI_SIG_HPET, parse_hpet, &hpet))
		f[n++] = (struct found){ ACPI_SIG_HPET, &hpet };
	describe_numa(&root, m);
	match_drivers(m, f, n);
	return 0;
}
