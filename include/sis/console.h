/*
 * The console class. A console driver (match: its DT compatible
 * strings) turns a described device into a running console: setup()
 * points the driver at the device's registers (dev->regs[0]; keeping a
 * baud rate the firmware programmed) and returns the struct console to
 * register. The same polled device serves from the first line of C to
 * the end; the arch sets it up as soon as it knows where it is
 * (multiboot2 / COM1, DTB stdout-path).
 */
#ifndef SIS_CONSOLE_H
#define SIS_CONSOLE_H

#include <sis/driver.h>
#include <sis/types.h>

struct fw_device;

struct console {
	const char *name;
	void (*putc)(char c);
	int (*getc)(void);	/* -1 when nothing is waiting */
};

struct console_driver {
	struct driver_match match;
	const struct console *(*setup)(const struct fw_device *dev);
};

DRIVER_CLASS(console, const struct console_driver);
#define CONSOLE_DECLARE(ops)	DRIVER_DECLARE(console, const struct console_driver, ops)

/* The console the driver for compatible makes of dev; NULL when none can. */
const struct console *console_setup(const char *compatible, const struct fw_device *dev);
void console_register(const struct console *con);
/* Write n bytes, "\n" as "\r\n". Callers serialise (printk holds its lock). */
void console_write(const char *s, size_t n);

#endif /* SIS_CONSOLE_H */
