/*
 * Host implementations of printk, panic, time and per-CPU data for the
 * unit tests (see host.h). printk output is captured so tests can check
 * what a parser reported.
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sis/ipi.h>
#include <sis/irq.h>
#include <sis/mm.h>
#include <sis/percpu.h>
#include <sis/printk.h>
#include <asm/io.h>

#include "host.h"

/* Every CPU has its area from the start on the host. */
struct percpu percpu_area[CONFIG_MAX_CPUS];
struct percpu percpu_boot;
struct percpu *percpu_ptr[CONFIG_MAX_CPUS];

__attribute__((constructor)) static void host_percpu_init(void)
{
	unsigned int cpu;

	for (cpu = 0; cpu < CONFIG_MAX_CPUS; cpu++)
		percpu_ptr[cpu] = &percpu_area[cpu];
}

__attribute__((weak)) int percpu_alloc(unsigned int n)
{
	return 0;
}

/* NUMA placement (kernel/percpu.c, kernel/mm/page.c): nothing moves on the host. */
__attribute__((weak)) void percpu_to_nodes(void)
{
}

__attribute__((weak)) void page_node_range(phys_addr_t base, u64 size, unsigned int node)
{
}

/* The driver class tables (include/sis/driver.h) exist on the host, empty. */
#define EMPTY_DRIVER_TABLE(cls) \
	__asm__(".pushsection .data\n.balign 8\n" \
		".weak __drivers_" #cls "_start\n.weak __drivers_" #cls "_end\n" \
		"__drivers_" #cls "_start:\n__drivers_" #cls "_end:\n.popsection")
EMPTY_DRIVER_TABLE(irqchip);
EMPTY_DRIVER_TABLE(timer);
EMPTY_DRIVER_TABLE(cpu_method);
EMPTY_DRIVER_TABLE(console);
EMPTY_DRIVER_TABLE(power);
EMPTY_DRIVER_TABLE(refclock);
__thread struct percpu *host_this_cpu = &percpu_area[0];
__thread bool host_irqs_on = true;
/* <asm/io.h> (tests/unit/include): a device model, when a test sets one. */
u32 (*host_mmio_read)(uintptr_t addr);
void (*host_mmio_write)(u32 v, uintptr_t addr);
/* Weak: test_printk links the kernel's own printk.c instead. */
__attribute__((weak)) int console_loglevel = 7;

jmp_buf host_panic_jmp;
bool host_expect_panic;
char host_panic_msg[512];
char host_log[65536];
bool host_quiet = true;
static size_t host_log_len;
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;

void host_log_clear(void)
{
	pthread_mutex_lock(&log_lock);
	host_log_len = 0;
	host_log[0] = '\0';
	pthread_mutex_unlock(&log_lock);
}

__attribute__((weak)) void host_wait_for_interrupt(void)
{
}

void host_set_cpu(unsigned int cpu)
{
	host_this_cpu = &percpu_area[cpu];
	host_this_cpu->self = host_this_cpu;
	host_this_cpu->cpu = cpu;
}

__attribute__((weak)) void vprintk(int level, const char *fmt, va_list ap)
{
	char buf[1024];
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);

	if (n < 0)
		return;
	pthread_mutex_lock(&log_lock);
	if (host_log_len + strlen(buf) < sizeof(host_log)) {
		memcpy(host_log + host_log_len, buf, strlen(buf) + 1);
		host_log_len += strlen(buf);
	}
	pthread_mutex_unlock(&log_lock);
	if (!host_quiet)
		fputs(buf, stdout);
}

__attribute__((weak)) void printk(int level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintk(level, fmt, ap);
	va_end(ap);
}

void panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(host_panic_msg, sizeof(host_panic_msg), fmt, ap);
	va_end(ap);
	if (host_expect_panic) {
		host_expect_panic = false;
		longjmp(host_panic_jmp, 1);
	}
	fprintf(stderr, "PANIC (host): %s\n", host_panic_msg);
	abort();
}

void warn_print(const char *cond, const char *file, int line)
{
	printk(LOG_WARN, "[WARN] %s at %s:%d\n", cond, file, line);
}

u64 host_counter_fixed;

u64 host_counter(void)
{
	struct timespec ts;

	if (host_counter_fixed)
		return host_counter_fixed;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (u64)ts.tv_sec * 1000000000ull + (u64)ts.tv_nsec;
}

u64 arch_counter_freq(void)
{
	return 1000000000ull;
}

long long host_cpu_hwid = -1;

u64 arch_cpu_hwid(void)
{
	return host_cpu_hwid >= 0 ? (u64)host_cpu_hwid : host_this_cpu->cpu;
}

/* Interrupts: the tests say when they are "in" one. */
bool host_in_irq;

__attribute__((weak)) bool in_irq(void)
{
	return host_in_irq;
}

const char *ksym_lookup(uintptr_t addr, uintptr_t *offset)
{
	return NULL;
}

const char *ksym_format(uintptr_t addr, char *buf, size_t size)
{
	snprintf(buf, size, "0x%lx", (unsigned long)addr);
	return buf;
}

/* The kernel's strlcpy (lib/string.c); the host's libc may lack it. */
__attribute__((weak)) size_t strlcpy(char *dst, const char *src, size_t size)
{
	size_t n = strlen(src);

	if (size) {
		size_t c = n < size - 1 ? n : size - 1;

		memcpy(dst, src, c);
		dst[c] = '\0';
	}
	return n;
}
