/* i8254 PIT channel 2 as a calibration reference (pit.c). */
#ifndef DRIVERS_TIMER_PIT_H
#define DRIVERS_TIMER_PIT_H

#include <sis/types.h>

#define PIT_HZ 1193182u

/* Start a one-shot countdown of us microseconds (at most 54 ms) on channel 2. */
void pit_oneshot_start(unsigned int us);
/* True once the countdown has reached zero. */
bool pit_oneshot_done(void);

#endif /* DRIVERS_TIMER_PIT_H */
