/*
 * Choosing the machine's drivers (include/sis/platform.h). The firmware
 * layer describes what it found (fw_probe); here, for each class, the
 * driver it matched is kept, or else the first driver of the class that
 * declares itself a fallback (hardware every machine of the arch has),
 * handed an empty description. The CPU list goes to topology_init().
 */
#include <sis/clockevent.h>
#include <sis/cpu_ops.h>
#include <sis/errno.h>
#include <sis/firmware.h>
#include <sis/numa.h>
#include <sis/irqchip.h>
#include <sis/panic.h>
#include <sis/platform.h>
#include <sis/power.h>
#include <sis/printk.h>
#include <sis/refclock.h>
#include <sis/topology.h>

struct platform platform;

/* What the firmware layer found; drivers keep pointers into it. */
static struct fw_machine machine;
static const struct fw_device no_device = { .node = FW_NO_NODE };

/* The first driver of a class table whose match says "fallback". */
static const void *first_fallback(const void *const *d, const void *const *end)
{
	for (; d < end; d++)
		if (((const struct driver_match *)*d)->fallback)
			return *d;
	return NULL;
}

/* Keep what firmware matched; else the class's fallback with no device. */
#define CHOOSE(cls, field)						\
	do {								\
		platform.field = machine.field;				\
		platform.field##_dev = &machine.field##_dev;		\
		if (!platform.field) {					\
			platform.field = first_fallback(		\
				(const void *const *)__drivers_##cls##_start, \
				(const void *const *)__drivers_##cls##_end); \
			platform.field##_dev = &no_device;		\
		}							\
	} while (0)

/* Keep reference d (with its device) in platform.refclocks, highest rating first. */
static void add_refclock(const struct refclock *d, const struct fw_device *dev)
{
	unsigned int i = platform.nrefclocks;

	if (i == FW_REFCLOCKS_MAX)
		return;
	for (; i > 0 && platform.refclocks[i - 1]->rating < d->rating; i--) {
		platform.refclocks[i] = platform.refclocks[i - 1];
		platform.refclock_devs[i] = platform.refclock_devs[i - 1];
	}
	platform.refclocks[i] = d;
	platform.refclock_devs[i] = dev;
	platform.nrefclocks++;
}

/* Every calibration reference the firmware described, with its device, and every fallback. */
static void choose_refclocks(void)
{
	const struct refclock *const *d;
	unsigned int i;

	for_each_driver(refclock, d) {
		const struct fw_device *dev = (*d)->match.fallback ? &no_device : NULL;

		for (i = 0; i < machine.nrefclocks; i++)
			if (machine.refclocks[i] == *d)
				dev = &machine.refclock_devs[i];
		if (dev)
			add_refclock(*d, dev);
	}
}

const struct refclock *refclock_nth(unsigned int n, const struct fw_device **dev)
{
	if (n >= platform.nrefclocks)
		return NULL;
	*dev = platform.refclock_devs[n];
	return platform.refclocks[n];
}

void platform_init(const struct boot_info *bi)
{
	int err = fw_probe(bi, &machine);

	if (err)
		pr_warn("[BOOT] firmware tables incomplete (%s): going on with what was found\n",
			err_name(err));
	topology_init(machine.cpus, machine.ncpus, machine.ncpus_dropped);
	numa_init(&machine);
	CHOOSE(irqchip, irqchip);
	CHOOSE(timer, timer);
	CHOOSE(cpu_method, enable_method);
	CHOOSE(power, power);
	choose_refclocks();
	power_init();
	if (!platform.irqchip)
		panic("no interrupt controller found in the firmware tables");
	if (!platform.timer)
		panic("no timer found in the firmware tables");
}

const struct fw_cpu *platform_fw_cpus(unsigned int *n)
{
	*n = machine.ncpus;
	return machine.cpus;
}
