/*
 * arm64 address spaces and user-mode entry (contract in <sis/user.h>).
 *
 * The kernel runs in TTBR0 alone (mmu.c: identity map, stack area), so
 * each mm is a copy of the kernel's level-0 table whose entries 128-255
 * (the user range, sis/abi.h) are the mm's own. TTBR0 carries the mm's
 * ASID; kernel entries are global (nG clear), user pages nG, so a switch
 * flushes nothing. A kernel task runs on the kernel's own table, ASID 0.
 *
 * ASIDs are handed out per CPU: each CPU has slots 1 .. n-1 (n from
 * ID_AA64MMFR0_EL1.ASIDBits, 8 or 16 bits, at most ASID_SLOTS) and
 * remembers which mm (by its never-reused id) owns each. An mm keeps the
 * ASID it got on each CPU (mm->ctx[cpu]) while the slot is still its own;
 * a slot taken for another mm is flushed on that CPU first (TLBI
 * ASIDE1), which is the generation roll-over of a global allocator done
 * one slot at a time. Only the CPU itself touches its slots, with
 * interrupts off: no lock, SMP-safe. Unmaps invalidate by VA for every
 * ASID in the inner-shareable domain (TLBI VAAE1IS), so every CPU that
 * may hold the entry, under whatever ASID, loses it.
 *
 * User pages: AP[1] (EL0 access), AP[2] when read-only, UXN unless
 * executable, PXN always (the kernel never runs user code), nG. With PAN
 * (ID_AA64MMFR1_EL1) the kernel cannot touch them either: the copy
 * routines use the unprivileged LDTRB/STTRB, which PAN does not stop.
 */
#include <sis/compiler.h>
#include <sis/errno.h>
#include <sis/mm.h>
#include <sis/panic.h>
#include <sis/percpu.h>
#include <sis/printk.h>
#include <sis/pte.h>
#include <sis/string.h>
#include <sis/syscall.h>
#include <sis/topology.h>
#include <sis/user.h>
#include <asm/boot.h>
#include <asm/sysreg.h>

#define DESC_VALID	(1ull << 0)
#define DESC_TABLE	(1ull << 1)
#define DESC_NORMAL	(1ull << 2)	/* MAIR index 1 (mmu.c) */
#define DESC_AP_EL0	(1ull << 6)
#define DESC_AP_RO	(1ull << 7)
#define DESC_SH_INNER	(3ull << 8)
#define DESC_AF		(1ull << 10)
#define DESC_NG		(1ull << 11)
#define DESC_PXN	(1ull << 53)
#define DESC_UXN	(1ull << 54)
#define DESC_ADDR	0x0000fffffffff000ull
/*
 * The user range (sis/abi.h) in L0 entries: the kernel runs in TTBR0
 * alone (mmu.c: the identity map in L0 entries 0-1, the stack area in
 * 511), so user mode gets entries 128-255 of the same 48-bit space.
 */
#define USER_L0_FIRST	((USER_BASE >> 39) & 511)
#define USER_L0_LAST	(((USER_END - 1) >> 39) & 511)
#define ASID_SLOTS	256
#define EM_AARCH64	183

struct asid_cpu {
	u64 owner[ASID_SLOTS];	/* mm id per ASID, 0: none */
	unsigned int next;	/* the slot to take next */
};

static struct asid_cpu *asid_cpus;	/* one per CPU that exists (nr_cpu_ids) */
static unsigned int asid_slots;

/* ASIDs of ID_AA64MMFR0_EL1.ASIDBits (8 or 16; TCR.AS set to match in mmu.c), capped. */
static void asid_init(void)
{
	unsigned int bits = (read_sysreg(id_aa64mmfr0_el1) >> 4) & 0xf ? 16 : 8;

	WRITE_ONCE(asid_slots, MIN(1u << bits, (unsigned int)ASID_SLOTS));
}

static u64 *table_of(u64 e)
{
	return (u64 *)(uintptr_t)(e & DESC_ADDR);
}

void arch_user_init(void)
{
	asid_cpus = kzalloc(nr_cpu_ids * sizeof(*asid_cpus));
	if (!asid_cpus)
		panic("no memory for the ASID slots of %u CPUs", nr_cpu_ids);
	asid_init();
	pr_info("[USER] arm64: %u-bit ASIDs, %u per CPU; PAN %s\n",
		(read_sysreg(id_aa64mmfr0_el1) >> 4) & 0xf ? 16 : 8, asid_slots - 1,
		arm64_has_pan ? "on" : "off");
}

int arch_mm_init(struct mm *mm)
{
	u64 *root = page_alloc(1), *kroot = arm64_kernel_root();
	unsigned int i;

	if (!root)
		return -ENOMEM;
	for (i = 0; i < 512; i++)
		root[i] = (i >= USER_L0_FIRST && i <= USER_L0_LAST) ? 0 : READ_ONCE(kroot[i]);
	mm->root = (uintptr_t)root;
	__asm__ __volatile__("dsb ishst" ::: "memory");
	return 0;
}

static void free_level(u64 *t, int level, unsigned int first, unsigned int last)
{
	unsigned int i;

	for (i = first; i <= last; i++) {
		if (!(t[i] & DESC_VALID))
			continue;
		if (level < 3)
			free_level(table_of(t[i]), level + 1, 0, 511);
		page_free(table_of(t[i]), 1);
	}
}

void arch_mm_free(struct mm *mm)
{
	u64 *root = (u64 *)(uintptr_t)mm->root;

	free_level(root, 0, USER_L0_FIRST, USER_L0_LAST);
	page_free(root, 1);
	mm->root = 0;
}

static u64 *leaf_of(struct mm *mm, uintptr_t va, bool make)
{
	u64 *t = (u64 *)(uintptr_t)mm->root;
	int level;

	for (level = 0; level < 3; level++) {
		u64 *e = &t[(va >> (39 - 9 * level)) & 511];

		if (!(*e & DESC_VALID)) {
			u64 *n;

			if (!make || !(n = page_alloc(1)))
				return NULL;
			memset(n, 0, PAGE_SIZE);
			__asm__ __volatile__("dsb ishst" ::: "memory");	/* the table before the link */
			pte_write(e, (uintptr_t)n | DESC_VALID | DESC_TABLE, level, va);
		}
		t = table_of(*e);
	}
	return &t[(va >> 12) & 511];
}

int arch_user_map(struct mm *mm, uintptr_t va, phys_addr_t pa, unsigned int flags)
{
	u64 v = pa | DESC_VALID | DESC_TABLE | DESC_NORMAL | DESC_AP_EL0 | DESC_SH_INNER |
		DESC_AF | DESC_NG | DESC_PXN;
	u64 *e;

	lockdep_assert_held(&mm->lock);
	e = leaf_of(mm, va, true);
	if (!e)
		return -ENOMEM;
	if (*e & DESC_VALID)
		return -EEXIST;
	if (!(flags & UMAP_WRITE))
		v |= DESC_AP_RO;
	if (!(flags & UMAP_EXEC))
		v |= DESC_UXN;
	pte_write(e, v, 3, va);
	__asm__ __volatile__("dsb ishst" ::: "memory");
	return 0;
}

phys_addr_t arch_user_unmap(struct mm *mm, uintptr_t va)
{
	phys_addr_t pa;
	u64 *e;

	lockdep_assert_held(&mm->lock);
	e = leaf_of(mm, va, false);
	if (!e || !(*e & DESC_VALID))
		return 0;
	pa = *e & DESC_ADDR;
	pte_write(e, 0, 3, va);
	return pa;
}

phys_addr_t arch_user_lookup(struct mm *mm, uintptr_t va)
{
	u64 *e = leaf_of(mm, va, false);

	return e && (*e & DESC_VALID) ? *e & DESC_ADDR : 0;
}

/* This CPU's ASID for mm: its own still, or a slot taken over and flushed. */
static unsigned int asid_get(struct mm *mm, unsigned int cpu)
{
	struct asid_cpu *c = &asid_cpus[cpu];
	unsigned int a = mm->ctx[cpu];

	if (a && a < asid_slots && c->owner[a] == mm->id)
		return a;
	a = c->next ? c->next : 1;
	c->next = a + 1 < asid_slots ? a + 1 : 1;
	c->owner[a] = mm->id;
	mm->ctx[cpu] = a;
	__asm__ __volatile__("tlbi aside1, %0\n\tdsb nsh" :: "r"((u64)a << 48) : "memory");
	return a;
}

void arch_mm_switch(struct mm *prev, struct mm *next)
{
	u64 ttbr = (uintptr_t)arm64_kernel_root();

	if (next) {
		ttbr = next->root | (u64)asid_get(next, smp_processor_id()) << 48;
		if (arm64_has_pan)
			__asm__ __volatile__(".inst 0xd500419f" ::: "memory");	/* msr pan, #1 */
	}
	write_sysreg(ttbr0_el1, ttbr);
	isb();
}

void arch_mm_flush_local(struct mm *mm, uintptr_t va, size_t len)
{
	arch_mm_flush_all(mm, va, len);
}

void arch_mm_flush_all(struct mm *mm, uintptr_t va, size_t len)
{
	uintptr_t a;

	__asm__ __volatile__("dsb ishst" ::: "memory");
	if (!len || len > 64 * PAGE_SIZE)
		__asm__ __volatile__("tlbi vmalle1is" ::: "memory");
	else
		for (a = ALIGN_DOWN(va, PAGE_SIZE); a < va + len; a += PAGE_SIZE)
			__asm__ __volatile__("tlbi vaae1is, %0" :: "r"(a >> 12) : "memory");
	__asm__ __volatile__("dsb ish\n\tisb" ::: "memory");
}

void arch_user_set_kstack(void *top)
{
	/* SP_EL1 is the thread's own kernel stack already: exceptions from EL0 land on it. */
}

unsigned int arch_elf_machine(void)
{
	return EM_AARCH64;
}


/* What kills a thread: the class of its exception (ESR_EL1.EC, and the fault status). */
static enum user_kill kill_reason(u64 esr)
{
	unsigned int ec = (unsigned int)(esr >> 26) & 0x3f, fsc = esr & 0x3f;

	switch (ec) {
	case 0x20: case 0x24:
		return fsc == 0x21 ? KILL_ALIGNMENT : KILL_PAGE_FAULT;
	case 0x22: case 0x26:
		return KILL_ALIGNMENT;
	case 0x00:
		return KILL_UNDEFINED;
	case 0x3c: case 0x30: case 0x32: case 0x34:
		return KILL_BREAKPOINT;
	default:
		return KILL_PROTECTION;
	}
}

/* A synchronous exception from EL0: a system call (svc), or the end of the process. */
void arm64_user_sync(u64 *x, u64 esr, u64 far, u64 elr)
{
	unsigned int ec = (unsigned int)(esr >> 26) & 0x3f;
	enum user_kill why;

	if (ec == 0x15) {	/* svc: number in x8, arguments x0-x3, result x0 */
		arch_irq_enable();
		x[0] = syscall_user(x[8] < SYS_MAX ? (unsigned int)x[8] : SYS_MAX, x[0], x[1],
				    x[2], x[3]);
		arch_irq_disable();
		user_return_check();
		return;
	}
	why = kill_reason(esr);
	arch_irq_enable();
	user_fault(why, why == KILL_PAGE_FAULT ? far : 0, elr);
}
