/*
 * Driver classes and how firmware finds a driver.
 *
 * Each driver belongs to one class (irqchip, timer, CPU enable method,
 * console, power) and declares its class's own ops struct once, with
 * the class's declare macro (IRQCHIP_DECLARE(gicv2) ...). The struct's
 * first member is a struct driver_match saying what it serves: the
 * device-tree compatible strings, the ACPI table that describes it, or
 * "fallback" when the hardware is architecturally there even if the
 * firmware says nothing (the PC's local APIC, the arm64 generic timer).
 * The firmware layer (drivers/firmware/) walks the class tables to match
 * what it finds; no other code repeats the strings.
 *
 * Each class is a table of pointers in its own linker section
 * ".drivers.<class>", bounded by __drivers_<class>_start/_end in each
 * arch's linker script. Order inside a table is link order (the
 * Makefile's), and the first match wins.
 */
#ifndef SIS_DRIVER_H
#define SIS_DRIVER_H

#include <sis/compiler.h>
#include <sis/types.h>

struct driver_match {
	const char *name;
	const char *const *compatible;	/* DT compatible strings, NULL-terminated */
	const char *acpi;		/* signature of the ACPI table describing it */
	bool fallback;			/* usable with no firmware description */
};

/* True when m lists compat among its compatible strings. */
bool driver_match_compatible(const struct driver_match *m, const char *compat);

/* A class's table of typed ops pointers. */
#define DRIVER_CLASS(cls, type) \
	extern type *const __drivers_##cls##_start[]; \
	extern type *const __drivers_##cls##_end[]

#define DRIVER_DECLARE(cls, type, ops) \
	static type *const __driver_##cls##_##ops __used \
	__section(".drivers." #cls) __aligned(8) = &(ops)

#define for_each_driver(cls, d) \
	for ((d) = __drivers_##cls##_start; (d) < __drivers_##cls##_end; (d)++)

/* The compatible-string list of a match, as a compound literal. */
#define DRIVER_COMPATIBLE(...)	((const char *const[]){ __VA_ARGS__, NULL })

#endif /* SIS_DRIVER_H */
