/*
 * <asm/io.h> for host unit tests: MMIO accessors on plain memory, so a
 * driver can be run against a fake register file (an array standing in
 * for the device's page) and the test reads what it wrote.
 */
#ifndef HOST_ASM_IO_H
#define HOST_ASM_IO_H

#include <sis/types.h>

/*
 * A test that models a device's behaviour (not only its storage) sets
 * these: every 32-bit access then goes to the model (host.c: NULL).
 */
extern u32 (*host_mmio_read)(uintptr_t addr);
extern void (*host_mmio_write)(u32 v, uintptr_t addr);

static inline u32 readl(uintptr_t addr)
{
	if (host_mmio_read)
		return host_mmio_read(addr);
	return *(volatile u32 *)addr;
}

static inline void writel(u32 v, uintptr_t addr)
{
	if (host_mmio_write)
		host_mmio_write(v, addr);
	else
		*(volatile u32 *)addr = v;
}

static inline void writeb(u8 v, uintptr_t addr)
{
	*(volatile u8 *)addr = v;
}

static inline u64 readq(uintptr_t addr)
{
	return *(volatile u64 *)addr;
}

static inline void writeq(u64 v, uintptr_t addr)
{
	*(volatile u64 *)addr = v;
}

static inline void wmb_before_mmio(void)
{
}

/* x86 firmware tables (drivers/firmware/acpi.c): physmem.c's fake physical memory. */
void *x86_memremap(phys_addr_t phys, size_t size);

#endif /* HOST_ASM_IO_H */
