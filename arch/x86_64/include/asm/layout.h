/*
 * Where the kernel image lives. It is linked to run at virtual
 * KERNEL_VMA + KERNEL_LINK_PHYS (the top 2 GiB, -mcmodel=kernel), with
 * load addresses from KERNEL_LINK_PHYS; GRUB may load it at any 2 MiB
 * aligned physical address instead (the multiboot2 relocatable tag), and
 * head.S maps the top 2 GiB onto wherever that was. Everything else
 * (RAM, tables, devices) is identity mapped: virtual == physical.
 *
 * linker.ld repeats KERNEL_VMA and KERNEL_LINK_PHYS (it is not run
 * through the preprocessor) and asserts that they agree with head.S.
 */
#ifndef ASM_LAYOUT_H
#define ASM_LAYOUT_H

#define KERNEL_VMA		0xffffffff80000000
#define KERNEL_LINK_PHYS	0x200000	/* also the lowest load address */
#define KERNEL_ALIGN		0x200000	/* one large page */

#ifndef __ASSEMBLY__
#include <sis/types.h>

/* Physical load address minus link address (head.S; a multiple of KERNEL_ALIGN). */
extern u64 x86_load_delta;

/* The physical address of a kernel image object (text, data, BSS). */
static inline phys_addr_t x86_image_pa(const void *va)
{
	return (uintptr_t)va - KERNEL_VMA + x86_load_delta;
}
#endif /* !__ASSEMBLY__ */

#endif /* ASM_LAYOUT_H */
