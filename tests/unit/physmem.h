/*
 * A fake physical memory for code that reads firmware tables by physical
 * address (drivers/firmware/acpi.c through x86_memremap()): physical
 * address a is host_phys[a]. The buffer is malloc'ed at exactly its size,
 * so ASan reports any read past it; addresses beyond it are unmapped
 * (x86_memremap() answers NULL, as for an address it cannot map).
 */
#ifndef HOST_PHYSMEM_H
#define HOST_PHYSMEM_H

#include <sis/types.h>

extern u8 *host_phys;
extern size_t host_phys_size;

/* A zeroed fake memory of size bytes (the previous one freed). */
u8 *physmem_reset(size_t size);

#endif /* HOST_PHYSMEM_H */
