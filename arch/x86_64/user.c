/*
 * x86_64 address spaces for user mode (contract in <sis/user.h>).
 *
 * Each mm has its own PML4. Its entries for the user range (128-255,
 * sis/abi.h) point to tables of its own; every other entry is copied
 * from boot_pml4 when the mm is made, so the kernel half (the identity
 * map and the image) is the same tables for everyone. (The identity map
 * grows only at boot, before any process: x86_map_ram, x86_memremap.)
 * User entries carry U at every level; the leaves NX unless executable
 * (when the CPU has NX), W when writable.
 *
 * A CPU that runs a kernel task loads boot_pml4 again (mm_switch_to), so
 * a freed mm is in no CR3, and mm->cpus is the CPUs running mm now.
 * Without PCID every CR3 load flushes the user entries, so those are the
 * only CPUs whose TLB may hold them: an unmap's shootdown reaches them.
 *
 * With PCID each CPU hands out PCIDs 1-63 like arm64's ASIDs: slots that
 * remember which mm (by its never-reused id) owns them; taking a slot
 * over loads CR3 without the no-flush bit, which drops that PCID's
 * entries. A CPU that ran mm and left keeps mm's entries under its PCID:
 * each slot also remembers mm->tlb_gen as it was when the CPU last
 * flushed, and an unmap bumps it before it reads mm->cpus (the shootdown
 * of the running CPUs); a CPU coming back to mm with an older generation
 * flushes the PCID as it loads it. (mm_switch_to sets the CPU's bit
 * before it reads the generation: one of the two sides sees the other.)
 * The kernel's CR3 is PCID 0, never flushed on a switch: kernel mappings
 * change only with a kernel shootdown, which drops every PCID (mmu.c).
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
#include <asm/cpu.h>
#include <asm/layout.h>
#include <asm/trap.h>
#include "x86.h"

#define PTE_P		(1ull << 0)
#define PTE_W		(1ull << 1)
#define PTE_U		(1ull << 2)
#define PTE_PS		(1ull << 7)
#define PTE_NX		(1ull << 63)
#define PTE_ADDR	0x000ffffffffff000ull
/*
 * The user range (sis/abi.h) in PML4 entries: the kernel's identity map
 * uses the bottom of the lower canonical half (entries from 0, RAM up to
 * 64 TiB: mmu.c's IDENT_LIMIT), the image the top 2 GiB; user programs
 * get entries 128-255. The last page below the canonical hole stays
 * unmapped, so a user RIP is always canonical after a system call
 * (sysret's rule; the assertion below).
 */
#define USER_PML4_FIRST	((USER_BASE >> 39) & 511)
#define USER_PML4_LAST	(((USER_END - 1) >> 39) & 511)
#define EM_X86_64	62
#define PCID_SLOTS	64	/* per CPU: PCIDs 1-63 (0 is the kernel's) */
#define CR3_NOFLUSH	(1ull << 63)

struct pcid_cpu {
	u64 owner[PCID_SLOTS];	/* mm id per PCID, 0: none */
	u64 gen[PCID_SLOTS];	/* the owner's tlb_gen when this CPU last flushed it */
	unsigned int next;	/* the slot to take next */
};

static struct pcid_cpu *pcid_cpus;	/* one per CPU that exists, with PCID */

BUILD_ASSERT(offsetof(struct percpu, kernel_sp) == PERCPU_KERNEL_SP);
BUILD_ASSERT(offsetof(struct percpu, user_sp) == PERCPU_USER_SP);
BUILD_ASSERT(PERCPU_KERNEL_SP == 16 && PERCPU_USER_SP == 24);	/* syscall.S's copies */
BUILD_ASSERT(USER_END <= 0x0000800000000000ul - PAGE_SIZE);

extern u64 boot_pml4[512];	/* head.S */

static u64 *table_of(u64 e)
{
	return (u64 *)(uintptr_t)(e & PTE_ADDR);
}

void arch_user_init(void)
{
	if (x86_has_pcid) {
		pcid_cpus = kzalloc(nr_cpu_ids * sizeof(*pcid_cpus));
		if (!pcid_cpus)
			panic("no memory for the PCID slots of %u CPUs", nr_cpu_ids);
	}
	pr_info("[USER] x86_64: SMEP %s, SMAP %s, NX %s, PCID %s\n",
		x86_cr4_state & (1u << 20) ? "on" : "off", x86_has_smap ? "on" : "off",
		x86_has_nx ? "on" : "off", x86_has_pcid ? "on" : "off");
}

int arch_mm_init(struct mm *mm)
{
	u64 *root = page_alloc(1);
	unsigned int i;

	if (!root)
		return -ENOMEM;
	for (i = 0; i < 512; i++)
		root[i] = (i >= USER_PML4_FIRST && i <= USER_PML4_LAST) ? 0 : boot_pml4[i];
	mm->root = (uintptr_t)root;
	return 0;
}

/* Free the tables below t (level 4 = PML4 ... 1 = page table) and the pages they map. */
static void free_level(u64 *t, int level, unsigned int first, unsigned int last)
{
	unsigned int i;

	for (i = first; i <= last; i++) {
		if (!(t[i] & PTE_P))
			continue;
		if (level > 1)
			free_level(table_of(t[i]), level - 1, 0, 511);
		page_free(table_of(t[i]), 1);
	}
}

void arch_mm_free(struct mm *mm)
{
	u64 *root = (u64 *)(uintptr_t)mm->root;

	free_level(root, 4, USER_PML4_FIRST, USER_PML4_LAST);
	page_free(root, 1);
	mm->root = 0;
}

/* The leaf entry for va, making tables when make says so; NULL if absent. */
static u64 *leaf_of(struct mm *mm, uintptr_t va, bool make)
{
	u64 *t = (u64 *)(uintptr_t)mm->root;
	int level;

	for (level = 4; level > 1; level--) {
		u64 *e = &t[(va >> (12 + 9 * (level - 1))) & 511];

		if (!(*e & PTE_P)) {
			u64 *n;

			if (!make || !(n = page_alloc(1)))
				return NULL;
			memset(n, 0, PAGE_SIZE);
			pte_write(e, (uintptr_t)n | PTE_P | PTE_W | PTE_U, level, va);
		}
		t = table_of(*e);
	}
	return &t[(va >> 12) & 511];
}

int arch_user_map(struct mm *mm, uintptr_t va, phys_addr_t pa, unsigned int flags)
{
	u64 *e;
	u64 v = pa | PTE_P | PTE_U;

	lockdep_assert_held(&mm->lock);
	e = leaf_of(mm, va, true);
	if (!e)
		return -ENOMEM;
	if (*e & PTE_P)
		return -EEXIST;
	if (flags & UMAP_WRITE)
		v |= PTE_W;
	if (!(flags & UMAP_EXEC) && x86_has_nx)
		v |= PTE_NX;
	pte_write(e, v, 1, va);
	return 0;
}

phys_addr_t arch_user_unmap(struct mm *mm, uintptr_t va)
{
	u64 *e;
	phys_addr_t pa;

	lockdep_assert_held(&mm->lock);
	e = leaf_of(mm, va, false);
	if (!e || !(*e & PTE_P))
		return 0;
	pa = *e & PTE_ADDR;
	pte_write(e, 0, 1, va);
	return pa;
}

phys_addr_t arch_user_lookup(struct mm *mm, uintptr_t va)
{
	u64 *e = leaf_of(mm, va, false);

	return e && (*e & PTE_P) ? *e & PTE_ADDR : 0;
}

/* CR3 for mm on this CPU with PCID: its slot, flushed when taken over or stale. */
static u64 pcid_cr3(struct mm *mm, unsigned int cpu)
{
	struct pcid_cpu *c = &pcid_cpus[cpu];
	u64 gen = __atomic_load_n(&mm->tlb_gen, __ATOMIC_ACQUIRE);
	unsigned int a = mm->ctx[cpu];
	bool flush = true;

	if (a && a < PCID_SLOTS && c->owner[a] == mm->id) {
		flush = c->gen[a] != gen;
	} else {
		a = c->next ? c->next : 1;
		c->next = a + 1 < PCID_SLOTS ? a + 1 : 1;
		c->owner[a] = mm->id;
		mm->ctx[cpu] = a;
	}
	c->gen[a] = gen;
	return mm->root | a | (flush ? 0 : CR3_NOFLUSH);
}

void arch_mm_switch(struct mm *prev, struct mm *next)
{
	u64 kernel = x86_image_pa(boot_pml4);

	if (!x86_has_pcid)
		write_cr3(next ? next->root : kernel);
	else
		write_cr3(next ? pcid_cr3(next, smp_processor_id()) : kernel | CR3_NOFLUSH);
}

/* mm runs here: invlpg (its PCID's entries), or its whole PCID for a long range. */
void arch_mm_flush_local(struct mm *mm, uintptr_t va, size_t len)
{
	uintptr_t a;

	if (!len || len > 64 * PAGE_SIZE) {
		write_cr3(read_cr3() & ~CR3_NOFLUSH);
		return;
	}
	for (a = ALIGN_DOWN(va, PAGE_SIZE); a < va + len; a += PAGE_SIZE)
		invlpg(a);
}

void arch_user_set_kstack(void *top)
{
	struct percpu *p = this_cpu();

	p->arch.tss.rsp[0] = (uintptr_t)top;
	p->kernel_sp = (uintptr_t)top;
}

unsigned int arch_elf_machine(void)
{
	return EM_X86_64;
}

/* From syscall.S: number in RAX, arguments in RDI, RSI, RDX, R10; result in RAX. */
void x86_syscall(struct trap_frame *tf)
{
	x86_user_entry();
	arch_irq_enable();
	tf->rax = syscall_user(tf->rax < SYS_MAX ? (unsigned int)tf->rax : SYS_MAX, tf->rdi,
			       tf->rsi, tf->rdx, tf->r10);
	arch_irq_disable();
	user_return_check();
}
