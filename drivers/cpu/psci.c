/*
 * PSCI (Arm DEN 0022): starting CPUs and ending the machine through the
 * firmware at EL3 (SMC, the Pi's TF-A and QEMU with EL2) or a hypervisor
 * at EL2 (HVC, QEMU entered at EL1). Function ids are the standard 0.2+
 * ones, SMC64 where an address is passed.
 *
 * One firmware interface, two driver classes: the power driver is
 * matched by the device tree's /psci node and sets the conduit from its
 * "method" (platform_init() starts it early, so power-off works before
 * any other CPU runs); the CPU enable method, named "psci" in the CPUs'
 * enable-method, uses that conduit and refuses to start CPUs without it.
 *
 * Hotplug: a CPU leaves with CPU_OFF, called by itself; another CPU
 * waits until AFFINITY_INFO says it is off before CPU_ON may start it
 * again. On the Raspberry Pi 5 the firmware cannot turn a core on again
 * after CPU_OFF (raspberrypi/linux issue 7291): on a device tree whose
 * root is compatible with "brcm,bcm2712" hotplug is refused unless
 * CONFIG_HOTPLUG_TRUST_FIRMWARE says to try.
 */
#include <sis/arch.h>
#include <sis/cpu_ops.h>
#include <sis/errno.h>
#include <sis/firmware.h>
#include <sis/power.h>
#include <sis/printk.h>
#include <sis/string.h>
#include <sis/time.h>
#include "psci.h"

#define PSCI_VERSION		0x84000000u
#define PSCI_CPU_OFF		0x84000002u
#define PSCI_CPU_ON		0xc4000003u
#define PSCI_AFFINITY_INFO	0xc4000004u
#define AFFINITY_OFF		1	/* AFFINITY_INFO: the core is off */
#define OFF_POLL_US		100
#define OFF_TIMEOUT_US		(1000 * 1000)
#define PSCI_SYSTEM_OFF		0x84000008u
#define PSCI_SYSTEM_RESET	0x84000009u
#define PSCI_FEATURES		0x8400000au

static bool psci_hvc;
static bool psci_ready;		/* the conduit is known: the power driver started */
static long psci_last_err;	/* the last CPU_ON failure, for psci_strerror() */

static const char *const psci_err_names[] = {
	[0] = "SUCCESS",
	[1] = "NOT_SUPPORTED",
	[2] = "INVALID_PARAMETERS",
	[3] = "DENIED",
	[4] = "ALREADY_ON",
	[5] = "ON_PENDING",
	[6] = "INTERNAL_FAILURE",
	[7] = "NOT_PRESENT",
	[8] = "DISABLED",
	[9] = "INVALID_ADDRESS",
};

/* The name of a PSCI return code (0, -1 .. -9). */
static const char *psci_err_name(long ret)
{
	if (ret <= 0 && -ret < (long)ARRAY_SIZE(psci_err_names))
		return psci_err_names[-ret];
	return "UNKNOWN_ERROR";
}

static int psci_to_errno(long ret)
{
	switch (ret) {
	case 0:		return 0;
	case -1:	return -ENOTSUP;
	case -2:	return -EINVAL;
	case -3:	return -EPERM;
	case -4:	return -EALREADY;
	case -5:	return -EBUSY;
	case -7:	return -ENODEV;
	case -8:	return -EPERM;
	case -9:	return -EFAULT;
	default:	return -EIO;
	}
}

/* One call through the conduit: x0 = function, x1..x3 = arguments. */
static long psci_call(u32 fn, u64 a1, u64 a2, u64 a3)
{
	register u64 x0 __asm__("x0") = fn;
	register u64 x1 __asm__("x1") = a1;
	register u64 x2 __asm__("x2") = a2;
	register u64 x3 __asm__("x3") = a3;

	if (psci_hvc)
		__asm__ __volatile__("hvc #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
				     :: "memory");
	else
		__asm__ __volatile__("smc #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
				     :: "memory");
	return (long)(s32)x0;	/* results are 32-bit, negative on error */
}

static void psci_poweroff(bool success)
{
	long ret = psci_call(PSCI_SYSTEM_OFF, 0, 0, 0);

	pr_err("[PSCI] SYSTEM_OFF failed: %s\n", psci_err_name(ret));
}

static void psci_reset(void)
{
	long ret = psci_call(PSCI_SYSTEM_RESET, 0, 0, 0);

	pr_err("[PSCI] SYSTEM_RESET failed: %s\n", psci_err_name(ret));
}

/* PSCI 1.0+: warn about a function the firmware says it lacks. */
static void psci_check(u32 fn, const char *name)
{
	long ret = psci_call(PSCI_FEATURES, fn, 0, 0);

	if (ret < 0)
		pr_warn("[PSCI] %s not offered by the firmware: %s\n", name,
			psci_err_name(ret));
}

/* The power driver's start: conduit from the node's method, version, features. */
static int psci_init(const struct fw_device *dev)
{
	const char *method = fw_prop_str(dev, "method");
	u32 ver;

	if (!method || (strcmp(method, "smc") && strcmp(method, "hvc"))) {
		pr_err("[PSCI] method '%s' is neither smc nor hvc\n", method ? method : "(none)");
		return -EINVAL;
	}
	psci_hvc = !strcmp(method, "hvc");
	ver = (u32)psci_call(PSCI_VERSION, 0, 0, 0);
	pr_info("[PSCI] v%u.%u via %s\n", ver >> 16, ver & 0xffff, method);
	if (ver >> 16 >= 1) {
		psci_check(PSCI_CPU_ON, "CPU_ON");
		psci_check(PSCI_SYSTEM_OFF, "SYSTEM_OFF");
	}
	psci_ready = true;
	return 0;
}

/* The enable method's: CPU_ON needs the conduit the power driver found. */
static int psci_prepare(const struct fw_device *dev)
{
	if (!psci_ready) {
		pr_err("[PSCI] no usable PSCI node in the device tree: secondary CPUs stay off\n");
		return -ENODEV;
	}
	return 0;
}

static int psci_cpu_on(unsigned int cpu, u64 hwid, uintptr_t entry, uintptr_t arg)
{
	long ret = psci_call(PSCI_CPU_ON, hwid, entry, arg);

	psci_last_err = ret;
	return psci_to_errno(ret);
}

static const char *psci_strerror(int err)
{
	static char buf[48];

	if (!err || !psci_last_err)
		return NULL;
	snprintf(buf, sizeof(buf), "PSCI CPU_ON returned %s (%ld)",
		 psci_err_name(psci_last_err), psci_last_err);
	return buf;
}

/* On the CPU going offline: the firmware takes it; it returns only on failure. */
static __noreturn void psci_cpu_off(unsigned int cpu)
{
	long ret = psci_call(PSCI_CPU_OFF, 0, 0, 0);

	pr_err("[PSCI] core%u: CPU_OFF failed: %s; halting it\n", cpu, psci_err_name(ret));
	arch_halt();
}

static int psci_wait_off(unsigned int cpu, u64 hwid)
{
	unsigned int waited;

	for (waited = 0; waited < OFF_TIMEOUT_US; waited += OFF_POLL_US) {
		if (psci_call(PSCI_AFFINITY_INFO, hwid, 0, 0) == AFFINITY_OFF)
			return 0;
		udelay(OFF_POLL_US);
	}
	return -ETIMEDOUT;
}

static const struct power_ops psci_power = {
	.match = {
		.name = "psci",
		.compatible = DRIVER_COMPATIBLE("arm,psci-1.0", "arm,psci-0.2"),
	},
	.init = psci_init,
	.poweroff = psci_poweroff,
	.reset = psci_reset,
};

POWER_DECLARE(psci_power);

static const struct cpu_enable_method psci_method = {
	.match = {
		.name = "psci",
		.compatible = DRIVER_COMPATIBLE("psci"),
	},
	.prepare = psci_prepare,
	.start = psci_cpu_on,
	.strerror = psci_strerror,
	.stop_refusal = psci_stop_refusal,
	.stop = psci_cpu_off,
	.wait_off = psci_wait_off,
};

CPU_METHOD_DECLARE(psci_method);
