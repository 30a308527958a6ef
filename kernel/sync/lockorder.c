/*
 * The lock-order checker (CONFIG_DEBUG_LOCK_ORDER).
 *
 * Every lock belongs to a class: its DEFINE_SPINLOCK definition or its
 * spin_lock_init() call site, split further by spin_lock_nested()'s
 * subclass. Each CPU keeps a stack of the locks it holds. Taking lock B
 * while holding A adds the edge A -> B to one graph shared by all CPUs.
 * If B already reaches A, the new edge closes a cycle: some interleaving
 * of the CPUs that took those edges deadlocks. That is reported the first
 * time the edge is seen, before any deadlock happens, once per edge, and
 * the kernel goes on.
 *
 * Also reported: a class taken both in interrupt context and with
 * interrupts enabled (an interrupt can arrive while the lock is held and
 * spin on it for ever), a second lock of one class taken without
 * spin_lock_nested(), and nested locks of one class taken out of their
 * declared (ascending) order.
 *
 * Fast path: a CPU that takes a lock whose class and edges are all known
 * reads only published, never-changing entries, without a lock. Anything
 * new is added under graph_lock, a raw lock the checker does not watch.
 * The tables are bounded by Kconfig; when one is full the checker says so
 * once and turns itself off.
 */
#include <sis/lockorder.h>
#include <sis/panic.h>
#include <sis/percpu.h>
#include <sis/printk.h>
#include <sis/time.h>

#define MAX_CLASSES	CONFIG_LOCK_ORDER_MAX_CLASSES
#define MAX_EDGES	CONFIG_LOCK_ORDER_MAX_EDGES
#define MAX_DEPTH	CONFIG_LOCK_ORDER_MAX_DEPTH
#define HASH_SIZE	(2 * MAX_CLASSES + 1)

enum { USED_IN_IRQ, USED_IRQS_ON };

struct lo_class {
	const struct lock_class_key *key;
	const char *name;
	unsigned int subclass;
	u16 edges;		/* first out-edge (edge index), published with release */
	u8 irq_used;		/* bits: 1 << USED_IN_IRQ, 1 << USED_IRQS_ON */
	bool irq_reported;
	bool nest_reported;
	uintptr_t irq_ip[2];	/* where each use was first seen */
	unsigned int irq_cpu[2];
};

struct lo_edge {
	u16 from, to;
	u16 next;		/* next out-edge of "from"; 0 ends the list */
	u16 cpu;		/* where it was first seen */
	uintptr_t from_ip, to_ip;
};

struct lo_held {
	spinlock_t *lock;
	u16 cls;
	uintptr_t ip;
	u64 since_ns;		/* CONFIG_LOCK_STAT: when it was taken */
};

/* CONFIG_LOCK_STAT: per class, updated with atomics by every CPU. */
struct lo_stat {
	u64 acquired, contended;
	u64 wait_max_ns, wait_total_ns, hold_max_ns;
};

/*
 * Per-CPU state: touched only by its own CPU, with preemption off; its
 * interrupt handlers push and pop above the entries in use (see
 * held_push()).
 */
struct lo_cpu {
	struct lo_held held[MAX_DEPTH];
	unsigned int depth;
} __cacheline_aligned;

/*
 * graph_lock serialises every writer of the tables below. Index 0 of
 * classes and edges means "none".
 */
static raw_spinlock_t graph_lock = RAW_SPINLOCK_INIT;
static struct lo_class classes[MAX_CLASSES + 1];
static unsigned int nclasses;
static u16 class_hash[HASH_SIZE];
static struct lo_edge edges[MAX_EDGES + 1];
static unsigned int nedges;
static bool disabled;
static unsigned int nreports;
static char last_report[192];	/* the summary line of the latest report */
static struct lo_cpu lo_cpus[CONFIG_MAX_CPUS];
static struct lo_stat stats[IS_ENABLED(CONFIG_LOCK_STAT) ? MAX_CLASSES + 1 : 1];

/* Breadth-first search state, used under graph_lock only. */
static u16 bfs_queue[MAX_CLASSES + 1];
static u16 bfs_via[MAX_CLASSES + 1];	/* edge that first reached a class */
static u16 cycle_path[MAX_CLASSES + 1];

bool lockorder_enabled(void)
{
	return !READ_ONCE(disabled);
}

unsigned int lockorder_reports(void)
{
	return READ_ONCE(nreports);
}

const char *lockorder_last_report(void)
{
	return last_report;
}

/* For tests: forget every class, edge and report (no CPU may hold a lock). */
void lockorder_reset(void)
{
	unsigned long flags = raw_spin_lock_irqsave(&graph_lock);
	unsigned int i;

	for (i = 0; i < HASH_SIZE; i++)
		class_hash[i] = 0;
	for (i = 0; i <= MAX_CLASSES; i++)
		classes[i] = (struct lo_class){ 0 };
	for (i = 0; i < CONFIG_MAX_CPUS; i++)
		lo_cpus[i].depth = 0;
	nclasses = nedges = nreports = 0;
	last_report[0] = '\0';
	disabled = false;
	raw_spin_unlock_irqrestore(&graph_lock, flags);
}

static void turn_off(const char *what, const char *sym, int size)
{
	if (disabled)
		return;
	WRITE_ONCE(disabled, true);
	pr_err("[LOCKDEP] out of %s (CONFIG_LOCK_ORDER_MAX_%s=%d): lock-order checking turned off\n",
	       what, sym, size);
}

static const char *class_name(u16 id, char *buf, size_t size)
{
	const struct lo_class *c = &classes[id];

	if (c->subclass)
		snprintf(buf, size, "%s/%u", c->name, c->subclass);
	else
		snprintf(buf, size, "%s", c->name);
	return buf;
}

static unsigned int hash_of(const struct lock_class_key *key, unsigned int sub)
{
	u64 k = (uintptr_t)key * 0x9e3779b97f4a7c15ull;

	return (unsigned int)(((k >> 32) ^ sub) % HASH_SIZE);
}

/* Lock-free lookup: hash slots are published after their class is filled. */
static u16 find_class(const struct lock_class_key *key, unsigned int sub)
{
	unsigned int h = hash_of(key, sub), n;

	for (n = 0; n < HASH_SIZE; n++, h = (h + 1) % HASH_SIZE) {
		u16 id = load_acquire(&class_hash[h]);

		if (!id)
			return 0;
		if (classes[id].key == key && classes[id].subclass == sub)
			return id;
	}
	return 0;
}

static u16 add_class(spinlock_t *l, const struct lock_class_key *key, unsigned int sub)
{
	unsigned long flags = raw_spin_lock_irqsave(&graph_lock);
	u16 id = find_class(key, sub);
	unsigned int h;

	if (!id && nclasses == MAX_CLASSES)
		turn_off("lock classes", "CLASSES", MAX_CLASSES);
	if (!id && !disabled) {
		id = (u16)(nclasses + 1);
		classes[id].key = key;
		classes[id].name = l->name ? l->name : "(unnamed)";
		classes[id].subclass = sub;
		store_release(&nclasses, id);	/* filled before counted */
		for (h = hash_of(key, sub); class_hash[h]; h = (h + 1) % HASH_SIZE)
			;
		store_release(&class_hash[h], id);
	}
	raw_spin_unlock_irqrestore(&graph_lock, flags);
	return id;
}

static u16 class_of(spinlock_t *l, unsigned int sub)
{
	/* A lock never initialised has no key: it is its own class. */
	const struct lock_class_key *key = l->key ? l->key : (const void *)l;
	u16 id;

	/* The cache is checked: lockorder_reset() may have renumbered. */
	if (sub < 2 && (id = READ_ONCE(l->class_cache[sub])) && id <= MAX_CLASSES &&
	    classes[id].key == key && classes[id].subclass == sub)
		return id;
	id = find_class(key, sub);
	if (!id)
		id = add_class(l, key, sub);
	if (id && sub < 2)
		WRITE_ONCE(l->class_cache[sub], id);
	return id;
}

static bool edge_exists(u16 from, u16 to)
{
	u16 e;

	for (e = load_acquire(&classes[from].edges); e; e = edges[e].next)
		if (edges[e].to == to)
			return true;
	return false;
}

/* Does a path start -> ... -> goal exist? bfs_via then holds it. */
static bool reaches(u16 start, u16 goal)
{
	unsigned int head = 0, tail = 0, i;
	u16 e;

	for (i = 0; i <= nclasses; i++)
		bfs_via[i] = 0;
	bfs_queue[tail++] = start;
	while (head < tail) {
		u16 c = bfs_queue[head++];

		for (e = classes[c].edges; e; e = edges[e].next) {
			u16 t = edges[e].to;

			if (t == start || bfs_via[t])
				continue;
			bfs_via[t] = e;
			if (t == goal)
				return true;
			bfs_queue[tail++] = t;
		}
	}
	return false;
}

static void print_edge(u16 e, const char *how)
{
	const struct lo_edge *d = &edges[e];
	char a[48], b[48], wa[64], wb[64];

	pr_err("[LOCKDEP]   %s -> %s: %s core%u: %s taken at %s, then %s at %s\n",
	       class_name(d->from, a, sizeof(a)), class_name(d->to, b, sizeof(b)), how,
	       d->cpu, a, ksym_format(d->from_ip, wa, sizeof(wa)), b, ksym_format(d->to_ip, wb, sizeof(wb)));
}

/* The new edge e (A -> B) closes the cycle B -> ... -> A held in bfs_via. */
static void report_cycle(u16 e)
{
	u16 *path = cycle_path, n = 0, c, i;
	char a[48], b[48], line[256];
	size_t len;

	for (c = edges[e].from; c != edges[e].to; c = edges[bfs_via[c]].from)
		path[n++] = bfs_via[c];
	nreports++;
	pr_err("[LOCKDEP] ======================================================\n");
	pr_err("[LOCKDEP] possible circular locking dependency: core%u takes %s while holding %s\n",
	       edges[e].cpu, class_name(edges[e].to, b, sizeof(b)),
	       class_name(edges[e].from, a, sizeof(a)));
	len = snprintf(line, sizeof(line), "%s", a);
	len += snprintf(line + len, sizeof(line) - len, " -> %s", b);
	for (i = n; i > 0 && len < sizeof(line); i--)
		len += snprintf(line + len, sizeof(line) - len, " -> %s",
				class_name(edges[path[i - 1]].to, b, sizeof(b)));
	pr_err("[LOCKDEP] cycle of %u lock classes: %s\n", n + 1, line);
	snprintf(last_report, sizeof(last_report), "cycle: %s", line);
	print_edge(e, "new on");
	for (i = n; i > 0; i--)
		print_edge(path[i - 1], "first seen on");
	pr_err("[LOCKDEP] ======================================================\n");
}

static void add_edge(u16 from, u16 to, uintptr_t from_ip, uintptr_t to_ip, unsigned int cpu)
{
	unsigned long flags = raw_spin_lock_irqsave(&graph_lock);
	struct lo_edge *d;
	u16 e;

	if (disabled || edge_exists(from, to))
		goto out;
	if (nedges == MAX_EDGES) {
		turn_off("dependency edges", "EDGES", MAX_EDGES);
		goto out;
	}
	e = (u16)(nedges + 1);
	d = &edges[e];
	d->from = from;
	d->to = to;
	d->cpu = (u16)cpu;
	d->from_ip = from_ip;
	d->to_ip = to_ip;
	store_release(&nedges, e);	/* filled before counted: listing reads without the lock */
	d->next = classes[from].edges;
	/* Report before publishing, so the search sees the graph without e. */
	if (reaches(to, from))
		report_cycle(e);
	store_release(&classes[from].edges, e);
out:
	raw_spin_unlock_irqrestore(&graph_lock, flags);
}

static void check_irq_use(u16 id, uintptr_t ip, unsigned int cpu, bool irqs_on)
{
	struct lo_class *c = &classes[id];
	int use = this_cpu()->irq_depth ? USED_IN_IRQ : irqs_on ? USED_IRQS_ON : -1;
	char w0[64], w1[64];
	unsigned long flags;

	if (use < 0 || (READ_ONCE(c->irq_used) & (1u << use)))
		return;
	flags = raw_spin_lock_irqsave(&graph_lock);
	if (!(c->irq_used & (1u << use))) {
		c->irq_ip[use] = ip;
		c->irq_cpu[use] = cpu;
		WRITE_ONCE(c->irq_used, c->irq_used | (1u << use));
	}
	if (c->irq_used == 3 && !c->irq_reported) {
		c->irq_reported = true;
		nreports++;
		snprintf(last_report, sizeof(last_report), "irq-unsafe: %s", c->name);
		pr_err("[LOCKDEP] IRQ-unsafe use of lock class %s: taken in interrupt context on core%u at %s, and with interrupts enabled on core%u at %s\n",
		       c->name, c->irq_cpu[USED_IN_IRQ], ksym_format(c->irq_ip[USED_IN_IRQ], w0, sizeof(w0)),
		       c->irq_cpu[USED_IRQS_ON], ksym_format(c->irq_ip[USED_IRQS_ON], w1, sizeof(w1)));
	}
	raw_spin_unlock_irqrestore(&graph_lock, flags);
}

/* A second lock of a class this CPU already holds. */
static void check_same_class(const struct lo_held *h, spinlock_t *l, u16 id,
			     unsigned int cpu)
{
	struct lo_class *c = &classes[id];
	unsigned long flags;

	if (classes[h->cls].key != c->key || h->lock == l)
		return;
	if (c->subclass > classes[h->cls].subclass && l->order > h->lock->order)
		return;		/* declared nesting, ascending: fine */
	flags = raw_spin_lock_irqsave(&graph_lock);
	if (!c->nest_reported) {
		c->nest_reported = true;
		nreports++;
		snprintf(last_report, sizeof(last_report), "nesting: %s", c->name);
		if (c->subclass > classes[h->cls].subclass)
			pr_err("[LOCKDEP] lock order within class %s broken: core%u takes order %u while holding order %u (nested locks must ascend)\n",
			       c->name, cpu, l->order, h->lock->order);
		else
			pr_err("[LOCKDEP] possible recursive locking: core%u takes a second %s lock without spin_lock_nested()\n",
			       cpu, c->name);
	}
	raw_spin_unlock_irqrestore(&graph_lock, flags);
}

/*
 * Push l on this CPU's held stack. No interrupt masking: an interrupt
 * handler may push and pop above us at any point (it releases what it
 * takes before returning). The slot is reserved before it is filled and
 * marked empty (cls 0) until then, so a handler never reads a half-
 * written entry; the loops skip empty slots.
 */
static void held_push(struct lo_cpu *me, spinlock_t *l, u16 id, uintptr_t ip)
{
	unsigned int d = me->depth;
	struct lo_held *h = &me->held[d];

	WRITE_ONCE(h->cls, 0);
	barrier();
	WRITE_ONCE(me->depth, d + 1);
	barrier();
	h->lock = l;
	h->ip = ip;
	barrier();
	WRITE_ONCE(h->cls, id);
}

void lockorder_acquire(spinlock_t *l, unsigned int subclass, bool trylock,
		       uintptr_t ip)
{
	bool irqs_on = arch_irqs_enabled();	/* the caller's state */
	unsigned int cpu = smp_processor_id(), i;
	struct lo_cpu *me = &lo_cpus[cpu];
	u16 id;

	if (READ_ONCE(disabled))
		return;
	id = class_of(l, subclass);
	if (!id)
		return;
	check_irq_use(id, ip, cpu, irqs_on);
	for (i = 0; i < me->depth; i++) {
		const struct lo_held *h = &me->held[i];
		u16 cls = READ_ONCE(h->cls);

		if (!cls)
			continue;
		check_same_class(h, l, id, cpu);
		/* A trylock never waits, so it cannot close a deadlock. */
		if (!trylock && cls != id && !edge_exists(cls, id))
			add_edge(cls, id, h->ip, ip, cpu);
	}
	if (me->depth == MAX_DEPTH) {
		turn_off("held locks per CPU", "DEPTH", MAX_DEPTH);
		return;
	}
	held_push(me, l, id, ip);
}

void lockorder_release(spinlock_t *l)
{
	struct lo_cpu *me = &lo_cpus[smp_processor_id()];
	unsigned long flags;
	unsigned int i;

	/* The usual case, the top entry: one store, safe against handlers. */
	if (me->depth && me->held[me->depth - 1].lock == l) {
		WRITE_ONCE(me->depth, me->depth - 1);
		return;
	}
	/* Out of order: shift the entries above it down, handlers kept out. */
	flags = arch_irq_save();
	for (i = me->depth; i > 0; i--) {
		if (me->held[i - 1].lock != l)
			continue;
		for (; i < me->depth; i++)
			me->held[i - 1] = me->held[i];
		me->depth--;
		break;
	}
	arch_irq_restore(flags);
}

bool lockorder_held(spinlock_t *l)
{
	struct lo_cpu *me = &lo_cpus[smp_processor_id()];
	unsigned int i;

	if (READ_ONCE(disabled))
		return true;
	for (i = 0; i < me->depth; i++)
		if (me->held[i].lock == l)
			return true;
	return false;
}

/* ---------------------------------------------------------------- lock_stat */

#ifdef CONFIG_LOCK_STAT
static void atomic_max(u64 *p, u64 v)
{
	u64 old = __atomic_load_n(p, __ATOMIC_RELAXED);

	while (v > old && !__atomic_compare_exchange_n(p, &old, v, true, __ATOMIC_RELAXED,
						       __ATOMIC_RELAXED))
		;
}

/* The held-stack entry of l on this CPU (the newest), or NULL. */
static struct lo_held *held_entry(spinlock_t *l)
{
	struct lo_cpu *me = &lo_cpus[smp_processor_id()];
	unsigned int i;

	for (i = me->depth; i > 0; i--)
		if (me->held[i - 1].lock == l && READ_ONCE(me->held[i - 1].cls))
			return &me->held[i - 1];
	return NULL;
}

void lockstat_acquired(spinlock_t *l, bool contended, u64 wait_ns)
{
	struct lo_held *h = READ_ONCE(disabled) ? NULL : held_entry(l);
	struct lo_stat *s;

	if (!h)
		return;
	h->since_ns = time_ns();
	s = &stats[h->cls];
	__atomic_add_fetch(&s->acquired, 1, __ATOMIC_RELAXED);
	if (!contended)
		return;
	__atomic_add_fetch(&s->contended, 1, __ATOMIC_RELAXED);
	__atomic_add_fetch(&s->wait_total_ns, wait_ns, __ATOMIC_RELAXED);
	atomic_max(&s->wait_max_ns, wait_ns);
}

void lockstat_release(spinlock_t *l)
{
	struct lo_held *h = READ_ONCE(disabled) ? NULL : held_entry(l);

	if (h && h->since_ns)
		atomic_max(&stats[h->cls].hold_max_ns, time_ns() - h->since_ns);
}
#endif /* CONFIG_LOCK_STAT */

/* ---------------------------------------------------------------- listing */

bool lockorder_class_info(unsigned int i, struct lock_class_info *out)
{
	u16 id = (u16)(i + 1);
	const struct lo_stat *s = &stats[IS_ENABLED(CONFIG_LOCK_STAT) ? id : 0];

	if (i >= load_acquire(&nclasses))
		return false;
	class_name(id, out->name, sizeof(out->name));
	out->acquired = IS_ENABLED(CONFIG_LOCK_STAT) ? READ_ONCE(s->acquired) : 0;
	out->contended = IS_ENABLED(CONFIG_LOCK_STAT) ? READ_ONCE(s->contended) : 0;
	out->wait_max_ns = IS_ENABLED(CONFIG_LOCK_STAT) ? READ_ONCE(s->wait_max_ns) : 0;
	out->wait_total_ns = IS_ENABLED(CONFIG_LOCK_STAT) ? READ_ONCE(s->wait_total_ns) : 0;
	out->hold_max_ns = IS_ENABLED(CONFIG_LOCK_STAT) ? READ_ONCE(s->hold_max_ns) : 0;
	return true;
}

bool lockorder_edge_info(unsigned int i, struct lock_edge_info *out)
{
	const struct lo_edge *e = &edges[i + 1];

	if (i >= load_acquire(&nedges))
		return false;
	class_name(e->from, out->from, sizeof(out->from));
	class_name(e->to, out->to, sizeof(out->to));
	out->cpu = e->cpu;
	out->from_ip = e->from_ip;
	out->to_ip = e->to_ip;
	return true;
}
