/*
 * Console output. Lines follow "[SUBSYS] message" (docs/conventions.md).
 * printk() serialises whole calls across CPUs, so a line from one CPU is
 * never torn by another, and keeps every line in the kernel log
 * (<sis/log.h>, dmesg).
 */
#ifndef SIS_PRINTK_H
#define SIS_PRINTK_H

#include <sis/compiler.h>
#include <sis/types.h>

#define LOG_ERR		3
#define LOG_WARN	4
#define LOG_INFO	6
#define LOG_DEBUG	7

extern int console_loglevel;

__printf(2, 3) void printk(int level, const char *fmt, ...);
void vprintk(int level, const char *fmt, va_list ap);
/* The system is going down (panic): console and log stop locking. */
void printk_enter_panic(void);

#define pr_err(...)	printk(LOG_ERR, __VA_ARGS__)
#define pr_warn(...)	printk(LOG_WARN, __VA_ARGS__)
#define pr_info(...)	printk(LOG_INFO, __VA_ARGS__)
#define pr_debug(...)	printk(LOG_DEBUG, __VA_ARGS__)

__printf(3, 4) int snprintf(char *buf, size_t size, const char *fmt, ...);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

#endif /* SIS_PRINTK_H */
