/*
 * KTAP suite "x86_cpu_state": every CPU runs with the control state
 * longmode.h loads whole (CR0_STATE, CR4_STATE, EFER_STATE), with the
 * features cpu.c turns on (SMEP, SMAP, NX, syscall) on each. An AP that
 * only ORed its bits into what INIT left would still have CD and NW
 * set: its caches off, which no functional test would notice.
 */
#include <sis/ipi.h>
#include <sis/ktest.h>
#include <sis/percpu.h>
#include <sis/smp.h>
#include <sis/string.h>
#include <asm/cpu.h>

struct cpu_state {
	u64 cr0, cr4, efer;
};

static struct cpu_state seen[CONFIG_MAX_CPUS];

static void record_state(void *arg)
{
	struct cpu_state *s = &seen[smp_processor_id()];

	s->cr0 = read_cr0();
	s->cr4 = read_cr4();
	s->efer = rdmsr(MSR_EFER);
}

static void test_control_registers(struct ktest *t)
{
	unsigned int cpu;

	memset(seen, 0xff, sizeof(seen));
	smp_call_function_many(cpu_online_mask(), record_state, NULL, true);
	for (cpu = 0; cpu < CONFIG_MAX_CPUS; cpu++) {
		if (!cpu_is_online(cpu))
			continue;
		if (seen[cpu].cr0 & (CR0_CD | CR0_NW))
			ktest_log(t, "CPU %u runs with its caches off: CR0=0x%llx", cpu,
				  (unsigned long long)seen[cpu].cr0);
		KTEST_EXPECT_EQ(t, seen[cpu].cr0, CR0_STATE);
		KTEST_EXPECT_EQ(t, seen[cpu].cr4, x86_cr4_state);
		/* LMA is the CPU's own report that long mode is active. */
		KTEST_EXPECT_EQ(t, seen[cpu].efer, x86_efer_state | EFER_LMA);
	}
}

KTEST_SUITE(x86_cpu_state, KTEST_CASE(test_control_registers));
