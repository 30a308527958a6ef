/*
 * Helpers shared by the calibration references. The CPU's own counter
 * (arch_counter_read) runs before its rate is known, so bounds are in
 * its cycles: 50 million is 10 ms at 5 GHz and half a second at the
 * slowest rate the LAPIC timer driver accepts, long enough for the
 * slowest reference (the PIT, 1.19 MHz) to count many times.
 */
#include <sis/arch.h>
#include "refclock.h"

#define MOVE_WAIT_CYCLES	50000000ull

bool refclock_moves(u64 (*read)(void))
{
	u64 first = read(), start = arch_counter_read();

	while (arch_counter_read() - start < MOVE_WAIT_CYCLES)
		if (read() != first)
			return true;
	return false;
}
