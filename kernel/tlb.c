/*
 * Kernel TLB shootdown (see <sis/tlb.h>). On an arch without broadcast
 * invalidation the flush runs on every online CPU as a cross-call sent
 * with IPI_TLB_FLUSH; the caller waits for all of them, and CPUs that
 * spin on a lock meanwhile still run it (they poll their call queue), so
 * flushing while holding a lock cannot deadlock.
 */
#include <sis/arch.h>
#include <sis/ipi.h>
#include <sis/percpu.h>
#include <sis/smp.h>
#include <sis/tlb.h>

struct tlb_range {
	uintptr_t va;
	size_t len;
};

static void flush_here(void *arg)
{
	const struct tlb_range *r = arg;

	arch_tlb_flush_local(r->va, r->len);
	WRITE_ONCE(this_cpu()->tlb_flushes, this_cpu()->tlb_flushes + 1);
}

void tlb_flush_kernel_range(uintptr_t va, size_t len)
{
	struct tlb_range r = { va, len };

	if (ARCH_TLB_BROADCAST) {
		arch_tlb_flush_broadcast(va, len);
		WRITE_ONCE(this_cpu()->tlb_flushes, this_cpu()->tlb_flushes + 1);
		return;
	}
	cpumask_t all;

	cpumask_copy_atomic(&all, cpu_online_mask());
	cpumask_set(&all, smp_processor_id());
	smp_call_function_many_ipi(&all,
				   flush_here, &r, true, IPI_TLB_FLUSH);
}
