/*
 * printk: format one message into a line buffer, then write it whole
 * under the console lock so that lines from different CPUs never
 * interleave. Each line starts with the time since boot, as Linux prints
 * it ("[    0.012345] "), unless CONFIG_PRINTK_TIME is off. A message
 * longer than the buffer is cut and ends with PRINTK_CUT and a newline.
 * After a panic the lock is bypassed: the panicking CPU may hold it.
 */
#include <sis/arch.h>
#include <sis/console.h>
#include <sis/printk.h>
#include <sis/smp.h>
#include <sis/spinlock.h>
#include <sis/string.h>
#include <sis/time.h>

#define PRINTK_LINE 512
#define PRINTK_CUT " [...]\n"
#define STAMP_MAX 24

int console_loglevel = CONFIG_LOGLEVEL;
bool printk_panic_mode;

/*
 * console_lock protects the console device and at_line_start. Raw
 * (unwatched, no preemption count): the lock-order checker prints its
 * reports through here.
 */
static raw_spinlock_t console_lock = RAW_SPINLOCK_INIT;
static bool at_line_start = true;

/* "[    1.234567] ": seconds since kernel_main, 0 while the counter's rate is unknown. */
static size_t format_stamp(char *buf, size_t size)
{
	u64 start = READ_ONCE(boot_counter_start);
	u64 ns = start ? ticks_to_ns(arch_counter_read() - start) : 0;

	return (size_t)snprintf(buf, size, "[%5llu.%06llu] ",
				(unsigned long long)(ns / NSEC_PER_SEC),
				(unsigned long long)(ns % NSEC_PER_SEC / 1000));
}

/* Write text, with the stamp at the start of every line. Lock held. */
static void emit(const char *text, size_t n, const char *stamp, size_t stamp_len)
{
	while (n) {
		const char *nl = memchr(text, '\n', n);
		size_t len = nl ? (size_t)(nl - text) + 1 : n;

		if (at_line_start && stamp_len)
			console_write(stamp, stamp_len);
		console_write(text, len);
		at_line_start = text[len - 1] == '\n';
		text += len;
		n -= len;
	}
}

void vprintk(int level, const char *fmt, va_list ap)
{
	char buf[PRINTK_LINE];
	char stamp[STAMP_MAX];
	size_t stamp_len = 0;
	unsigned long flags = 0;
	int n;

	if (level > console_loglevel)
		return;
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(buf)) {
		n = sizeof(buf) - 1;
		memcpy(buf + n - (sizeof(PRINTK_CUT) - 1), PRINTK_CUT, sizeof(PRINTK_CUT));
	}
	if (IS_ENABLED(CONFIG_PRINTK_TIME))
		stamp_len = format_stamp(stamp, sizeof(stamp));
	if (!READ_ONCE(printk_panic_mode))
		flags = raw_spin_lock_irqsave(&console_lock);
	emit(buf, (size_t)n, stamp, stamp_len);
	if (!READ_ONCE(printk_panic_mode))
		raw_spin_unlock_irqrestore(&console_lock, flags);
}

void printk(int level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintk(level, fmt, ap);
	va_end(ap);
}
