/* Helpers shared by the calibration references (refclock.c; include/sis/refclock.h). */
#ifndef DRIVERS_TIMER_REFCLOCK_H
#define DRIVERS_TIMER_REFCLOCK_H

#include <sis/types.h>

/*
 * True when read() changes within a bound of CPU counter cycles (tens
 * of milliseconds at any plausible TSC rate): a missing device reads a
 * constant (all ones), and so does one whose clock is gated.
 */
bool refclock_moves(u64 (*read)(void));

#endif /* DRIVERS_TIMER_REFCLOCK_H */
