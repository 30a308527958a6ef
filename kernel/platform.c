/*
 * struct platform: what firmware says the machine is. Filled on the boot
 * CPU by the firmware layer (ACPI or DT) before any other CPU runs.
 */
#include <sis/acpi.h>
#include <sis/of.h>
#include <sis/panic.h>
#include <sis/percpu.h>
#include <sis/platform.h>
#include <sis/printk.h>
#include <sis/smp.h>
#include <sis/string.h>

struct platform platform;

int platform_add_cpu(u64 hwid)
{
	unsigned int i;

	for (i = 0; i < platform.ncpus_found && i < PLATFORM_MAX_FOUND; i++) {
		if (platform.found_hwid[i] == hwid) {
			pr_warn("[SMP] firmware lists CPU hwid 0x%llx twice; ignoring the second\n",
				(unsigned long long)hwid);
			return -1;
		}
	}
	if (platform.ncpus_found < PLATFORM_MAX_FOUND)
		platform.found_hwid[platform.ncpus_found] = hwid;
	platform.ncpus_found++;
	return 0;
}

static void print_detected(unsigned int listed)
{
	char line[256];

	pr_info("[SMP] CPUs detected: %u (%ss=[%s])\n", platform.ncpus_found,
		ARCH_HWID_NAME, hwid_list_str(platform.found_hwid, listed, line, sizeof(line)));
}

/* Logical ids: the boot CPU is 0, then the others in firmware order. */
void platform_cpus_done(void)
{
	unsigned int listed = MIN(platform.ncpus_found, (unsigned int)PLATFORM_MAX_FOUND);
	u64 boot = arch_cpu_hwid();
	unsigned int i, n = 1;
	bool boot_listed = false;

	if (platform.ncpus_found > PLATFORM_MAX_FOUND)
		pr_warn("[SMP] firmware lists %u CPUs; only the first %d are kept\n",
			platform.ncpus_found, PLATFORM_MAX_FOUND);
	for (i = 0; i < listed; i++)
		boot_listed |= platform.found_hwid[i] == boot;
	if (!boot_listed) {
		char id[24];

		pr_warn("[SMP] boot CPU (%s=%s) is not in the firmware's list; adding it\n",
			ARCH_HWID_NAME, hwid_str(boot, id, sizeof(id)));
		platform_add_cpu(boot);
		listed = MIN(platform.ncpus_found, (unsigned int)PLATFORM_MAX_FOUND);
	}
	print_detected(listed);
	platform.cpu_hwid[0] = boot;
	for (i = 0; i < listed && n < CONFIG_MAX_CPUS; i++)
		if (platform.found_hwid[i] != boot)
			platform.cpu_hwid[n++] = platform.found_hwid[i];
	platform.ncpus = n;
	if (platform.ncpus_found > CONFIG_MAX_CPUS)
		pr_warn("[SMP] %u CPUs detected, MAX_CPUS=%d: starting %d\n",
			platform.ncpus_found, CONFIG_MAX_CPUS, CONFIG_MAX_CPUS);
	for (i = 0; i < n; i++) {
		percpu_of(i)->cpu = i;
		percpu_of(i)->hwid = platform.cpu_hwid[i];
	}
}

void platform_init(const struct boot_info *bi)
{
	int err = IS_ENABLED(CONFIG_ACPI) ? acpi_platform_init(bi)
					  : of_platform_init(bi);

	if (err)
		pr_warn("[BOOT] firmware tables incomplete (%d): going on with what was found\n",
			err);
	if (platform.ncpus == 0) {
		pr_warn("[SMP] no CPU list from firmware: booting on the boot CPU only\n");
		platform.ncpus_found = 0;
		platform_add_cpu(arch_cpu_hwid());
		platform_cpus_done();
	}
	if (!platform.irqchip)
		panic("no interrupt controller found in the firmware tables");
	if (!platform.timer)
		panic("no timer found in the firmware tables");
}

void machine_poweroff(bool success)
{
	if (platform.poweroff)
		platform.poweroff(success);
	printk(LOG_ERR, "[BOOT] could not power off; halting\n");
	arch_halt();
}
