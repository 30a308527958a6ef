/*
 * Logical CPUs from the firmware's list (include/sis/topology.h).
 *
 * The firmware layer only describes; here it is decided which CPUs the
 * kernel uses and under which logical id:
 *  - the boot CPU is logical CPU 0, listed or not (firmware that leaves
 *    it out still booted on it: it is added, with a line saying so);
 *  - the other enabled CPUs follow in firmware order; disabled and
 *    online-capable entries are not started (the firmware layer reports
 *    them);
 *  - a hardware id listed twice counts once;
 *  - at most CONFIG_MAX_CPUS are kept; the rest are counted and said;
 *  - maxcpus=N on the command line keeps fewer (N >= 1), the boot CPU
 *    first: a machine whose CPU count is fixed (QEMU's raspi3b) tested
 *    with 1 or 2;
 *  - an empty list means the boot CPU alone.
 * percpu->cpu and percpu->hwid of every kept CPU are written here and
 * nowhere else.
 */
#include <sis/arch.h>
#include <sis/cmdline.h>
#include <sis/firmware.h>
#include <sis/idlist.h>
#include <sis/printk.h>
#include <sis/string.h>
#include <sis/topology.h>

unsigned int nr_cpu_ids = 1;

/* The usable CPUs in firmware order, boot CPU included: the detected list. */
static u64 detected[FW_CPUS_MAX + 1];

const char *hwid_str(u64 hwid, char *buf, size_t size)
{
	snprintf(buf, size, ARCH_HWID_FMT, (unsigned long long)hwid);
	return buf;
}

const char *hwid_list_str(const u64 *ids, unsigned int n, char *buf, size_t size)
{
	idlist_format(buf, size, ids, n, ARCH_HWID_FMT);
	return buf;
}

static bool already_listed(unsigned int n, u64 hwid)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (detected[i] == hwid)
			return true;
	return false;
}

/* The enabled, distinct hardware ids of the list into detected[]; their count. */
static unsigned int collect(const struct fw_cpu *cpus, unsigned int n)
{
	unsigned int i, found = 0;
	char id[24];

	for (i = 0; i < n && found < FW_CPUS_MAX; i++) {
		if (!(cpus[i].flags & FW_CPU_ENABLED))
			continue;
		if (already_listed(found, cpus[i].hwid)) {
			pr_warn("[SMP] firmware lists CPU %s=%s twice; ignoring the second\n",
				ARCH_HWID_NAME, hwid_str(cpus[i].hwid, id, sizeof(id)));
			continue;
		}
		detected[found++] = cpus[i].hwid;
	}
	return found;
}

/* Longer lists of ids go on lines of their own, split between ranges. */
#define LIST_LINE_MAX	200

/* The next piece of list (at most LIST_LINE_MAX characters, ending before a comma). */
static size_t list_piece(const char *list)
{
	size_t len = strlen(list), cut = 0, i;

	if (len <= LIST_LINE_MAX)
		return len;
	for (i = 0; i <= LIST_LINE_MAX; i++)
		if (list[i] == ',')
			cut = i;
	return cut ? cut : LIST_LINE_MAX;
}

static void report(unsigned int found, unsigned int dropped)
{
	static char list[8192];	/* 512 ids of 12 characters and commas: boot only */
	const char *p = list;
	unsigned int lines = 0;
	size_t len;

	hwid_list_str(detected, found, list, sizeof(list));
	if (strlen(list) <= LIST_LINE_MAX) {
		pr_info("[SMP] CPUs detected: %u (%ss=[%s])\n", found + dropped, ARCH_HWID_NAME,
			list);
	} else {
		for (; *p; p += len + (p[len] == ','))
			len = list_piece(p), lines++;
		pr_info("[SMP] CPUs detected: %u (%ss: %u lines follow)\n", found + dropped,
			ARCH_HWID_NAME, lines);
		for (p = list; *p; p += len + (p[len] == ',')) {
			len = list_piece(p);
			pr_info("[SMP]   %ss %.*s\n", ARCH_HWID_NAME, (int)len, p);
		}
	}
	if (dropped)
		pr_warn("[SMP] firmware lists %u more CPU(s) than the %d its list holds: not used\n",
			dropped, FW_CPUS_MAX);
	if (found > CONFIG_MAX_CPUS)
		pr_warn("[SMP] %u CPUs detected, MAX_CPUS=%d: starting %d\n", found,
			CONFIG_MAX_CPUS, CONFIG_MAX_CPUS);
}

static void set_cpu(unsigned int cpu, u64 hwid)
{
	percpu_of(cpu)->cpu = cpu;
	percpu_of(cpu)->hwid = hwid;
}

/* CONFIG_MAX_CPUS, or fewer when the command line says maxcpus=N. */
static unsigned int cpu_limit(unsigned int found)
{
	u64 want = cmdline_get_u64("maxcpus", CONFIG_MAX_CPUS);

	if (want < 1) {
		pr_warn("[SMP] maxcpus=0 is out of range: starting the boot CPU alone\n");
		want = 1;
	}
	if (want < CONFIG_MAX_CPUS && want < found)
		pr_info("[SMP] maxcpus=%llu: starting %llu of %u\n", (unsigned long long)want,
			(unsigned long long)want, found);
	return (unsigned int)MIN(want, (u64)CONFIG_MAX_CPUS);
}

void topology_init(const struct fw_cpu *cpus, unsigned int n, unsigned int dropped)
{
	u64 boot = arch_cpu_hwid();
	unsigned int found, i, next = 1, limit;
	char id[24];

	found = collect(cpus, n);
	if (!found)
		pr_warn("[SMP] no CPU list from firmware: booting on the boot CPU only\n");
	else if (!already_listed(found, boot))
		pr_warn("[SMP] boot CPU (%s=%s) is not in the firmware's list; adding it\n",
			ARCH_HWID_NAME, hwid_str(boot, id, sizeof(id)));
	if (!already_listed(found, boot))
		detected[found++] = boot;
	report(found, dropped);
	limit = cpu_limit(found);
	set_cpu(0, boot);
	if (percpu_alloc(MIN(found, limit))) {
		pr_err("[SMP] no memory for the per-CPU areas of %u CPUs: booting on one\n",
		       MIN(found, limit));
		found = 1;
	}
	for (i = 0; i < found && next < limit; i++)
		if (detected[i] != boot)
			set_cpu(next++, detected[i]);
	nr_cpu_ids = next;
}
