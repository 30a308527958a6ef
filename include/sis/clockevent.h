/*
 * The per-CPU tick contract. The timer driver delivers a periodic
 * interrupt at CONFIG_SCHED_HZ on every CPU and calls tick_handle() from
 * it. A driver whose rate is not given by the hardware calibrates it in
 * init() (the LAPIC timer against the PIT).
 */
#ifndef SIS_CLOCKEVENT_H
#define SIS_CLOCKEVENT_H

#include <sis/types.h>

struct clockevent {
	const char *name;
	/* Once, on the boot CPU: find the interrupt, learn or calibrate the rate. */
	int (*init)(const void *fw);
	/* On each CPU: start the periodic tick (prints the timer line). */
	void (*init_cpu)(unsigned int cpu);
};

void timer_init(void);
void timer_init_cpu(unsigned int cpu);
/* Called by the timer driver on every tick, interrupts off. */
void tick_handle(void);

#endif /* SIS_CLOCKEVENT_H */
