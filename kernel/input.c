/*
 * The console's input half (include/sis/console.h): a ring of the bytes
 * the receive interrupt delivered, until a task reads them. Nothing is
 * dropped here: a receive interrupt that finds the ring full pauses the
 * receiver (its rx_pause op), so bytes wait in the UART's FIFO and, in
 * QEMU or with flow control, at the sender; the first read that makes
 * room restarts it. What the UART itself lost (its overrun flag) is
 * counted.
 *
 * input.lock guards the ring, paused, its reader wait queue and the
 * overrun count; the pause is switched under it, so the interrupt and a
 * reader on another CPU agree. It is taken in the receive interrupt, so
 * with interrupts off everywhere; a leaf but for waking the reader
 * (-> task lock -> rq lock).
 */
#include <sis/console.h>
#include <sis/spinlock.h>
#include <sis/wait.h>

static struct {
	spinlock_t lock;
	char ring[CONSOLE_INPUT_SIZE];
	unsigned int head, tail;	/* read at head, write at tail (free running) */
	u64 overruns;
	bool paused;
	struct wait_queue readers;
} input = {
	.lock = SPINLOCK_INIT(input.lock, "console_input"),
	.readers = { .waiters = LIST_HEAD_INIT(input.readers.waiters) },
};

static bool (*input_hook)(char c);

void console_set_input_hook(bool (*hook)(char c))
{
	store_release(&input_hook, hook);
}

size_t console_rx_room(void)
{
	unsigned long flags = spin_lock_irqsave(&input.lock);
	size_t room = CONSOLE_INPUT_SIZE - (input.tail - input.head);

	if (!room && !input.paused) {
		input.paused = true;
		console_input_pause(true);
	}
	spin_unlock_irqrestore(&input.lock, flags);
	return room;
}

void console_rx_lost(unsigned int n)
{
	unsigned long flags = spin_lock_irqsave(&input.lock);

	input.overruns += n;
	spin_unlock_irqrestore(&input.lock, flags);
}

/* From the receive interrupt, interrupts off; never more than console_rx_room() said. */
void console_rx(const char *bytes, size_t n)
{
	bool (*hook)(char c) = load_acquire(&input_hook);
	unsigned long flags = spin_lock_irqsave(&input.lock);
	bool any = false;

	for (; n; n--, bytes++) {
		if (hook && hook(*bytes))
			continue;
		if (input.tail - input.head == CONSOLE_INPUT_SIZE) {
			input.overruns++;
			continue;
		}
		input.ring[input.tail++ % CONSOLE_INPUT_SIZE] = *bytes;
		any = true;
	}
	if (any)
		wake_all(&input.readers);
	spin_unlock_irqrestore(&input.lock, flags);
}

size_t console_read(char *buf, size_t max)
{
	unsigned long flags = spin_lock_irqsave(&input.lock);
	size_t n = 0;

	while (input.head == input.tail)
		wait_locked(&input.readers, &input.lock);
	while (n < max && input.head != input.tail)
		buf[n++] = input.ring[input.head++ % CONSOLE_INPUT_SIZE];
	if (input.paused) {
		input.paused = false;
		console_input_pause(false);	/* what waits in the UART comes in now */
	}
	spin_unlock_irqrestore(&input.lock, flags);
	return n;
}

bool console_input_ready(void)
{
	return READ_ONCE(input.head) != READ_ONCE(input.tail);
}

u64 console_input_overruns(void)
{
	return READ_ONCE(input.overruns);
}
