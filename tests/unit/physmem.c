/* The fake physical memory of physmem.h. */
#include <stdlib.h>
#include <string.h>

#include <asm/io.h>

#include "physmem.h"

u8 *host_phys;
size_t host_phys_size;

u8 *physmem_reset(size_t size)
{
	free(host_phys);
	host_phys = calloc(1, size ? size : 1);
	host_phys_size = host_phys ? size : 0;
	return host_phys;
}

void *x86_memremap(phys_addr_t phys, size_t size)
{
	if (!size || phys >= host_phys_size || size > host_phys_size - phys)
		return NULL;
	return host_phys + phys;
}
