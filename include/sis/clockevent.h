/*
 * The per-CPU tick class. The timer driver delivers a periodic interrupt
 * at CONFIG_SCHED_HZ on every CPU and calls tick_handle() from it. A
 * driver whose rate is not given by the hardware calibrates it in init()
 * (the LAPIC timer against the PIT).
 */
#ifndef SIS_CLOCKEVENT_H
#define SIS_CLOCKEVENT_H

#include <sis/driver.h>
#include <sis/types.h>

struct fw_device;

struct clockevent {
	struct driver_match match;
	/* Once, on the boot CPU: find the interrupt, learn or calibrate the rate. */
	int (*init)(const struct fw_device *dev);
	/* On each CPU: start the periodic tick (prints the timer line). */
	void (*init_cpu)(unsigned int cpu);
	/* On a CPU going offline, interrupts off: no more ticks (init_cpu restarts it). */
	void (*stop_cpu)(unsigned int cpu);
};

DRIVER_CLASS(timer, const struct clockevent);
#define TIMER_DECLARE(ops)	DRIVER_DECLARE(timer, const struct clockevent, ops)

void timer_init(void);
void timer_init_cpu(unsigned int cpu);
void timer_stop_cpu(unsigned int cpu);
/* Called by the timer driver on every tick, interrupts off. */
void tick_handle(void);

#endif /* SIS_CLOCKEVENT_H */
