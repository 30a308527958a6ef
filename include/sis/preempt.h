/*
 * Preemption control. A task is preemptible when its preempt count is 0
 * and interrupts are on; spin_lock() and preempt_disable() raise the
 * count. preempt_enable() dropping the count to 0 with a reschedule
 * pending switches tasks right there.
 *
 * Rules: code that reads this_cpu() and then uses the result must not
 * be preempted in between (it could move to another CPU): hold a
 * spinlock, disable preemption, or run with interrupts off.
 */
#ifndef SIS_PREEMPT_H
#define SIS_PREEMPT_H

#include <sis/types.h>

void preempt_disable(void);
void preempt_enable(void);
/* preempt_enable() without the reschedule check (the scheduler itself). */
void preempt_enable_no_resched(void);
unsigned int preempt_count(void);
bool preemptible(void);

#endif /* SIS_PREEMPT_H */
