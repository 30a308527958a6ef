/*
 * Balancing policy "placement only": a new or woken task goes to the
 * least-loaded allowed CPU (core.c's activate()) and stays there. No
 * periodic work, no stealing.
 */
#include "internal.h"

const char *const sched_balance_policy = "placement";

void balance_tick(unsigned int cpu, u64 now_ns)
{
}

bool balance_idle(unsigned int cpu)
{
	return false;
}
