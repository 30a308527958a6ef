/* PSCI's parts that are plain decisions, apart from the firmware calls. */
#ifndef DRIVERS_CPU_PSCI_H
#define DRIVERS_CPU_PSCI_H

/* Why this machine's PSCI cannot take cpu back after CPU_OFF (NULL: it can). */
const char *psci_stop_refusal(unsigned int cpu);

#endif /* DRIVERS_CPU_PSCI_H */
