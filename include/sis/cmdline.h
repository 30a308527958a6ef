/*
 * The kernel command line: CONFIG_CMDLINE, then the boot loader's words.
 * Words are "name" or "name=value". Unknown key=value words pass quietly
 * (boot loaders add their own for Linux, such as the Pi firmware's
 * "reboot=w coherent_pool=1M 8250.nr_uarts=1 ..."); an unknown bare word
 * and a key within an edit or two of one of ours ("ktset", "loglevl=3")
 * are reported once, the latter with the word it probably meant.
 */
#ifndef SIS_CMDLINE_H
#define SIS_CMDLINE_H

#include <sis/types.h>

/* Bytes kept, NUL included: Linux's arm64 COMMAND_LINE_SIZE (the Pi's run past 512). */
#define CMDLINE_MAX	2048

/* Parse the words (and set the console's loglevel) before anything prints. */
void cmdline_init(const char *bootloader);
/* Report what was wrong with them (bare or misspelt words, a loglevel out of range). */
void cmdline_report(void);
const char *cmdline_str(void);
/* True when the word "name" or "name=..." is present. */
bool cmdline_has(const char *name);
/* The value of "name=value", or NULL. */
const char *cmdline_get(const char *name, char *buf, size_t size);
/* The value of "name=N" as a number, or def. */
u64 cmdline_get_u64(const char *name, u64 def);
/* Say that word asks for what option left out of this kernel (the stubs call it). */
void cmdline_not_built(const char *word, const char *option);

#endif /* SIS_CMDLINE_H */
