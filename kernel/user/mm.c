/*
 * Address spaces: making and freeing them, the switch between them,
 * anonymous memory (SYS_MMAP/SYS_MUNMAP) and the TLB shootdown of user
 * mappings.
 *
 * On arm64 a broadcast TLBI by VA for every ASID reaches every CPU in
 * hardware, whatever ASID it holds the entries under. Elsewhere (x86)
 * mm->cpus holds the CPUs that run mm now (mm_switch_to sets a CPU's bit
 * when it loads mm and clears it when it loads another): without PCID a
 * CPU outside it holds none of mm's entries, as a switch away loads
 * another root and flushes them. An unmap clears the entries, then reads the mask and
 * flushes exactly those CPUs; a CPU that sets its bit after the read
 * loads the root after the clear. Both sides have a full barrier between
 * their write and their read (smp_mb), so one of them sees the other.
 * With x86 PCID a CPU that left mm keeps its entries under mm's PCID:
 * the unmap bumps mm->tlb_gen before it reads the mask, and a CPU
 * loading mm again flushes the PCID when the generation moved on
 * (arch/x86_64/user.c).
 */
#include <sis/errno.h>
#include <sis/ipi.h>
#include <sis/mm.h>
#include <sis/percpu.h>
#include <sis/string.h>
#include <sis/topology.h>
#include "internal.h"

static u64 mm_next_id = 1;

int mm_create(struct mm *mm)
{
	memset(mm, 0, sizeof(*mm));
	spin_lock_init(&mm->lock, "mm");
	mm->id = __atomic_fetch_add(&mm_next_id, 1, __ATOMIC_RELAXED);
	mm->mmap_next = USER_MMAP_BASE;
	mm->ctx = kzalloc(nr_cpu_ids * sizeof(*mm->ctx));
	if (!mm->ctx)
		return -ENOMEM;
	return arch_mm_init(mm);
}

void mm_destroy(struct mm *mm)
{
	if (mm->root)
		arch_mm_free(mm);
	kfree(mm->ctx);
	mm->ctx = NULL;
}

void mm_switch_to(struct mm *prev, struct mm *next, void *kstack)
{
	struct percpu *p = this_cpu();

	if (next)
		arch_user_set_kstack(kstack);
	if (p->mm == next)
		return;
	if (p->mm)
		cpumask_clear_atomic(&p->mm->cpus, p->cpu);
	if (next)
		cpumask_set_atomic(&next->cpus, p->cpu);
	smp_mb();	/* the bit before the root is loaded: see the file comment */
	arch_mm_switch(p->mm, next);
	p->mm = next;
}

int mm_map_zero(struct mm *mm, uintptr_t va, size_t len, unsigned int flags)
{
	uintptr_t a;
	int err = 0;

	spin_lock(&mm->lock);
	for (a = va; a < va + len && !err; a += PAGE_SIZE) {
		void *page = page_alloc(1);

		if (!page) {
			err = -ENOMEM;
			break;
		}
		memset(page, 0, PAGE_SIZE);
		err = arch_user_map(mm, a, (uintptr_t)page, flags);
		if (err)
			page_free(page, 1);
		else
			mm->pages++;
	}
	spin_unlock(&mm->lock);
	return err;
}

struct flush_args {
	struct mm *mm;
	uintptr_t va;
	size_t len;
};

static void flush_one(void *arg)
{
	struct flush_args *f = arg;

	if (this_cpu()->mm == f->mm)
		arch_mm_flush_local(f->mm, f->va, f->len);
}

/* Flush [va, va + len) of mm from every CPU that may hold it. */
static void mm_flush(struct mm *mm, uintptr_t va, size_t len)
{
	struct flush_args f = { mm, va, len };
	cpumask_t cpus;

	if (ARCH_TLB_BROADCAST) {	/* arm64: one TLBI ...IS reaches every CPU */
		arch_mm_flush_all(mm, va, len);
		return;
	}
	/* The generation after the cleared entries, before the mask is read (x86 PCID). */
	__atomic_add_fetch(&mm->tlb_gen, 1, __ATOMIC_SEQ_CST);
	smp_mb();
	cpumask_copy_atomic(&cpus, &mm->cpus);
	if (!cpumask_empty(&cpus))
		smp_call_function_many_ipi(&cpus, flush_one, &f, true, IPI_TLB_FLUSH);
}

void mm_unmap(struct mm *mm, uintptr_t va, size_t len)
{
	phys_addr_t pages[32];
	unsigned int n, i;
	uintptr_t a = va;

	while (a < va + len) {
		uintptr_t start = a;

		spin_lock(&mm->lock);
		for (n = 0; n < 32 && a < va + len; a += PAGE_SIZE) {
			phys_addr_t pa = arch_user_unmap(mm, a);

			if (pa) {
				pages[n++] = pa;
				mm->pages--;
			}
		}
		spin_unlock(&mm->lock);
		/* No CPU may use a page once it is free again. */
		mm_flush(mm, start, a - start);
		for (i = 0; i < n; i++)
			page_free((void *)(uintptr_t)pages[i], 1);
	}
}

int mm_write(struct mm *mm, uintptr_t va, const void *src, size_t n)
{
	const u8 *s = src;
	int err = 0;

	spin_lock(&mm->lock);
	while (n && !err) {
		phys_addr_t pa = arch_user_lookup(mm, va & ~(PAGE_SIZE - 1));
		size_t off = va & (PAGE_SIZE - 1), chunk = MIN(n, PAGE_SIZE - off);

		if (!pa) {
			err = -EFAULT;
			break;
		}
		memcpy((u8 *)(uintptr_t)pa + off, s, chunk);
		s += chunk;
		va += chunk;
		n -= chunk;
	}
	spin_unlock(&mm->lock);
	return err;
}

long mm_mmap(struct mm *mm, size_t len, unsigned int prot)
{
	uintptr_t va;
	int err;

	if (!len || len > USER_END - USER_MMAP_BASE || (prot & ~(PROT_READ | PROT_WRITE)))
		return -EINVAL;
	len = ALIGN_UP(len, PAGE_SIZE);
	/* Addresses are never handed out twice: a stale pointer faults. */
	spin_lock(&mm->lock);
	va = mm->mmap_next;
	if (len > USER_STACK_TOP - USER_STACK_SIZE - PAGE_SIZE - va) {
		spin_unlock(&mm->lock);
		return -ENOMEM;
	}
	mm->mmap_next = va + len + PAGE_SIZE;	/* a guard page between */
	spin_unlock(&mm->lock);
	err = mm_map_zero(mm, va, len, prot & PROT_WRITE ? UMAP_WRITE : 0);
	if (err) {
		mm_unmap(mm, va, len);
		return err;
	}
	return (long)va;
}

long mm_munmap(struct mm *mm, uintptr_t va, size_t len)
{
	if ((va & (PAGE_SIZE - 1)) || !len || !user_range_ok(va, len))
		return -EINVAL;
	mm_unmap(mm, va, ALIGN_UP(len, PAGE_SIZE));
	return 0;
}
