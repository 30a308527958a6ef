/*
 * The clock rates CPUID states (cpuid-clocks.c): plain arithmetic on the
 * register values, so host unit tests run it on what real CPUs return.
 */
#ifndef DRIVERS_TIMER_CPUID_CLOCKS_H
#define DRIVERS_TIMER_CPUID_CLOCKS_H

#include <sis/types.h>

/* What CPUID leaves 0 (the highest basic leaf), 0x15 and 0x16 returned. */
struct cpuid_clock_leaves {
	u32 max_leaf;
	u32 eax15, ebx15, ecx15;	/* ratio denominator, numerator; crystal Hz */
	u32 eax16;			/* processor base frequency, MHz (bits 15:0) */
};

/*
 * The TSC rate and the core crystal rate (the LAPIC timer's input when
 * leaf 0x15 enumerates the ratio; SDM Vol. 3A 11.5.4) in Hz. 0, or
 * -ENOENT when the leaves are missing or say nothing (zeros); *why then
 * says which, NULL when there is no leaf 0x15 at all.
 */
int cpuid_clocks(const struct cpuid_clock_leaves *l, u64 *tsc_hz, u64 *crystal_hz,
		 const char **why);

#endif /* DRIVERS_TIMER_CPUID_CLOCKS_H */
