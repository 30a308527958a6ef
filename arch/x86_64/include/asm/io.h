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

static inline void outw(u16 port, u16 v)
{
	__asm__ __volatile__("outw %0, %1" : : "a"(v), "Nd"(port) : "memory");
}

static inline u16 inw(u16 port)
{
	u16 v;

	__asm__ __volatile__("inw %1, %0" : "=a"(v) : "Nd"(port) : "memory");
	return v;
}

static inline void outl(u16 port, u32 v)
{
	__asm__ __volatile__("outl %0, %1" : : "a"(v), "Nd"(port) : "memory");
}

static inline u32 inl(u16 port)
{
	u32 v;

	__asm__ __volatile__("inl %1, %0" : "=a"(v) : "Nd"(port) : "memory");
	return v;
}

static inline u8 mmio_read8(const volatile void *addr)
{
	return *(const volatile u8 *)addr;
}

static inline void mmio_write8(volatile void *addr, u8 v)
{
	*(volatile u8 *)addr = v;
}

static inline u16 mmio_read16(const volatile void *addr)
{
	return *(const volatile u16 *)addr;
}

static inline void mmio_write16(volatile void *addr, u16 v)
{
	*(volatile u16 *)addr = v;
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
/* Write-combining (a framebuffer): stores merge, reads are slow. */
void *x86_ioremap_wc(phys_addr_t phys, size_t size);

#endif /* ASM_IO_H */
