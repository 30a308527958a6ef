/*
 * Bringing secondary CPUs online (kernel/smp.c), through the platform's
 * enable method. Logical ids are dense; hardware ids come from firmware.
 */
#ifndef SIS_SMP_H
#define SIS_SMP_H

#include <sis/types.h>

/* How long the boot CPU waits for a started CPU to report. */
#define SMP_ONLINE_TIMEOUT_MS 1000

/* Start every other CPU the topology holds (boot CPU, after the scheduler). */
void smp_init(void);
/* Start one CPU and wait until it is online (hotplug brings CPUs back with it). */
int smp_start_cpu(unsigned int cpu);

#endif /* SIS_SMP_H */
