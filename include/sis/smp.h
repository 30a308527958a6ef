/*
 * Bringing secondary CPUs online (kernel/smp.c), through the platform's
 * enable method. Logical ids are dense; hardware ids come from firmware.
 */
#ifndef SIS_SMP_H
#define SIS_SMP_H

#include <sis/types.h>

/* How long the boot CPU waits for a started CPU to report. */
#define SMP_ONLINE_TIMEOUT_MS 1000

/* arch_counter_read() when kernel_main began: bring-up is timed from it. */
extern u64 boot_counter_start;

void smp_init(void);
unsigned int num_online_cpus(void);
bool cpu_is_online(unsigned int cpu);
cpumask_t cpu_online_mask(void);
/* Format hardware id hwid as the log lines do ("3" or "0x300"). */
const char *hwid_str(u64 hwid, char *buf, size_t size);
/* ids as a list with ranges ("0-3,8"); ends with "..." when cut. */
const char *hwid_list_str(const u64 *ids, unsigned int n, char *buf, size_t size);

#endif /* SIS_SMP_H */
