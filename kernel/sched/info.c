/*
 * Every task, for the shell's tasks and top (include/sis/sched.h): the
 * list holds each task from creation to task_join(), idle and main
 * included. tasks_lock guards the list and the id counter; a leaf lock,
 * never taken in interrupt context. A snapshot copies what it shows
 * under the lock (fields a running task changes are read untorn, not
 * frozen), so printing never holds it.
 */
#include <sis/printk.h>
#include <sis/string.h>
#include <sis/time.h>
#include "internal.h"

static DEFINE_SPINLOCK(tasks_lock);
static struct list_node all_tasks = LIST_HEAD_INIT(all_tasks);
static unsigned int next_id;

void task_list_add(struct task *t)
{
	spin_lock(&tasks_lock);
	t->id = next_id++;
	list_add_tail(&t->all_node, &all_tasks);
	spin_unlock(&tasks_lock);
}

void task_list_del(struct task *t)
{
	spin_lock(&tasks_lock);
	list_del(&t->all_node);
	spin_unlock(&tasks_lock);
}

static char state_letter(const struct task *t)
{
	int state = READ_ONCE(t->state);

	if (state == TASK_DEAD)
		return 'D';
	if (state == TASK_BLOCKED)
		return 'S';
	return READ_ONCE(t->on_cpu) ? 'R' : 'r';	/* running / ready */
}

static void fill(struct task_info *i, const struct task *t, u64 now)
{
	u64 start = READ_ONCE(t->run_start_ns);

	i->id = t->id;
	strlcpy(i->name, t->name, sizeof(i->name));
	i->state = state_letter(t);
	i->cpu = READ_ONCE(t->cpu);
	i->prio = t->prio;
	i->affinity = t->affinity;	/* a torn copy only if it changes meanwhile: display only */
	i->idle = t->idle;
	i->switches = READ_ONCE(t->switches);
	i->migrations = __atomic_load_n(&t->migrations, __ATOMIC_RELAXED);
	i->run_ns = READ_ONCE(t->run_ns);
	if (i->state == 'R' && start && now > start)
		i->run_ns += now - start;	/* this slice so far */
}

unsigned int sched_task_snapshot(struct task_info *out, unsigned int max)
{
	struct list_node *pos;
	unsigned int n = 0;
	u64 now = time_ns();

	spin_lock(&tasks_lock);
	for (pos = all_tasks.next; pos != &all_tasks && n < max; pos = pos->next)
		fill(&out[n++], list_entry(pos, struct task, all_node), now);
	spin_unlock(&tasks_lock);
	return n;
}

void sched_cpu_stats(unsigned int cpu, struct sched_stats *out)
{
	const struct sched_stats *s = &cpu_rq(cpu)->stats;

	out->switches = READ_ONCE(s->switches);
	out->migrations_in = READ_ONCE(s->migrations_in);
	out->migrations_out = READ_ONCE(s->migrations_out);
	out->idle_ns = READ_ONCE(s->idle_ns);
	out->steals = READ_ONCE(s->steals);
}

const char *sched_cpu_pinned(unsigned int cpu, bool force, char *buf, size_t size)
{
	cpumask_t others = sched_cpus_now();
	const char *found = NULL;
	struct list_node *pos;

	cpumask_clear(&others, cpu);
	spin_lock(&tasks_lock);
	for (pos = all_tasks.next; pos != &all_tasks && !found; pos = pos->next) {
		struct task *t = list_entry(pos, struct task, all_node);

		if (t->idle || READ_ONCE(t->state) == TASK_DEAD ||
		    cpumask_intersects(&t->affinity, &others) || !cpumask_test(&t->affinity, cpu))
			continue;
		if (force) {
			pr_warn("[HOTPLUG] core%u: task %u (%s) may run only there: "
				"it will be allowed on every CPU\n", cpu, t->id, t->name);
			continue;
		}
		snprintf(buf, size, "task %u (%s) may run only there", t->id, t->name);
		found = buf;
	}
	spin_unlock(&tasks_lock);
	return found;
}

const char *sched_cpu_task(unsigned int cpu, char *buf, size_t size)
{
	struct task *t = READ_ONCE(cpu_rq(cpu)->curr);

	strlcpy(buf, t ? t->name : "-", size);
	return buf;
}
