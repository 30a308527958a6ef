/*
 * The calibration-reference class: a free-running counter whose rate is
 * known, against which a timer whose rate nothing states (the PC's LAPIC
 * timer and TSC) is measured once, at boot, on the boot CPU. On the PC:
 * the HPET (ACPI "HPET" table), the ACPI PM timer (the FADT) and PIT
 * channel 2 (every PC's fallback, though recent chipsets may gate it).
 *
 * Unlike the other classes, the platform keeps every reference the
 * firmware described and every fallback, best first: highest rating
 * first. A reference whose init() fails (absent, not counting) is passed
 * over for the next.
 */
#ifndef SIS_REFCLOCK_H
#define SIS_REFCLOCK_H

#include <sis/driver.h>
#include <sis/types.h>

struct fw_device;

/* What init() learned: the rate, and the width the counter wraps at. */
struct refclock_info {
	u64 hz;
	u64 mask;	/* read() counts up modulo mask + 1 */
};

struct refclock {
	struct driver_match match;
	/* How the log names it: "[APIC] calibrated against the <label>". */
	const char *label;
	/* Preference: higher first (resolution, and how surely it is there and right). */
	unsigned int rating;
	/* Find, start and check the counter (it must count); 0 or why not. */
	int (*init)(const struct fw_device *dev, struct refclock_info *info);
	/* The counter now. Boot CPU only, after a successful init(). */
	u64 (*read)(void);
};

DRIVER_CLASS(refclock, const struct refclock);
#define REFCLOCK_DECLARE(ops)	DRIVER_DECLARE(refclock, const struct refclock, ops)

/* The platform's n-th reference, best first, with its device; NULL past the last. */
const struct refclock *refclock_nth(unsigned int n, const struct fw_device **dev);

#endif /* SIS_REFCLOCK_H */
