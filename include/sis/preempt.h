/*
 * Preemption control. The count is per CPU (struct percpu): a task only
 * ever switches out with the count at 0 (the scheduler's own runqueue
 * lock is handed from the outgoing to the incoming task on the same CPU),
 * so the count always describes the task running on that CPU.
 *
 * A task is preemptible when the count is 0 and interrupts are on.
 * spin_lock() and preempt_disable() raise the count. Preemption happens
 * at three points: on return from an interrupt (the arch calls
 * preempt_irq_exit() after the EOI), in preempt_enable() when the count
 * drops to 0 with interrupts on, and in the voluntary calls (yield,
 * blocking). The tick and IPI_RESCHEDULE only set need_resched.
 *
 * Rules: code that reads this_cpu() and then uses the result must not
 * be preempted in between (it could move to another CPU): hold a
 * spinlock, disable preemption, or run with interrupts off. Never block
 * (yield, sleep, wait, port_send/recv, task_join) with the count raised.
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

/* Arch interrupt exit, after the EOI, interrupts off: switch if asked. */
void preempt_irq_exit(void);
/* Switch to a more deserving task now (the scheduler provides it). */
void preempt_schedule(void);

#endif /* SIS_PREEMPT_H */
