/*
 * CPU hotplug (kernel/hotplug.c): take a CPU out of service and bring it
 * back. Going down runs these stages in order, each named in the log
 * and in a failure:
 *
 *	check     refuse: not online, the boot CPU, the last CPU, a task
 *	          that may run nowhere else (-EBUSY naming it, unless
 *	          CPU_DOWN_FORCE widens its affinity), the enable method
 *	          or firmware cannot take a CPU back (-ENOTSUP, why)
 *	stopper   a task of the highest priority pinned to the CPU takes
 *	          over; the rest run on the CPU itself, in that task:
 *	sched     the CPU leaves the scheduler: no task is placed there any
 *	          more, its queued tasks and sleepers move to other CPUs
 *	tick      its timer stops
 *	irqs      device interrupts routed to it move to another CPU
 *	offline   it leaves the online set under its cross-call queue's
 *	          lock and runs what was queued: IPIs, cross-calls and TLB
 *	          shootdowns no longer target it, and none is left hanging
 *	irqchip   its CPU interface is turned off
 *	dead      it says so, and leaves through the enable method (PSCI
 *	          CPU_OFF; a PC parks it in a halt loop until INIT)
 *
 * Coming up is the boot path again: the enable method starts it at the
 * secondary entry with its per-CPU state, it sets up its interrupts and
 * timer, comes online and joins the scheduler. Counters (ticks, IPIs,
 * interrupts, switches) carry on from where they were.
 *
 * One operation at a time (a sleeping lock); callers are tasks.
 */
#ifndef SIS_HOTPLUG_H
#define SIS_HOTPLUG_H

#include <sis/errno.h>
#include <sis/types.h>

#define CPU_DOWN_FORCE	0x1	/* widen the affinity of tasks pinned to the CPU */

/* How long cpu_down() waits for the CPU to report it is dead. */
#define HOTPLUG_DEAD_TIMEOUT_MS	1000

#ifdef CONFIG_HOTPLUG_CPU
/* 0, or a negative errno with one log line saying which stage refused and why. */
int cpu_down(unsigned int cpu, unsigned int flags);
int cpu_up(unsigned int cpu);
/* Why cpu cannot go offline (NULL: it can, as far as can be told now). */
const char *cpu_down_refusal(unsigned int cpu);
#else
static inline int cpu_down(unsigned int cpu, unsigned int flags)
{
	return -ENOTSUP;
}

static inline int cpu_up(unsigned int cpu)
{
	return -ENOTSUP;
}

static inline const char *cpu_down_refusal(unsigned int cpu)
{
	return "the kernel is built without CONFIG_HOTPLUG_CPU";
}
#endif /* CONFIG_HOTPLUG_CPU */

#endif /* SIS_HOTPLUG_H */
