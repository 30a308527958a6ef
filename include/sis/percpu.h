/*
 * Per-CPU data. this_cpu() is one register read (x86: GS base, whose
 * first word is the struct's own address; arm64: TPIDR_EL1). Each CPU's
 * struct is cache-line aligned so no two CPUs share a line.
 *
 * Only the owning CPU writes its struct, except where a field says
 * otherwise.
 */
#ifndef SIS_PERCPU_H
#define SIS_PERCPU_H

#include <sis/arch.h>
#include <sis/compiler.h>
#include <sis/cpumask.h>
#include <sis/ipi.h>
#include <sis/irq.h>
#include <sis/runqueue.h>
#include <sis/types.h>
#include <asm/percpu.h>

struct percpu {
	struct percpu *self;	/* offset 0, used by arch entry code (x86 gs:0) */
	void *stack_top;	/* offset 8, used by the secondary entry code */
	/* User mode (kernel/user/): */
	uintptr_t kernel_sp;	/* offset 16: the running thread's kernel stack top (x86 syscall entry) */
	uintptr_t user_sp;	/* offset 24: the user stack pointer, saved by the x86 syscall entry */
	struct mm *mm;		/* the address space this CPU runs (NULL: the kernel's) */
	unsigned int cpu;	/* logical id, dense 0..n-1 (kernel/topology.c) */
	int online;		/* set by the CPU itself with release order */
	u64 hwid;		/* APIC id / MPIDR: written only by topology_init() */
	unsigned int node;	/* NUMA node: written only by numa_init() */
	unsigned int irq_depth;	/* nesting of irq_dispatch() */
	unsigned int preempt_count; /* >0: no task switch on this CPU */
	u64 ticks;		/* timer ticks taken on this CPU */
	u64 tick_stops;		/* times its idle task stopped its tick (kernel/tick.c) */
	bool tick_stopped;	/* its tick is paused while it idles: this CPU only */
	u64 ipi_count[IPI_MAX];	/* IPIs received, by type */
	u64 irq_count[IRQ_ACTIONS_MAX];	/* interrupts taken, by handler slot (kernel/irq.c) */
	u64 spurious_irqs;	/* spurious interrupts taken */
	u64 tlb_flushes;	/* kernel TLB shootdowns done on this CPU */
	/* The lock and ticket this CPU halts for (kernel/sync/spinlock.c). */
	const void *halt_lock;
	u16 halt_ticket;
	struct runqueue rq;	/* the scheduler's; see <sis/runqueue.h> for its lock */
	struct arch_percpu arch;
} __cacheline_aligned;

#define PERCPU_SELF		0
#define PERCPU_STACK_TOP	8
#define PERCPU_KERNEL_SP	16
#define PERCPU_USER_SP		24

/*
 * CPU 0's area is static (it is needed before memory is); the others are
 * allocated by percpu_alloc() once the topology says how many CPUs there
 * are. percpu_ptr[cpu] is NULL for a CPU that does not exist.
 */
extern struct percpu *percpu_ptr[CONFIG_MAX_CPUS];
extern struct percpu percpu_boot;
/* Areas for CPUs 1 .. n - 1; 0, or -ENOMEM (then only CPU 0 has one). */
int percpu_alloc(unsigned int n);
/* numa_init(): each CPU's area into its node's memory. */
void percpu_to_nodes(void);

static inline struct percpu *this_cpu(void)
{
	return arch_this_cpu();
}

static inline unsigned int smp_processor_id(void)
{
	return this_cpu()->cpu;
}

static inline struct percpu *percpu_of(unsigned int cpu)
{
	return percpu_ptr[cpu];
}

/*
 * Online CPUs (kernel/percpu.c): each sets its own flag when it is up
 * and clears it going offline (cpu_set_online), which also keeps the
 * shared mask cpu_online_mask() points to; read it with
 * cpumask_copy_atomic() or cpumask_test_atomic().
 */
bool cpu_is_online(unsigned int cpu);
void cpu_set_online(struct percpu *p, bool online);
const cpumask_t *cpu_online_mask(void);
unsigned int num_online_cpus(void);

#endif /* SIS_PERCPU_H */
