/*
 * printk: format into a line buffer, then write it whole under the
 * console lock so that lines from different CPUs never interleave.
 * After a panic the lock is bypassed: the panicking CPU may hold it.
 */
#include <sis/console.h>
#include <sis/printk.h>
#include <sis/spinlock.h>

#define PRINTK_LINE 512

int console_loglevel = CONFIG_LOGLEVEL;
bool printk_panic_mode;

/*
 * console_lock protects the console device. Raw (unwatched, no
 * preemption count): the lock-order checker prints its reports through
 * here.
 */
static raw_spinlock_t console_lock = RAW_SPINLOCK_INIT;

void vprintk(int level, const char *fmt, va_list ap)
{
	char buf[PRINTK_LINE];
	unsigned long flags = 0;
	int n;

	if (level > console_loglevel)
		return;
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	if (n >= (int)sizeof(buf))
		n = sizeof(buf) - 1;
	if (!READ_ONCE(printk_panic_mode))
		flags = raw_spin_lock_irqsave(&console_lock);
	console_write(buf, n);
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
