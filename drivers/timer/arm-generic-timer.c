/*
 * ARM generic timer: a periodic tick at CONFIG_SCHED_HZ on every CPU.
 *
 * Each CPU has its own EL1 physical (INTID 30 on the Pi and QEMU) and
 * virtual (27) timer, both counting the system counter at CNTFRQ_EL0.
 * Entered at EL2 we gave EL1 the physical timer (CNTHCTL_EL2) and zeroed
 * CNTVOFF; entered at EL1 a hypervisor may own the physical one, so the
 * virtual timer is used there. The compare value advances by a fixed
 * interval from the previous deadline, so ticks do not drift with
 * interrupt latency.
 */
#include <sis/clockevent.h>
#include <sis/driver.h>
#include <sis/irq.h>
#include <sis/of_fw.h>
#include <sis/percpu.h>
#include <sis/printk.h>
#include <asm/boot.h>
#include <asm/sysreg.h>

#define CTL_ENABLE	BIT(0)
#define CTL_IMASK	BIT(1)

static bool use_virt;
static unsigned int timer_irq;
static u64 timer_freq;
static u64 interval;
/* Next deadline of each CPU; only that CPU touches its slot. */
static u64 deadline[CONFIG_MAX_CPUS];

static u64 counter_now(void)
{
	isb();
	return use_virt ? read_sysreg(cntvct_el0) : read_sysreg(cntpct_el0);
}

static void timer_program(u64 cval)
{
	if (use_virt) {
		write_sysreg(cntv_cval_el0, cval);
		write_sysreg(cntv_ctl_el0, CTL_ENABLE);
	} else {
		write_sysreg(cntp_cval_el0, cval);
		write_sysreg(cntp_ctl_el0, CTL_ENABLE);
	}
	isb();
}

static void timer_irq_handler(unsigned int irq, void *arg)
{
	unsigned int cpu = smp_processor_id();
	u64 now = counter_now();

	deadline[cpu] += interval;
	if (deadline[cpu] <= now)	/* missed ticks (a debugger, a slow host) */
		deadline[cpu] = now + interval;
	timer_program(deadline[cpu]);
	tick_handle();
}

static int arm_timer_init(const void *fw)
{
	const struct of_timer *cfg = fw;

	timer_freq = arch_counter_freq();
	if (cfg->clock_frequency && cfg->clock_frequency != timer_freq)
		pr_warn("[TIMER] CNTFRQ_EL0=%llu but the device tree says %u: keeping CNTFRQ_EL0\n",
			(unsigned long long)timer_freq, cfg->clock_frequency);
	if (timer_freq < CONFIG_SCHED_HZ) {
		pr_err("[TIMER] counter frequency %llu Hz is unusable\n",
		       (unsigned long long)timer_freq);
		return -1;
	}
	use_virt = arm64_boot_el < 2;
	timer_irq = use_virt ? cfg->virt_irq : cfg->phys_irq;
	interval = timer_freq / CONFIG_SCHED_HZ;
	pr_info("[TIMER] EL1 %s timer, INTID %u\n", use_virt ? "virtual" : "physical", timer_irq);
	return irq_register(timer_irq, timer_irq_handler, NULL);
}

static void arm_timer_init_cpu(unsigned int cpu)
{
	deadline[cpu] = counter_now() + interval;
	timer_program(deadline[cpu]);
	irq_enable(timer_irq);
	pr_info("[TIMER] core%u tick @%dHz (cntfrq=%llu)\n", cpu, CONFIG_SCHED_HZ,
		(unsigned long long)timer_freq);
}

static const struct clockevent arm_timer = {
	.name = "arm-generic-timer",
	.init = arm_timer_init,
	.init_cpu = arm_timer_init_cpu,
};

TIMER_DECLARE(arm_timer, "arm,armv8-timer", &arm_timer);
