/*
 * The kernel heap: power-of-two size classes from 16 to 2048 bytes carved
 * out of pages, larger requests as whole pages. Every block carries a
 * header with a magic word that says whether it is in use, so a double
 * free or a corrupted header is caught and panics.
 */
#include <sis/mm.h>
#include <sis/panic.h>
#include <sis/spinlock.h>
#include <sis/string.h>

#define HEAP_MIN_SHIFT	4
#define HEAP_MAX_SHIFT	11
#define NCLASSES	(HEAP_MAX_SHIFT - HEAP_MIN_SHIFT + 1)
#define MAGIC_USED	0x5155ab1e
#define MAGIC_FREE	0x5155f4ee

struct block {
	u32 magic;
	u32 cls;		/* size class, or NCLASSES for a page run */
	u64 npages;		/* page runs only */
	struct block *next;	/* free list link while free */
	u64 pad;		/* keep the payload 16-byte aligned */
};

BUILD_ASSERT(sizeof(struct block) == 32);

/* heap_lock protects free_lists. Leaf lock, IRQ-safe. */
static DEFINE_SPINLOCK(heap_lock);
static struct block *free_lists[NCLASSES];

static unsigned int size_class(size_t total)
{
	unsigned int c = 0;

	while (((size_t)1 << (c + HEAP_MIN_SHIFT)) < total)
		c++;
	return c;
}

/* Cut a fresh page into blocks of class c; caller holds heap_lock. */
static bool refill(unsigned int c)
{
	size_t bsize = (size_t)1 << (c + HEAP_MIN_SHIFT);
	char *page = page_alloc(1);
	size_t off;

	if (!page)
		return false;
	for (off = 0; off + bsize <= PAGE_SIZE; off += bsize) {
		struct block *b = (struct block *)(page + off);

		b->magic = MAGIC_FREE;
		b->cls = c;
		b->next = free_lists[c];
		free_lists[c] = b;
	}
	return true;
}

static void *alloc_pages_block(size_t total)
{
	size_t n = ALIGN_UP(total, PAGE_SIZE) / PAGE_SIZE;
	struct block *b = page_alloc(n);

	if (!b)
		return NULL;
	b->magic = MAGIC_USED;
	b->cls = NCLASSES;
	b->npages = n;
	return b + 1;
}

void *kmalloc(size_t size)
{
	size_t total = size + sizeof(struct block);
	unsigned int c = size_class(total);
	unsigned long flags;
	struct block *b;

	if (size == 0 || total < size)
		return NULL;
	if (c >= NCLASSES)
		return alloc_pages_block(total);
	flags = spin_lock_irqsave(&heap_lock);
	if (!free_lists[c] && !refill(c)) {
		spin_unlock_irqrestore(&heap_lock, flags);
		return NULL;
	}
	b = free_lists[c];
	free_lists[c] = b->next;
	spin_unlock_irqrestore(&heap_lock, flags);
	if (b->magic != MAGIC_FREE)
		panic("kmalloc: free block %p corrupted (magic 0x%x)", (void *)b, b->magic);
	b->magic = MAGIC_USED;
	return b + 1;
}

void *kzalloc(size_t size)
{
	void *p = kmalloc(size);

	if (p)
		memset(p, 0, size);
	return p;
}

void kfree(void *p)
{
	struct block *b = (struct block *)p - 1;
	unsigned long flags;

	if (!p)
		return;
	if (b->magic == MAGIC_FREE)
		panic("kfree: double free of %p", p);
	if (b->magic != MAGIC_USED || b->cls > NCLASSES)
		panic("kfree: %p is not a heap block (magic 0x%x)", p, b->magic);
	if (b->cls == NCLASSES) {
		b->magic = MAGIC_FREE;
		page_free(b, b->npages);
		return;
	}
	flags = spin_lock_irqsave(&heap_lock);
	b->magic = MAGIC_FREE;
	b->next = free_lists[b->cls];
	free_lists[b->cls] = b;
	spin_unlock_irqrestore(&heap_lock, flags);
}
