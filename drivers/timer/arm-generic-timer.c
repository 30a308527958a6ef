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
 *
 * The timer is architected: every arm64 CPU has it, so this is the
 * class's fallback. The DT node's interrupts are, in order, the secure
 * and non-secure physical, virtual and hypervisor timers; without a node
 * the architected PPIs (INTID 30 and 27) are used.
 */
#include <sis/clockevent.h>
#include <sis/errno.h>
#include <sis/firmware.h>
#include <sis/irq.h>
#include <sis/percpu.h>
#include <sis/printk.h>
#include <asm/boot.h>
#include <asm/sysreg.h>

#define CTL_ENABLE	BIT(0)
#define TIMER_IRQ_PHYS	1	/* interrupts[] entries of the DT binding */
#define TIMER_IRQ_VIRT	2
#define PPI_PHYS	30	/* the architected INTIDs */
#define PPI_VIRT	27
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

/* The EL1 timer's interrupt: from the device's list, else the architected PPI. */
static unsigned int pick_irq(const struct fw_device *dev)
{
	unsigned int want = use_virt ? TIMER_IRQ_VIRT : TIMER_IRQ_PHYS;

	if (dev->node == FW_NO_NODE)
		pr_warn("[TIMER] no timer node in the device tree: using PPIs %u and %u\n",
			PPI_PHYS, PPI_VIRT);
	else if (dev->nirqs <= TIMER_IRQ_VIRT || dev->irqs[want] == FW_IRQ_NONE)
		pr_warn("[TIMER] timer node: interrupts not as the binding says: using PPIs %u and %u\n",
			PPI_PHYS, PPI_VIRT);
	else
		return dev->irqs[want];
	return use_virt ? PPI_VIRT : PPI_PHYS;
}

static int arm_timer_init(const struct fw_device *dev)
{
	u32 dt_freq = fw_prop_u32(dev, "clock-frequency", 0);

	timer_freq = arch_counter_freq();
	if (dt_freq && dt_freq != timer_freq)
		pr_warn("[TIMER] CNTFRQ_EL0=%llu but the device tree says %u: keeping CNTFRQ_EL0\n",
			(unsigned long long)timer_freq, dt_freq);
	if (timer_freq < CONFIG_SCHED_HZ) {
		pr_err("[TIMER] counter frequency %llu Hz is unusable\n",
		       (unsigned long long)timer_freq);
		return -ERANGE;
	}
	use_virt = arm64_boot_el < 2;
	timer_irq = pick_irq(dev);
	interval = timer_freq / CONFIG_SCHED_HZ;
	pr_info("[TIMER] EL1 %s timer, INTID %u\n", use_virt ? "virtual" : "physical", timer_irq);
	return irq_register(timer_irq, "timer", timer_irq_handler, NULL);
}

static void arm_timer_init_cpu(unsigned int cpu)
{
	deadline[cpu] = counter_now() + interval;
	timer_program(deadline[cpu]);
	irq_enable(timer_irq);
	pr_info("[TIMER] core%u tick @%dHz (cntfrq=%llu)\n", cpu, CONFIG_SCHED_HZ,
		(unsigned long long)timer_freq);
}

static void arm_timer_stop_cpu(unsigned int cpu)
{
	irq_disable(timer_irq);
	if (use_virt)
		write_sysreg(cntv_ctl_el0, CTL_IMASK);
	else
		write_sysreg(cntp_ctl_el0, CTL_IMASK);
	isb();
}

/* Tickless idle: the timer disabled, so its level interrupt drops; no GIC access. */
static void arm_timer_pause_cpu(unsigned int cpu)
{
	if (use_virt)
		write_sysreg(cntv_ctl_el0, 0);
	else
		write_sysreg(cntp_ctl_el0, 0);
	isb();
}

static void arm_timer_resume_cpu(unsigned int cpu)
{
	deadline[cpu] = counter_now() + interval;
	timer_program(deadline[cpu]);
}

static const struct clockevent arm_timer = {
	.match = {
		.name = "arm-generic-timer",
		.compatible = DRIVER_COMPATIBLE("arm,armv8-timer", "arm,armv7-timer"),
		.fallback = true,
	},
	.init = arm_timer_init,
	.init_cpu = arm_timer_init_cpu,
	.stop_cpu = arm_timer_stop_cpu,
	.pause_cpu = arm_timer_pause_cpu,
	.resume_cpu = arm_timer_resume_cpu,
};

TIMER_DECLARE(arm_timer);
