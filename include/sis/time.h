/* Time from the architecture's counter (TSC / CNTVCT). */
#ifndef SIS_TIME_H
#define SIS_TIME_H

#include <sis/types.h>

#define NSEC_PER_SEC 1000000000ull

/* arch_counter_read() when kernel_main began: bring-up and printk time count from it. */
extern u64 boot_counter_start;

/* Nanoseconds since the counter started; 0 while its rate is unknown. */
u64 time_ns(void);
u64 ticks_to_ns(u64 ticks);
void udelay(u64 us);
void mdelay(u64 ms);

#endif /* SIS_TIME_H */
