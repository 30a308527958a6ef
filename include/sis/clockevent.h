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
	/*
	 * Tickless idle, on the CPU itself, interrupts off, quiet and cheap:
	 * no tick until resume_cpu, which starts it again one interval on.
	 * NULL: the CPU always ticks.
	 */
	void (*pause_cpu)(unsigned int cpu);
	void (*resume_cpu)(unsigned int cpu);
};

DRIVER_CLASS(timer, const struct clockevent);
#define TIMER_DECLARE(ops)	DRIVER_DECLARE(timer, const struct clockevent, ops)

void timer_init(void);
void timer_init_cpu(unsigned int cpu);
void timer_stop_cpu(unsigned int cpu);
/* Called by the timer driver on every tick, interrupts off. */
void tick_handle(void);

/*
 * Tickless idle (CONFIG_TICKLESS_IDLE, kernel/tick.c): the idle task
 * calls tick_idle_enter() with interrupts off before it halts; the CPU's
 * tick stops unless it is needed (sched_idle_needs_tick). Any interrupt
 * on the CPU starts it again (irq_dispatch: tick_idle_exit) before its
 * handler runs, so no task ever runs on a CPU without its tick.
 * tick_set_tickless(false) (or "nohz=off") keeps every CPU ticking:
 * each idle CPU is woken to restart its tick.
 */
void tick_idle_enter(void);
void tick_idle_exit(void);
bool tick_tickless(void);
void tick_set_tickless(bool on);

#endif /* SIS_CLOCKEVENT_H */
