/*
 * The CPU enable-method class: how a secondary CPU is started (PSCI
 * CPU_ON, INIT-SIPI-SIPI). In a device tree a CPU names its method in
 * "enable-method"; a method's match.compatible lists those names. The
 * started CPU begins at entry (a physical address,
 * arch_secondary_entry()) with arg (its struct percpu) available to the
 * arch entry code, and ends in secondary_main().
 */
#ifndef SIS_CPU_OPS_H
#define SIS_CPU_OPS_H

#include <sis/driver.h>
#include <sis/types.h>

struct fw_device;

struct cpu_enable_method {
	struct driver_match match;
	/* Once, before the first start (copy a trampoline, check firmware). */
	int (*prepare)(const struct fw_device *dev);
	/* Start logical CPU cpu with hardware id hwid: 0 or a negative error. */
	int (*start)(unsigned int cpu, u64 hwid, uintptr_t entry, uintptr_t arg);
	/* The reason a start failed, for the log (NULL: err_name). */
	const char *(*strerror)(int err);
	/*
	 * Hotplug (NULL: the method cannot take a CPU back). stop_refusal:
	 * why this machine cannot now (NULL: it can). stop: on the CPU
	 * going offline, interrupts off, its last act; never returns.
	 * wait_off: on another CPU, until the stopped CPU is really off
	 * and start() may be called again (0 or -ETIMEDOUT; NULL: at once).
	 */
	const char *(*stop_refusal)(unsigned int cpu);
	void (*stop)(unsigned int cpu);
	int (*wait_off)(unsigned int cpu, u64 hwid);
};

DRIVER_CLASS(cpu_method, const struct cpu_enable_method);
#define CPU_METHOD_DECLARE(ops)	DRIVER_DECLARE(cpu_method, const struct cpu_enable_method, ops)

#endif /* SIS_CPU_OPS_H */
