/*
 * Host stand-ins for the kernel services that parsers and other
 * arch-neutral code call: printk, panic, time, per-CPU data.
 */
#ifndef HOST_H
#define HOST_H

#include <setjmp.h>
#include <sis/types.h>

/* Arm with setjmp(host_panic_jmp) and host_expect_panic = true: panic() longjmps back. */
extern jmp_buf host_panic_jmp;
extern bool host_expect_panic;
extern char host_panic_msg[512];

/* Everything printk printed since the last host_log_clear(). */
extern char host_log[65536];
void host_log_clear(void);
/* Silence printk on stdout (it is still captured in host_log). */
extern bool host_quiet;

/* What in_irq() answers (tests of interrupt-context rules set it). */
extern bool host_in_irq;

/* When non-zero, what arch_counter_read() returns (1 GHz counter). */
extern u64 host_counter_fixed;

/* When >= 0, what arch_cpu_hwid() returns (else the host CPU's logical id). */
extern long long host_cpu_hwid;

/* Make the calling thread logical CPU cpu (percpu_area[cpu]). */
void host_set_cpu(unsigned int cpu);

#endif /* HOST_H */
