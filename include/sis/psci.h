/* PSCI calls outside the enable-method contract (drivers/cpu/psci.c). */
#ifndef SIS_PSCI_H
#define SIS_PSCI_H

/* Turn the calling CPU off through PSCI CPU_OFF; returns only on failure. */
int psci_cpu_off(void);

#endif /* SIS_PSCI_H */
