/* Time from the architecture's counter (TSC / CNTVCT). */
#ifndef SIS_TIME_H
#define SIS_TIME_H

#include <sis/types.h>

#define NSEC_PER_SEC 1000000000ull

/* Nanoseconds since the counter started; 0 while its rate is unknown. */
u64 time_ns(void);
u64 ticks_to_ns(u64 ticks);
void udelay(u64 us);
void mdelay(u64 ms);

#endif /* SIS_TIME_H */
