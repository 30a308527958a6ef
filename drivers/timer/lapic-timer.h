/* Inside drivers/timer: the LAPIC timer's calibration, for its ktest (lapic-timer-test.c). */
#ifndef DRIVERS_TIMER_LAPIC_TIMER_H
#define DRIVERS_TIMER_LAPIC_TIMER_H

#include <sis/types.h>

/* The timer's input rate after the divider, as calibrated (0 before). */
u64 lapic_timer_input_hz(void);

#endif /* DRIVERS_TIMER_LAPIC_TIMER_H */
