/*
 * The console: the UART and the screen, output and input (kernel/console.c).
 *
 * Class: a console driver (match: its DT compatible strings) turns a
 * described device into a running console: setup() points the driver at
 * the device's registers (dev->regs[0]; keeping a baud rate the firmware
 * programmed) and its receive interrupt (dev->irqs[0]), and returns the
 * struct console to register. The arch sets it up as soon as it knows
 * where it is (multiboot2 / COM1, DTB stdout-path).
 *
 * Output is polled and serialised by the console lock: printk and
 * console_out() write whole messages under it, so a line one CPU writes
 * is never split by another's. A message that starts while another
 * writer's line is still open (the shell's prompt) starts on a new line.
 *
 * Input comes from the receive interrupt once rx_start() ran: the
 * driver asks console_rx_room() how many bytes the ring takes, reads at
 * most that many from the UART and hands them to console_rx(), until
 * the UART is empty or the room is 0; at 0 the receiver is paused
 * (rx_pause) until console_read() makes room, so input waits in the
 * UART rather than being dropped. What the UART lost (its overrun flag)
 * goes to console_rx_lost(). Polled getc() stays for panic and early boot.
 */
#ifndef SIS_CONSOLE_H
#define SIS_CONSOLE_H

#include <sis/compiler.h>
#include <sis/driver.h>
#include <sis/types.h>

struct fw_device;

struct console {
	const char *name;
	void (*putc)(char c);
	/* Optional: the text whole, "\n" as a new line (a screen); else putc. */
	void (*write)(const char *s, size_t n);
	/* Optional: the printk level of what follows (LOG_*), -1 after it: colours. */
	void (*set_level)(int level);
	/* Optional: what it is, for the boot log ("800x600 framebuffer at ..."). */
	const char *(*describe)(void);
	int (*getc)(void);	/* polled: -1 when nothing is waiting */
	/* Deliver input through console_rx() from the receive interrupt; 0 or -errno. */
	int (*rx_start)(void);
	/* Stop (true) or restart (false) the receive interrupt; bytes wait in the UART. */
	void (*rx_pause)(bool pause);
	/*
	 * Optional: say how setup() left the device (where its baud rate came
	 * from). setup() runs before there is a console to print on, so
	 * console_report() calls this after the banner.
	 */
	void (*report)(void);
};

struct console_driver {
	struct driver_match match;
	const struct console *(*setup)(const struct fw_device *dev);
};

DRIVER_CLASS(console, const struct console_driver);
#define CONSOLE_DECLARE(ops)	DRIVER_DECLARE(console, const struct console_driver, ops)

#define CONSOLE_INPUT_SIZE	1024	/* bytes typed or pasted ahead of the reader */

/* The console the driver for compatible makes of dev; NULL when none can. */
const struct console *console_setup(const char *compatible, const struct fw_device *dev);
/* Output goes to every console registered (up to 4), input comes from the first UART. */
void console_register(const struct console *con);
/* One boot log line naming every console. */
void console_report(void);

struct fb_info;
#ifdef CONFIG_SCREEN_CONSOLE
/*
 * The text console on the screen the boot loader left (drivers/video/):
 * a linear framebuffer at base (mapped by the arch) or the EGA text
 * screen. NULL when fb describes nothing it can draw on.
 */
const struct console *screen_console_setup(const struct fb_info *fb, void *base);
#else
static inline const struct console *screen_console_setup(const struct fb_info *fb, void *base)
{
	(void)fb;
	(void)base;
	return NULL;
}
#endif

/*
 * Output. console_lock()/console_unlock() bracket one writer's message
 * (interrupts off inside); console_write() runs under it, "\n" as "\r\n".
 * After a panic the lock is skipped: the panicking CPU may hold it.
 */
unsigned long console_lock(void);
void console_unlock(unsigned long flags);
void console_write(const char *s, size_t n);
/* Tell the consoles the level of the text that follows (-1: none). Lock held. */
void console_set_level(int level);
/* True when the last byte written ended a line. Lock held. */
bool console_at_line_start(void);
/* A whole message, under the lock; on a new line if another writer left one open. */
void console_out(const char *s, size_t n);
__printf(1, 2) void console_printf(const char *fmt, ...);
void console_vprintf(const char *fmt, va_list ap);
/* printk calls it once the system is going down: no more locking. */
void console_panic_mode(void);

/*
 * Input. console_input_start(): the receive interrupt on (after
 * irq_init). console_read(): at least one byte, blocking until there is
 * one (a task, not an interrupt handler). The interrupt hook, when set,
 * sees each byte first and may take it (true): the shell's Ctrl-C.
 */
int console_input_start(void);
/* kernel_main: the same, with a line when input will not work. */
void console_init_input(void);
size_t console_rx_room(void);
void console_rx(const char *bytes, size_t n);
void console_rx_lost(unsigned int n);
/* input.c: pause or restart the input console's receiver. */
void console_input_pause(bool pause);
size_t console_read(char *buf, size_t max);
bool console_input_ready(void);
u64 console_input_overruns(void);
void console_set_input_hook(bool (*hook)(char c));

#endif /* SIS_CONSOLE_H */
