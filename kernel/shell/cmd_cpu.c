/*
 * Shell commands about CPUs and interrupts: cpus, irqs, ipi, call, cpu.
 */
#include <sis/arch.h>
#include <sis/console.h>
#include <sis/cpu_ops.h>
#include <sis/errno.h>
#include <sis/hotplug.h>
#include <sis/ipi.h>
#include <sis/irq.h>
#include <sis/numa.h>
#include <sis/percpu.h>
#include <sis/platform.h>
#include <sis/preempt.h>
#include <sis/printk.h>
#include <sis/sched.h>
#include <sis/shell.h>
#include <sis/string.h>
#include <sis/time.h>
#include <sis/topology.h>

#define PING_DEFAULT	10
#define PING_MAX	100000

static u64 uptime_ns(void)
{
	return ticks_to_ns(arch_counter_read() - boot_counter_start);
}

static const char *method_name(unsigned int cpu)
{
	if (cpu == 0)
		return "boot";
	return platform.enable_method ? platform.enable_method->match.name : "-";
}

static int cmd_cpus(int argc, char **argv)
{
	u64 up = uptime_ns();
	unsigned int cpu;
	char id[24], task[TASK_NAME_LEN];

	shell_printf("CPU  %-8s STATE    METHOD     TICKS      TASK             IDLE  NODE\n",
		     ARCH_HWID_NAME);
	for (cpu = 0; cpu < nr_cpu_ids; cpu++) {
		struct sched_stats s;
		bool online = cpu_is_online(cpu);

		sched_cpu_stats(cpu, &s);
		shell_printf("%-4u %-8s %-8s %-10s %-10llu %-16s %3llu%%  %u\n", cpu,
			     hwid_str(cpu_hwid(cpu), id, sizeof(id)),
			     online ? "online" : "offline", method_name(cpu),
			     (unsigned long long)READ_ONCE(percpu_of(cpu)->ticks),
			     online ? sched_cpu_task(cpu, task, sizeof(task)) : "-",
			     (unsigned long long)(up ? s.idle_ns * 100 / up : 0),
			     cpu_to_node(cpu));
	}
	return 0;
}

SHELL_CMD(cpus, "", "Every CPU: hardware id, state, how it started, ticks, task, idle time, "
	  "NUMA node.",
	  cmd_cpus, NULL);

/* The handler slots by interrupt number: the one after slot prev (-1: the first), or ~0u. */
static unsigned int irq_next_slot(int prev)
{
	unsigned int slot, best = ~0u, irq, best_irq = 0, prev_irq = 0;

	if (prev >= 0)
		irq_handler_info((unsigned int)prev, &prev_irq);
	for (slot = 0; irq_handler_info(slot, &irq); slot++)
		if ((prev < 0 || irq > prev_irq) && (best == ~0u || irq < best_irq)) {
			best = slot;
			best_irq = irq;
		}
	return best;
}

static int cmd_irqs(int argc, char **argv)
{
	struct shell_line l = { .len = 0 };
	unsigned int slot, irq, cpu;
	const char *name;
	char head[16];

	shell_line_add(&l, "      ");
	for (cpu = 0; cpu < nr_cpu_ids; cpu++) {
		snprintf(head, sizeof(head), "core%u", cpu);
		shell_line_add(&l, " %10s", head);
	}
	shell_line_end(&l);
	for (slot = irq_next_slot(-1); slot != ~0u; slot = irq_next_slot((int)slot)) {
		name = irq_handler_info(slot, &irq);
		shell_line_add(&l, "%5u:", irq);
		for (cpu = 0; cpu < nr_cpu_ids; cpu++)
			shell_line_add(&l, " %10llu",
				       (unsigned long long)irq_handler_count(slot, cpu));
		shell_line_add(&l, "  %s", name);
		shell_line_end(&l);
	}
	shell_line_add(&l, "  SPU:");
	for (cpu = 0; cpu < nr_cpu_ids; cpu++)
		shell_line_add(&l, " %10llu", (unsigned long long)irq_spurious_count(cpu));
	shell_line_add(&l, "  spurious");
	shell_line_end(&l);
	shell_printf("console input: %llu byte(s) the UART lost (its FIFO overran)\n",
		     (unsigned long long)console_input_overruns());
	return 0;
}

SHELL_CMD(irqs, "", "Interrupts taken, per CPU: timer, each IPI, each device, spurious.",
	  cmd_irqs, NULL);

static void nothing(void *arg)
{
}

/* N cross-call round trips to cpu (an IPI there, the answer back). */
static int ipi_ping(unsigned int cpu, u64 n)
{
	u64 lo = ~0ull, hi = 0, sum = 0, i;
	int err = 0;

	preempt_disable();	/* "this CPU" must stay this CPU */
	if (cpu == smp_processor_id()) {
		preempt_enable();
		shell_printf("ipi: core%u is the CPU this runs on: ping another\n", cpu);
		return -EINVAL;
	}
	for (i = 0; i < n && !err && !shell_interrupted(); i++) {
		u64 t0 = time_ns(), dt;

		err = smp_call_function_single(cpu, nothing, NULL, true);
		dt = time_ns() - t0;
		lo = MIN(lo, dt);
		hi = MAX(hi, dt);
		sum += dt;
	}
	preempt_enable();
	if (i)
		shell_printf("ipi ping core%u: %llu round trips, min %llu us, avg %llu us, max %llu us\n",
			     cpu, (unsigned long long)i, (unsigned long long)(lo / 1000),
			     (unsigned long long)(sum / i / 1000), (unsigned long long)(hi / 1000));
	return err;
}

static int cmd_ipi(int argc, char **argv)
{
	unsigned int cpu;
	u64 n = PING_DEFAULT;

	if (argc < 3 || strcmp(argv[1], "ping")) {
		shell_printf("usage: ipi ping CPU [COUNT]\n");
		return -EINVAL;
	}
	if (shell_parse_cpu(argv[2], &cpu))
		return -EINVAL;
	if (argc > 3 && (shell_parse_u64(argv[3], "count", &n) || !n || n > PING_MAX)) {
		shell_printf("ipi: COUNT is 1 to %u\n", PING_MAX);
		return -EINVAL;
	}
	return ipi_ping(cpu, n);
}

static void complete_ipi(int argc, char **argv, struct shell_completion *c)
{
	if (argc == 1)
		shell_complete_add(c, "ping");
}

SHELL_CMD(ipi, "ping CPU [COUNT]", "Round-trip time of cross-calls to a CPU.", cmd_ipi,
	  complete_ipi);

static void say_called(void *arg)
{
	shell_printf("core%u: called from core%u\n", smp_processor_id(),
		     *(unsigned int *)arg);
}

static int cmd_call(int argc, char **argv)
{
	unsigned int cpu, from;
	int err;

	if (argc < 2) {
		shell_printf("usage: call CPU\n");
		return -EINVAL;
	}
	if (shell_parse_cpu(argv[1], &cpu))
		return -EINVAL;
	preempt_disable();
	from = smp_processor_id();
	err = smp_call_function_single(cpu, say_called, &from, true);
	preempt_enable();
	return err;
}

SHELL_CMD(call, "CPU", "Run a function on a CPU with a cross-call; it says where.",
	  cmd_call, NULL);

/* cpu off|on N [force]: hotplug; the kernel log says why a CPU stays as it is. */
static int cmd_cpu(int argc, char **argv)
{
	bool off = argc >= 3 && !strcmp(argv[1], "off");
	bool force = argc == 4 && !strcmp(argv[3], "force");
	u64 cpu;
	int err;

	if (argc < 3 || argc > 4 || (!off && strcmp(argv[1], "on")) || (argc == 4 && !force) ||
	    (force && !off)) {
		shell_printf("usage: cpu off CPU [force] | cpu on CPU\n");
		return -EINVAL;
	}
	if (shell_parse_u64(argv[2], "a CPU", &cpu))
		return -EINVAL;
	if (cpu >= nr_cpu_ids) {
		shell_printf("cpu: there is no CPU %s (cpus lists them)\n", argv[2]);
		return -EINVAL;
	}
	err = off ? cpu_down((unsigned int)cpu, force ? CPU_DOWN_FORCE : 0) :
		    cpu_up((unsigned int)cpu);
	if (!err)
		shell_printf("core%llu is %s\n", (unsigned long long)cpu, off ? "offline" : "online");
	else if (err == -EALREADY)
		shell_printf("core%llu is already %s\n", (unsigned long long)cpu,
			     off ? "offline" : "online");
	return err == -EALREADY ? 0 : err;
}

static void complete_cpu(int argc, char **argv, struct shell_completion *c)
{
	if (argc == 1) {
		shell_complete_add(c, "off");
		shell_complete_add(c, "on");
	} else if (argc == 3) {
		shell_complete_add(c, "force");
	}
}

SHELL_CMD(cpu, "off CPU [force] | on CPU", "Take a CPU offline or bring it back.", cmd_cpu,
	  complete_cpu);
