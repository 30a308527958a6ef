/*
 * CPU enable methods: how a secondary CPU is started (PSCI CPU_ON,
 * INIT-SIPI-SIPI). The started CPU begins at entry (a physical address,
 * arch_secondary_entry()) with arg (its struct percpu) available to the
 * arch entry code, and ends in secondary_main().
 */
#ifndef SIS_CPU_OPS_H
#define SIS_CPU_OPS_H

#include <sis/types.h>

struct cpu_enable_method {
	const char *name;
	/* Once, before the first start (copy a trampoline, check firmware). */
	int (*prepare)(const void *fw);
	/* Start logical CPU cpu with hardware id hwid: 0 or a negative error. */
	int (*start)(unsigned int cpu, u64 hwid, uintptr_t entry, uintptr_t arg);
	/* The reason a start failed, for the log (NULL: err_name). */
	const char *(*strerror)(int err);
};

#endif /* SIS_CPU_OPS_H */
