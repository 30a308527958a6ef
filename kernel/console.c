/*
 * The console: one polled device, registered by the arch as soon as it
 * knows where it is. Callers serialise (printk holds its lock).
 */
#include <sis/console.h>
#include <sis/firmware.h>

static const struct console *console;

void console_register(const struct console *con)
{
	console = con;
}

/* Serial terminals want "\r\n" for a new line. */
void console_write(const char *s, size_t n)
{
	if (!console)
		return;
	for (; n; n--, s++) {
		if (*s == '\n')
			console->putc('\r');
		console->putc(*s);
	}
}

const struct console *console_setup(const char *compatible, const struct fw_device *dev)
{
	const struct console_driver *const *d;

	for_each_driver(console, d)
		if (driver_match_compatible(&(*d)->match, compatible))
			return (*d)->setup(dev);
	return NULL;
}
