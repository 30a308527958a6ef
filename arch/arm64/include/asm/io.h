/*
 * MMIO accessors. Devices are mapped Device-nGnRE, so accesses to one
 * device stay in program order; ordering against normal memory (a
 * descriptor written before a doorbell) needs an explicit barrier.
 */
#ifndef ASM_IO_H
#define ASM_IO_H

#include <sis/types.h>

static inline u32 readl(uintptr_t addr)
{
	u32 v;

	__asm__ __volatile__("ldr %w0, [%1]" : "=r"(v) : "r"(addr) : "memory");
	return v;
}

static inline void writel(u32 v, uintptr_t addr)
{
	__asm__ __volatile__("str %w0, [%1]" :: "rZ"(v), "r"(addr) : "memory");
}

/* For registers defined byte-wide (GICD_ITARGETSR, GICD_IPRIORITYR). */
static inline void writeb(u8 v, uintptr_t addr)
{
	__asm__ __volatile__("strb %w0, [%1]" :: "rZ"(v), "r"(addr) : "memory");
}

static inline u64 readq(uintptr_t addr)
{
	u64 v;

	__asm__ __volatile__("ldr %0, [%1]" : "=r"(v) : "r"(addr) : "memory");
	return v;
}

static inline void writeq(u64 v, uintptr_t addr)
{
	__asm__ __volatile__("str %x0, [%1]" :: "rZ"(v), "r"(addr) : "memory");
}

/* Normal-memory stores before a device write (an IPI doorbell, say). */
static inline void wmb_before_mmio(void)
{
	__asm__ __volatile__("dsb ishst" ::: "memory");
}

#endif /* ASM_IO_H */
