/*
 * Physical pages and the kernel heap. Memory is identity mapped (virtual
 * address == physical address) on both architectures, but for arm64's
 * kernel stacks: stack_alloc() maps those in a stack area of their own.
 * What page_alloc() returns is its own physical address. (The x86
 * kernel image itself runs at its link address in the top 2 GiB:
 * asm/layout.h.)
 *
 * page_alloc() returns npages contiguous 4 KiB pages or NULL; kmalloc()
 * returns 16-byte aligned memory. Both panic on misuse: freeing memory
 * that is not allocated (double free), or a corrupted heap header.
 */
#ifndef SIS_MM_H
#define SIS_MM_H

#include <sis/bootinfo.h>
#include <sis/types.h>

#define PAGE_SIZE	4096ul
#define PAGE_SHIFT	12

void mm_init(const struct boot_info *bi);
void *page_alloc(size_t npages);
/* Like page_alloc, but every page lies below physical address limit. */
void *page_alloc_below(size_t npages, phys_addr_t limit);
/* Like page_alloc, but every page lies in physical [min, limit). */
void *page_alloc_range(size_t npages, phys_addr_t min, phys_addr_t limit);
/* One past the highest physical address of RAM the allocator manages. */
phys_addr_t page_phys_end(void);
/*
 * NUMA (kernel/numa.c tells, at boot): RAM in [base, base + size) is
 * node's. page_alloc_node() takes pages of that node when it has free
 * ones, else any (counted in page_node_fallbacks()); PAGE_NO_NODE, or a
 * node that has no ranges, is page_alloc(). page_node(): the node of the
 * page at p, or PAGE_NO_NODE.
 */
#define PAGE_NO_NODE	(~0u)
void page_node_range(phys_addr_t base, u64 size, unsigned int node);
void *page_alloc_node(size_t npages, unsigned int node);
unsigned int page_node(const void *p);
size_t page_node_fallbacks(void);
void page_free(void *p, size_t npages);
size_t page_free_count(void);

void *kmalloc(size_t size);
void *kzalloc(size_t size);
void kfree(void *p);

/*
 * A kernel stack of size bytes (a multiple of PAGE_SIZE) with an unmapped
 * guard page below it. Returns the initial stack pointer (the top).
 */
void *stack_alloc(size_t size);
/* The same, its pages from node's memory when it has some free. */
void *stack_alloc_node(size_t size, unsigned int node);

#endif /* SIS_MM_H */
