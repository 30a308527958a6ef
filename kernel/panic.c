/*
 * panic(): the one way down. The first CPU to panic prints the reason
 * and its backtrace, stops the others with IPI_STOP (each prints its own
 * state), and ends the machine with a failure status when the command
 * line asked for "poweroff", else halts so the message stays on screen.
 */
#include <sis/ipi.h>
#include <sis/percpu.h>
#include <sis/panic.h>
#include <sis/power.h>
#include <sis/printk.h>
#include <sis/spinlock.h>
#include <sis/smp.h>
#include <sis/time.h>

#define BACKTRACE_MAX 32
#define NO_CPU (-1)

static int panic_cpu = NO_CPU;
static bool poweroff_after;			/* panic_set_poweroff() */
static const char *(*running_name)(void);	/* panic_set_task_name() */

void panic_set_poweroff(bool on)
{
	poweroff_after = on;
}

void panic_set_task_name(const char *(*fn)(void))
{
	running_name = fn;
}

/* A frame record is {previous fp, return address} on both arches. */
static bool frame_ok(uintptr_t fp, uintptr_t prev)
{
	return fp && !(fp & 7) && (prev == 0 || (prev > fp && prev - fp < 0x100000));
}

void backtrace_print(uintptr_t fp)
{
	int depth;

	if (!fp)
		fp = (uintptr_t)__builtin_frame_address(0);
	printk(LOG_ERR, "Backtrace:\n");
	for (depth = 0; depth < BACKTRACE_MAX && fp; depth++) {
		uintptr_t prev = ((uintptr_t *)fp)[0];
		uintptr_t ret = ((uintptr_t *)fp)[1];
		uintptr_t off = 0;
		const char *name;

		if (!ret)
			break;
		/* ret - 1: a call to a noreturn function may end its caller. */
		name = ksym_lookup(ret - 1, &off);
		printk(LOG_ERR, "  [<%016lx>] %s+0x%lx\n", (unsigned long)ret,
		       name ? name : "?", (unsigned long)off + 1);
		if (!frame_ok(fp, prev))
			break;
		fp = prev;
	}
}

void warn_print(const char *cond, const char *file, int line)
{
	printk(LOG_WARN, "[WARN] core%u: %s at %s:%d\n", smp_processor_id(),
	       cond, file, line);
	backtrace_print(0);
}

/*
 * IPI_STOP on the other CPUs: say what this CPU was running and where
 * (the backtrace goes through the interrupt frame into the interrupted
 * code), one CPU at a time, then stop for good.
 */
void panic_stop_self(void)
{
	static raw_spinlock_t report_lock = RAW_SPINLOCK_INIT;
	struct percpu *p = this_cpu();
	const char *task = running_name ? running_name() : NULL;

	raw_spin_lock(&report_lock);
	printk(LOG_ERR, "[PANIC] core%u stopped: running %s, preempt_count=%u irq_depth=%u ticks=%llu\n",
	       p->cpu, task ? task : "?", p->preempt_count, p->irq_depth,
	       (unsigned long long)p->ticks);
	backtrace_print(0);
	raw_spin_unlock(&report_lock);
	arch_halt();
}

void panic(const char *fmt, ...)
{
	static char msg[256];	/* one panicking CPU gets past the exchange */
	unsigned int me;
	int expected = NO_CPU;
	va_list ap;

	arch_irq_disable();
	me = smp_processor_id();
	if (!__atomic_compare_exchange_n(&panic_cpu, &expected, (int)me, false,
					 __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
		if (expected != (int)me)
			arch_halt();	/* another CPU is already reporting */
		printk(LOG_ERR, "PANIC on CPU %u: (recursive panic)\n", me);
		machine_poweroff(false);
	}
	printk_enter_panic();
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	printk(LOG_ERR, "PANIC on CPU %u: %s\n", me, msg);
	backtrace_print(0);
	if (num_online_cpus() > 1) {
		ipi_broadcast(IPI_STOP, true);
		mdelay(500);	/* let the others print their state */
	}
	/* Once more, last: on a screen the first line has scrolled away. */
	printk(LOG_ERR, "[PANIC] halted: CPU %u: %s\n", me, msg);
	if (poweroff_after)
		machine_poweroff(false);
	arch_halt();
}
