/*
 * Fatal and survivable errors. panic() prints "PANIC on CPU n: <reason>"
 * and a backtrace, stops the other CPUs and ends the machine with a
 * failure status (when "poweroff" was asked for) or halts.
 */
#ifndef SIS_PANIC_H
#define SIS_PANIC_H

#include <sis/compiler.h>
#include <sis/types.h>

__printf(1, 2) __noreturn void panic(const char *fmt, ...);

/* After the report, end the machine with a failure status (the "poweroff" word) or halt. */
void panic_set_poweroff(bool on);
/* Who names the task a CPU runs, for the stopped CPUs' reports (the scheduler). */
void panic_set_task_name(const char *(*fn)(void));
/* The IPI_STOP handler: print this CPU's state and halt. */
__noreturn void panic_stop_self(void);
/* Print the call chain starting at frame pointer fp (0: the caller's). */
void backtrace_print(uintptr_t fp);
/* Name of the function containing addr, and addr's offset in it. */
const char *ksym_lookup(uintptr_t addr, uintptr_t *offset);
/* "func+0x1c" (or "0x..." when unknown) for addr, into buf. */
const char *ksym_format(uintptr_t addr, char *buf, size_t size);

#define BUG_ON(cond) do { \
	if (unlikely(cond)) \
		panic("BUG: %s at %s:%d", #cond, __FILE__, __LINE__); \
} while (0)

#define ASSERT(cond) BUG_ON(!(cond))

void warn_print(const char *cond, const char *file, int line);
#define WARN_ON_ONCE(cond) ({ \
	static bool __warned; \
	bool __c = !!(cond); \
	if (unlikely(__c) && !__warned) { \
		__warned = true; \
		warn_print(#cond, __FILE__, __LINE__); \
	} \
	__c; \
})

#endif /* SIS_PANIC_H */
