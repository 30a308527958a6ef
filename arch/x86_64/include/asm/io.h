/* Port I/O and MMIO accessors. MMIO regions are mapped uncached (x86_ioremap). */
#ifndef ASM_IO_H
#define ASM_IO_H

#include <sis/types.h>

static inline void outb(u16 port, u8 v)
{
	__asm__ __volatile__("outb %0, %1" : : "a"(v), "Nd"(port) : "memory");
}

static inline u8 inb(u16 port)
{
	u8 v;

	__asm__ __volatile__("inb %1, %0" : "=a"(v) : "Nd"(port) : "memory");
	return v;
}

static inline u32 mmio_read32(const volatile void *addr)
{
	return *(const volatile u32 *)addr;
}

static inline void mmio_write32(volatile void *addr, u32 v)
{
	*(volatile u32 *)addr = v;
}

/*
 * Make [phys, phys + size) reachable through the identity map and return
 * its address, or NULL (beyond the lower canonical half, or no memory
 * for a page table): x86_memremap() write-back where not mapped yet
 * (firmware tables), x86_ioremap() uncached (device registers). Boot CPU
 * only, before the other CPUs start.
 */
void *x86_memremap(phys_addr_t phys, size_t size);
void *x86_ioremap(phys_addr_t phys, size_t size);

#endif /* ASM_IO_H */
