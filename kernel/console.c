/*
 * The console: one polled device, registered by the arch as soon as it
 * knows where it is. Callers serialise (printk holds its lock).
 */
#include <sis/console.h>

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

int console_getc(void)
{
	if (!console || !console->getc)
		return -1;
	return console->getc();
}
