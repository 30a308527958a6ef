/*
 * The console's output half (include/sis/console.h): one polled device,
 * registered by the arch as soon as it knows where it is, and the lock
 * every writer holds for a whole message. The input half is in input.c.
 */
#include <sis/arch.h>
#include <sis/console.h>
#include <sis/errno.h>
#include <sis/firmware.h>
#include <sis/printk.h>
#include <sis/spinlock.h>

#define CONSOLE_LINE	512

static const struct console *console;

/*
 * console_lock_raw protects the device and at_line_start. Raw (no
 * preemption count, not watched): the lock-order checker prints its
 * reports through here. Skipped once panic_mode is set.
 */
static raw_spinlock_t console_lock_raw = RAW_SPINLOCK_INIT;
static bool at_line_start = true;
static bool panic_mode;

void console_register(const struct console *con)
{
	console = con;
	if (con->report)
		con->report();
}

int console_input_start(void)
{
	if (!console || !console->rx_start)
		return -ENODEV;
	return console->rx_start();
}

void console_init_input(void)
{
	int err = console_input_start();

	if (err)
		pr_warn("[CONSOLE] %s: no receive interrupt (%s): typing will not work\n",
			console ? console->name : "no console", err_name(err));
}

const struct console *console_setup(const char *compatible, const struct fw_device *dev)
{
	const struct console_driver *const *d;

	for_each_driver(console, d)
		if (driver_match_compatible(&(*d)->match, compatible))
			return (*d)->setup(dev);
	return NULL;
}

unsigned long console_lock(void)
{
	if (READ_ONCE(panic_mode))
		return arch_irq_save();
	return raw_spin_lock_irqsave(&console_lock_raw);
}

void console_unlock(unsigned long flags)
{
	if (READ_ONCE(panic_mode))
		arch_irq_restore(flags);
	else
		raw_spin_unlock_irqrestore(&console_lock_raw, flags);
}

void console_panic_mode(void)
{
	WRITE_ONCE(panic_mode, true);
}

/* Serial terminals want "\r\n" for a new line. */
void console_write(const char *s, size_t n)
{
	if (!console || !n)
		return;
	at_line_start = s[n - 1] == '\n';
	for (; n; n--, s++) {
		if (*s == '\n')
			console->putc('\r');
		console->putc(*s);
	}
}

bool console_at_line_start(void)
{
	return at_line_start;
}

void console_out(const char *s, size_t n)
{
	unsigned long flags = console_lock();

	if (n && !at_line_start)
		console_write("\n", 1);
	console_write(s, n);
	console_unlock(flags);
}

void console_vprintf(const char *fmt, va_list ap)
{
	char buf[CONSOLE_LINE];
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);
	unsigned long flags;

	if (n < 0)
		return;
	flags = console_lock();
	console_write(buf, MIN((size_t)n, sizeof(buf) - 1));
	console_unlock(flags);
}

void console_printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	console_vprintf(fmt, ap);
	va_end(ap);
}
