/*
 * Logical CPUs (kernel/topology.c). The firmware describes CPUs by
 * hardware id (APIC id, MPIDR); topology_init() numbers them: the boot
 * CPU is 0, the other enabled CPUs follow in firmware order, a hardware
 * id listed twice counts once, at most CONFIG_MAX_CPUS are kept. It is
 * the only writer of a CPU's hardware id; everything else reads
 * cpu_hwid(). Logical ids are dense, 0 .. nr_cpu_ids - 1.
 */
#ifndef SIS_TOPOLOGY_H
#define SIS_TOPOLOGY_H

#include <sis/percpu.h>
#include <sis/types.h>

struct fw_cpu;

/* Logical CPUs the kernel may start; written once by topology_init(). */
extern unsigned int nr_cpu_ids;

/*
 * Number the CPUs of a firmware list of n entries (dropped: more that
 * the list could not hold). An empty list means "the boot CPU only".
 * Prints the detected list and what was left out. Boot CPU, before any
 * other runs.
 */
void topology_init(const struct fw_cpu *cpus, unsigned int n, unsigned int dropped);

/* The hardware id of logical CPU cpu. */
static inline u64 cpu_hwid(unsigned int cpu)
{
	return percpu_of(cpu)->hwid;
}

/* Format hardware id hwid as the log lines do ("3" or "0x300"). */
const char *hwid_str(u64 hwid, char *buf, size_t size);
/* ids as a list with ranges ("0-3,8"); ends with "..." when cut. */
const char *hwid_list_str(const u64 *ids, unsigned int n, char *buf, size_t size);

#endif /* SIS_TOPOLOGY_H */
