/*
 * Consoles are polled: the same driver serves from the first instruction
 * of C to the end. The arch registers one as soon as it knows where it is
 * (multiboot2 / COM1, DTB stdout-path).
 */
#ifndef SIS_CONSOLE_H
#define SIS_CONSOLE_H

#include <sis/types.h>

struct console {
	const char *name;
	void (*putc)(char c);
	int (*getc)(void);	/* -1 when nothing is waiting */
};

void console_register(const struct console *con);
void console_write(const char *s, size_t n);
int console_getc(void);

#endif /* SIS_CONSOLE_H */
