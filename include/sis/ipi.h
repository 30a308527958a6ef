/*
 * Inter-processor interrupts and cross-calls (kernel/ipi.c), carried by
 * the irqchip's send_ipi (GIC SGIs, LAPIC vectors 0x30 + type).
 */
#ifndef SIS_IPI_H
#define SIS_IPI_H

#include <sis/cpumask.h>
#include <sis/types.h>

enum ipi_type {
	IPI_RESCHEDULE,		/* run the scheduler on return from the IPI */
	IPI_CALL_FUNC,		/* run the queued cross-calls */
	IPI_TLB_FLUSH,		/* run queued cross-calls: a kernel TLB shootdown */
	IPI_STOP,		/* stop this CPU (panic) */
	IPI_TEST,		/* for the in-kernel tests */
	IPI_WAKE,		/* wake a CPU halted waiting for a spinlock */
	IPI_MAX
};

extern const char *const ipi_names[IPI_MAX];

void ipi_init(void);
void ipi_init_cpu(unsigned int cpu);
void ipi_send(unsigned int cpu, enum ipi_type type);
/* type to every CPU of cpus (online, not this one), by the irqchip's broadcast forms. */
void ipi_send_mask(const cpumask_t *cpus, enum ipi_type type);
void ipi_broadcast(enum ipi_type type, bool exclude_self);

/* Hook for IPI_TEST (tests install their handler). */
void ipi_set_test_handler(void (*fn)(void));

typedef void (*smp_call_fn)(void *arg);
/* Run fn(arg) on cpu (directly when cpu is this CPU); wait: until it ran. */
int smp_call_function_single(unsigned int cpu, smp_call_fn fn, void *arg, bool wait);
/* Run fn(arg) once on every online CPU in mask (this CPU too when in it). */
int smp_call_function_many(const cpumask_t *mask, smp_call_fn fn, void *arg, bool wait);
/* The same, signalled with IPI type ipi (IPI_TLB_FLUSH for shootdowns). */
int smp_call_function_many_ipi(const cpumask_t *mask, smp_call_fn fn, void *arg, bool wait,
			       enum ipi_type ipi);
/* Run pending cross-calls for this CPU (from the IPI, or while spinning). */
void smp_call_poll(void);
/* Are cross-calls queued for this CPU? */
bool smp_call_pending(void);
/*
 * Hotplug, on the CPU going offline (interrupts off): leave the online
 * set, so no call is queued for it any more, and run those that were.
 */
void smp_call_cpu_offline(void);

#endif /* SIS_IPI_H */
