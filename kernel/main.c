/*
 * kernel_main: the boot CPU's path from the arch entry to a running SMP
 * system. One call per step; each subsystem is x_init() here and
 * x_init_cpu() on every CPU (see secondary_main in smp.c).
 */
#include <sis/arch.h>
#include <sis/bench.h>
#include <sis/clockevent.h>
#include <sis/cmdline.h>
#include <sis/console.h>
#include <sis/ipi.h>
#include <sis/irq.h>
#include <sis/ktest.h>
#include <sis/mm.h>
#include <sis/panic.h>
#include <sis/percpu.h>
#include <sis/platform.h>
#include <sis/power.h>
#include <sis/printk.h>
#include <sis/sched.h>
#include <sis/shell.h>
#include <sis/smp.h>
#include <sis/time.h>
#include <sis/user.h>
#include <generated/version.h>

void kernel_main(struct boot_info *bi)
{
	int failed;

	boot_counter_start = arch_counter_read();	/* bring-up time starts here */
	cmdline_init(bi->cmdline);		/* loglevel first: it filters the rest */
	panic_set_poweroff(cmdline_has("poweroff"));
	pr_info("sis %s (%s/%s) booting on CPU 0\n", SIS_VERSION, CONFIG_BOARD, CONFIG_ARCH);
	pr_info("[BOOT] cmdline: %s\n", cmdline_str());
	cmdline_report();			/* after the banner: what was wrong */
	console_report();			/* where this is going */
	mm_init(bi);				/* pages and heap from the memory map */
	platform_init(bi);			/* ACPI or DT: CPUs, irqchip, timer */
	irq_init();				/* the interrupt controller */
	irq_init_cpu(0);
	ipi_init();				/* IPI handlers on the irqchip */
	ipi_init_cpu(0);
	timer_init();				/* the tick source (calibrated on x86) */
	timer_init_cpu(0);
	sched_init();				/* this code becomes task "main" */
	arch_irq_enable();
	console_init_input();			/* typing works from here on */
	smp_init();				/* start every other CPU */
	user_init();				/* the reaper of ended processes */
	failed = ktest_run();			/* only when asked: "ktest" */
	if (cmdline_has("sched_demo"))
		sched_demo();			/* tasks A-D on every core */
	if (cmdline_has("soak"))
		failed += sched_soak(cmdline_get_u64("soak", 30), NULL);
	if (cmdline_has("bench"))
		bench_run();			/* the microbenchmarks */
	if (cmdline_has("init"))
		failed += user_run_init();	/* "init=/bin/NAME": a program, waited for */
	if (cmdline_has("poweroff")) {
		pr_info("[BOOT] done: powering off%s\n", failed ? " (tests failed)" : "");
		machine_poweroff(failed == 0);
	}
	if (IS_ENABLED(CONFIG_SHELL)) {
		pr_info("[BOOT] done: starting the shell\n");
		shell_start();			/* the prompt, on any CPU */
	} else {
		pr_info("[BOOT] done: idling\n");
	}
	task_exit(0);				/* CPU 0 goes on with its idle task */
}
