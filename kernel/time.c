/* Time from the architecture's free-running counter. */
#include <sis/arch.h>
#include <sis/time.h>

u64 boot_counter_start;

u64 ticks_to_ns(u64 ticks)
{
	u64 f = arch_counter_freq();

	if (!f)
		return 0;
	/* Split to stay within 64 bits for counters up to ~18 GHz. */
	return ticks / f * NSEC_PER_SEC + ticks % f * NSEC_PER_SEC / f;
}

u64 time_ns(void)
{
	return ticks_to_ns(arch_counter_read());
}

void udelay(u64 us)
{
	u64 f = arch_counter_freq();
	u64 start = arch_counter_read();
	u64 wait = us / 1000000 * f + us % 1000000 * f / 1000000;

	while (arch_counter_read() - start < wait)
		arch_cpu_relax();
}

void mdelay(u64 ms)
{
	udelay(ms * 1000);
}
