/*
 * Driver tables. Each irqchip, timer, CPU enable method and console
 * declares itself once with a compatible string; firmware code (DT or
 * ACPI) looks drivers up by class and compatible. The entries live in
 * the ".drivers" section, bounded by __drivers_start/__drivers_end in
 * each arch's linker script. The first match wins.
 *
 * DT drivers use DT compatible strings ("arm,gic-400"); ACPI ones use
 * "acpi,<what>" ("acpi,lapic", "acpi,ioapic", "acpi,init-sipi").
 */
#ifndef SIS_DRIVER_H
#define SIS_DRIVER_H

#include <sis/compiler.h>

enum driver_class {
	DRV_IRQCHIP,
	DRV_TIMER,
	DRV_CPU_METHOD,
	DRV_CONSOLE,
};

struct driver_entry {
	enum driver_class cls;
	const char *compat;
	const void *ops;
};

#define DRIVER_DECLARE(cls_, id, compat_, ops_) \
	static const struct driver_entry __drv_##id __used \
	__section(".drivers") __aligned(8) = { \
		.cls = (cls_), .compat = (compat_), .ops = (ops_) }

#define IRQCHIP_DECLARE(id, compat, ops)	DRIVER_DECLARE(DRV_IRQCHIP, id, compat, ops)
#define TIMER_DECLARE(id, compat, ops)		DRIVER_DECLARE(DRV_TIMER, id, compat, ops)
#define CPU_METHOD_DECLARE(id, compat, ops)	DRIVER_DECLARE(DRV_CPU_METHOD, id, compat, ops)
#define CONSOLE_DECLARE(id, compat, ops)	DRIVER_DECLARE(DRV_CONSOLE, id, compat, ops)

/* The ops of the first driver of class cls matching compat, or NULL. */
const void *driver_find(enum driver_class cls, const char *compat);

#endif /* SIS_DRIVER_H */
