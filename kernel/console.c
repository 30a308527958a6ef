/*
 * The console's output half (include/sis/console.h): the devices the
 * arch registered as soon as it knew where they are (the UART, the
 * screen), each written in turn, and the lock every writer holds for a
 * whole message. The input half is in input.c.
 */
#include <sis/arch.h>
#include <sis/console.h>
#include <sis/errno.h>
#include <sis/firmware.h>
#include <sis/printk.h>
#include <sis/spinlock.h>

#define CONSOLE_LINE	512
#define CONSOLE_MAX	4

/*
 * console_lock_raw protects the devices, at_line_start and the level
 * (registration happens on the boot CPU before anything else runs). Raw (no
 * preemption count, not watched): the lock-order checker prints its
 * reports through here. Skipped once panic_mode is set.
 */
static raw_spinlock_t console_lock_raw = RAW_SPINLOCK_INIT;
static const struct console *consoles[CONSOLE_MAX];
static unsigned int nconsoles;
static bool at_line_start = true;
static bool panic_mode;

/* One more output device; the first that can receive is the input. */
void console_register(const struct console *con)
{
	unsigned int i;

	for (i = 0; i < nconsoles; i++)
		if (consoles[i] == con)
			return;
	if (con && nconsoles < CONSOLE_MAX)
		consoles[nconsoles++] = con;
}

void console_report(void)
{
	char line[CONSOLE_LINE];
	size_t len = 0;
	unsigned int i;

	line[0] = '\0';
	for (i = 0; i < nconsoles && len < sizeof(line); i++) {
		const struct console *con = consoles[i];

		len += (size_t)snprintf(line + len, sizeof(line) - len, "%s%s%s%s%s", i ? ", " : "",
					con->name, con->describe ? " (" : "",
					con->describe ? con->describe() : "", con->describe ? ")" : "");
	}
	pr_info("[CONSOLE] %s\n", nconsoles ? line : "none");
	for (i = 0; i < nconsoles; i++)
		if (consoles[i]->report)
			consoles[i]->report();
}

/* The console that input comes from: the first that has a receiver. */
static const struct console *input_console(void)
{
	unsigned int i;

	for (i = 0; i < nconsoles; i++)
		if (consoles[i]->rx_start)
			return consoles[i];
	return NULL;
}

void console_input_pause(bool pause)
{
	const struct console *con = input_console();

	if (con && con->rx_pause)
		con->rx_pause(pause);
}

int console_input_start(void)
{
	const struct console *con = input_console();

	return con ? con->rx_start() : -ENODEV;
}

void console_init_input(void)
{
	const struct console *con = input_console();
	int err = console_input_start();

	if (err)
		pr_warn("[CONSOLE] %s: no receive interrupt (%s): typing will not work\n",
			con ? con->name : "no input console", err_name(err));
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

/* Serial terminals want "\r\n" for a new line; a screen takes the text whole. */
static void write_one(const struct console *con, const char *s, size_t n)
{
	if (con->write) {
		con->write(s, n);
		return;
	}
	for (; n; n--, s++) {
		if (*s == '\n')
			con->putc('\r');
		con->putc(*s);
	}
}

void console_write(const char *s, size_t n)
{
	unsigned int i;

	if (!n)
		return;
	at_line_start = s[n - 1] == '\n';
	for (i = 0; i < nconsoles; i++)
		write_one(consoles[i], s, n);
}

void console_set_level(int level)
{
	unsigned int i;

	for (i = 0; i < nconsoles; i++)
		if (consoles[i]->set_level)
			consoles[i]->set_level(level);
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
