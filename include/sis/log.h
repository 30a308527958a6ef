/*
 * The kernel log (kernel/log.c): every printk line, with its time and
 * CPU, kept in a ring of 2^CONFIG_LOG_BUF_SHIFT bytes for `dmesg`. When
 * the ring is full the oldest lines go. Lines are numbered (sequence);
 * a reader walks them from any number on and learns when some it wanted
 * were already gone.
 */
#ifndef SIS_LOG_H
#define SIS_LOG_H

#include <sis/types.h>

#define LOG_LINE_MAX	512

struct log_line {
	u64 seq;
	u64 ts_ns;		/* since boot */
	unsigned int cpu;
	int level;
	size_t len;
	char text[LOG_LINE_MAX];	/* NUL-terminated, no newline */
};

/* Keep one line (no newline; longer ones are cut). Any context. */
void log_store(int level, unsigned int cpu, u64 ts_ns, const char *text, size_t len);
/*
 * The first kept line numbered *seq or later into out, and *seq past it;
 * false when there is none. out->seq > the *seq asked: lines were lost.
 */
bool log_read(u64 *seq, struct log_line *out);
/* Where `dmesg` starts: after the last log_clear(), or the oldest line kept. */
u64 log_start(void);
/* `dmesg -c`: later reads from log_start() begin after what is kept now. */
void log_clear(void);
/* printk: the system is going down, no more locking. */
void log_panic_mode(void);

#endif /* SIS_LOG_H */
