/*
 * CPUID leaf 0x15 (SDM Vol. 2A, CPUID): TSC = crystal * EBX / EAX, the
 * crystal's rate in ECX. A zero EAX or EBX means the ratio is not
 * enumerated. A zero ECX means the crystal's rate is not: then leaf
 * 0x16's base frequency (MHz) stands for the TSC's rate (the TSC runs at
 * the base frequency on the CPUs that have these leaves), and the
 * crystal follows from the ratio. A leaf above the highest basic leaf
 * returns another leaf's data, so the highest leaf is checked first.
 */
#include <sis/errno.h>
#include "cpuid-clocks.h"

#define HZ_PER_MHZ	1000000ull

int cpuid_clocks(const struct cpuid_clock_leaves *l, u64 *tsc_hz, u64 *crystal_hz,
		 const char **why)
{
	u64 base_hz;

	*why = NULL;
	if (l->max_leaf < 0x15)
		return -ENOENT;
	*why = "CPUID leaf 0x15 gives no TSC/crystal ratio";
	if (!l->eax15 || !l->ebx15)
		return -ENOENT;
	if (l->ecx15) {
		*crystal_hz = l->ecx15;
		*tsc_hz = (u64)l->ecx15 * l->ebx15 / l->eax15;
		return 0;
	}
	*why = "CPUID leaf 0x15 gives no crystal rate, and leaf 0x16 no base frequency";
	base_hz = l->max_leaf >= 0x16 ? (l->eax16 & 0xffff) * HZ_PER_MHZ : 0;
	if (!base_hz)
		return -ENOENT;
	*tsc_hz = base_hz;
	*crystal_hz = base_hz * l->eax15 / l->ebx15;
	return 0;
}
