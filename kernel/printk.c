/*
 * printk: format one message into a line buffer, keep each of its lines
 * in the kernel log (kernel/log.c, for dmesg), and write it whole to the
 * console under the console lock, so that lines from different CPUs
 * never interleave. Each console line starts with the time since boot,
 * as Linux prints it ("[    0.012345] "), unless CONFIG_PRINTK_TIME is
 * off. A message longer than the buffer is cut and ends with PRINTK_CUT
 * and a newline. A message that finds another writer's line open (the
 * shell's prompt) starts on a line of its own.
 *
 * The log keeps every message up to LOG_INFO, and debug ones when the
 * console shows them (pr_debug sits on hot paths).
 */
#include <sis/arch.h>
#include <sis/console.h>
#include <sis/log.h>
#include <sis/percpu.h>
#include <sis/printk.h>
#include <sis/string.h>
#include <sis/time.h>

#define PRINTK_LINE 512
#define PRINTK_CUT " [...]\n"
#define STAMP_MAX 24

int console_loglevel = CONFIG_LOGLEVEL;

/* printk's own line is open (a message without a newline): console lock held. */
static bool printk_line_open;

static u64 now_ns(void)
{
	u64 start = READ_ONCE(boot_counter_start);

	return start ? ticks_to_ns(arch_counter_read() - start) : 0;
}

/* "[    1.234567] ": seconds since kernel_main, 0 while the counter's rate is unknown. */
static size_t format_stamp(char *buf, size_t size, u64 ns)
{
	return (size_t)snprintf(buf, size, "[%5llu.%06llu] ",
				(unsigned long long)(ns / NSEC_PER_SEC),
				(unsigned long long)(ns % NSEC_PER_SEC / 1000));
}

/* Write text, with the stamp at the start of every line. Console lock held. */
static void emit(const char *text, size_t n, const char *stamp, size_t stamp_len)
{
	if (n && !printk_line_open && !console_at_line_start())
		console_write("\n", 1);
	while (n) {
		const char *nl = memchr(text, '\n', n);
		size_t len = nl ? (size_t)(nl - text) + 1 : n;

		if (!printk_line_open && stamp_len)
			console_write(stamp, stamp_len);
		console_write(text, len);
		printk_line_open = text[len - 1] != '\n';
		text += len;
		n -= len;
	}
}

/* Each line of the message into the log, without its newline. */
static void keep(int level, u64 ns, const char *text, size_t n)
{
	unsigned int cpu = smp_processor_id();

	while (n) {
		const char *nl = memchr(text, '\n', n);
		size_t len = nl ? (size_t)(nl - text) : n;

		log_store(level, cpu, ns, text, len);
		len += nl != NULL;
		text += len;
		n -= len;
	}
}

void vprintk(int level, const char *fmt, va_list ap)
{
	char buf[PRINTK_LINE];
	char stamp[STAMP_MAX];
	size_t stamp_len = 0;
	unsigned long flags;
	u64 ns;
	int n;

	if (level > console_loglevel && level > LOG_INFO)
		return;
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(buf)) {
		n = sizeof(buf) - 1;
		memcpy(buf + n - (sizeof(PRINTK_CUT) - 1), PRINTK_CUT, sizeof(PRINTK_CUT));
	}
	ns = now_ns();
	keep(level, ns, buf, (size_t)n);
	if (level > console_loglevel)
		return;
	if (IS_ENABLED(CONFIG_PRINTK_TIME))
		stamp_len = format_stamp(stamp, sizeof(stamp), ns);
	flags = console_lock();
	console_set_level(level);
	emit(buf, (size_t)n, stamp, stamp_len);
	console_set_level(-1);
	console_unlock(flags);
}

void printk(int level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintk(level, fmt, ap);
	va_end(ap);
}

void printk_enter_panic(void)
{
	console_panic_mode();
	log_panic_mode();
}
