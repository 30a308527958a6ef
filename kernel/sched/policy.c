/*
 * The balancing policy in use: one of those built (the .sched_policies
 * table), the menuconfig choice at boot, switched by sched_set_policy().
 * The tick and idle hooks read the pointer once per call; a switch takes
 * effect from the next tick on every CPU.
 */
#include <sis/errno.h>
#include <sis/printk.h>
#include <sis/string.h>
#include "internal.h"

extern const struct balance_policy __sched_policies_start[], __sched_policies_end[];

static const struct balance_policy *current_policy;

static const struct balance_policy *find_policy(const char *name)
{
	const struct balance_policy *p;

	for (p = __sched_policies_start; p < __sched_policies_end; p++)
		if (!strcmp(p->name, name))
			return p;
	return NULL;
}

static const struct balance_policy *policy(void)
{
	const struct balance_policy *p = load_acquire(&current_policy);

	if (!p) {	/* first use: the configured default */
		p = find_policy(CONFIG_SCHED_BALANCE_DEFAULT);
		store_release(&current_policy, p);
	}
	return p;
}

void balance_tick(unsigned int cpu, u64 now_ns)
{
	const struct balance_policy *p = policy();

	if (p && p->tick)
		p->tick(cpu, now_ns);
}

bool balance_idle(unsigned int cpu)
{
	const struct balance_policy *p = policy();

	return p && p->idle && p->idle(cpu);
}

bool balance_idle_tick(unsigned int cpu)
{
	const struct balance_policy *p = policy();

	return p && p->idle_tick && p->idle_tick(cpu);
}

const char *sched_policy_name(void)
{
	const struct balance_policy *p = policy();

	return p ? p->name : "none";
}

const char *sched_policy_nth(unsigned int n)
{
	const struct balance_policy *p = __sched_policies_start + n;

	return p < __sched_policies_end ? p->name : NULL;
}

int sched_set_policy(const char *name)
{
	const struct balance_policy *p = find_policy(name);

	if (!p)
		return -ENOENT;
	store_release(&current_policy, p);
	pr_info("[SCHED] balancing policy: %s\n", p->name);
	return 0;
}
