/*
 * The kernel log ring (include/sis/log.h). Records sit back to back in
 * one byte array: a header (time, length, CPU, level) and the text,
 * padded to 8 bytes. A record never wraps: one that would not fit before
 * the end leaves a wrap marker there and starts at offset 0. Writing
 * drops the oldest records until the new one fits.
 *
 * head and tail are free-running byte counts (offset = count % size);
 * first_seq numbers the record at tail, next_seq the next to be written.
 * log_lock guards all of them and the bytes; raw (printk runs it from
 * anywhere, the lock-order checker included), skipped after a panic.
 */
#include <sis/arch.h>
#include <sis/log.h>
#include <sis/spinlock.h>
#include <sis/string.h>

#define LOG_SIZE	(1u << CONFIG_LOG_BUF_SHIFT)
#define WRAP		0xffffu		/* len of a wrap marker */

struct rec {
	u64 ts_ns;
	u16 len;			/* text bytes; WRAP: skip to offset 0 */
	u16 cpu;
	s8 level;
	u8 pad[3];
	char text[];
};

BUILD_ASSERT(sizeof(struct rec) == 16);

static u8 log_buf[LOG_SIZE] __aligned(16);
static u64 head, tail, first_seq, next_seq, clear_seq;
static raw_spinlock_t log_lock = RAW_SPINLOCK_INIT;
static bool panic_mode;

static u32 rec_size(size_t len)
{
	return (u32)ALIGN_UP(sizeof(struct rec) + len, 16u);
}

static struct rec *rec_at(u64 pos)
{
	return (struct rec *)&log_buf[pos % LOG_SIZE];
}

/* Drop the oldest record (and a wrap marker before it). */
static void drop_oldest(void)
{
	struct rec *r = rec_at(tail);

	if (r->len == WRAP) {
		tail += LOG_SIZE - tail % LOG_SIZE;
		return;
	}
	tail += rec_size(r->len);
	first_seq++;
}

/* Room for size bytes contiguous at head; the oldest records go first. */
static void make_room(u32 size)
{
	u32 to_end = LOG_SIZE - (u32)(head % LOG_SIZE);

	if (size > to_end) {
		while (head + to_end > tail + LOG_SIZE)
			drop_oldest();
		rec_at(head)->len = WRAP;
		head += to_end;
	}
	while (head + size > tail + LOG_SIZE)
		drop_oldest();
}

static unsigned long log_lock_irqsave(void)
{
	return READ_ONCE(panic_mode) ? arch_irq_save() : raw_spin_lock_irqsave(&log_lock);
}

static void log_unlock_irqrestore(unsigned long flags)
{
	if (READ_ONCE(panic_mode))
		arch_irq_restore(flags);
	else
		raw_spin_unlock_irqrestore(&log_lock, flags);
}

void log_store(int level, unsigned int cpu, u64 ts_ns, const char *text, size_t len)
{
	unsigned long flags;
	struct rec *r;

	len = MIN(len, (size_t)LOG_LINE_MAX - 1);
	flags = log_lock_irqsave();
	make_room(rec_size(len));
	r = rec_at(head);
	r->ts_ns = ts_ns;
	r->len = (u16)len;
	r->cpu = (u16)cpu;
	r->level = (s8)level;
	memcpy(r->text, text, len);
	head += rec_size(len);
	next_seq++;
	log_unlock_irqrestore(flags);
}

bool log_read(u64 *seq, struct log_line *out)
{
	unsigned long flags = log_lock_irqsave();
	u64 pos = tail, s = first_seq;
	bool found = false;

	while (pos < head) {
		struct rec *r = rec_at(pos);

		if (r->len == WRAP) {
			pos += LOG_SIZE - pos % LOG_SIZE;
			continue;
		}
		if (s >= *seq) {
			out->seq = s;
			out->ts_ns = r->ts_ns;
			out->cpu = r->cpu;
			out->level = r->level;
			out->len = r->len;
			memcpy(out->text, r->text, r->len);
			out->text[r->len] = '\0';
			*seq = s + 1;
			found = true;
			break;
		}
		pos += rec_size(r->len);
		s++;
	}
	log_unlock_irqrestore(flags);
	return found;
}

u64 log_start(void)
{
	unsigned long flags = log_lock_irqsave();
	u64 s = MAX(first_seq, clear_seq);

	log_unlock_irqrestore(flags);
	return s;
}

void log_clear(void)
{
	unsigned long flags = log_lock_irqsave();

	clear_seq = next_seq;
	log_unlock_irqrestore(flags);
}

void log_panic_mode(void)
{
	WRITE_ONCE(panic_mode, true);
}
