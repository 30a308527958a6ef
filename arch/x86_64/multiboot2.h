/* The multiboot2 boot information reader (multiboot2.c), host-testable. */
#ifndef X86_MULTIBOOT2_H
#define X86_MULTIBOOT2_H

#include <sis/bootinfo.h>

#define MB2_BOOTLOADER_MAGIC 0x36d76289

struct mb2_result {
	uintptr_t mbi_start, mbi_end;	/* the information itself: keep it */
	const void *rsdp_old, *rsdp_new;	/* copies of the RSDP, or NULL */
	size_t rsdp_old_len, rsdp_new_len;
	u64 low_page;		/* a free page below 1 MiB (0: none) */
	unsigned int dropped;	/* RAM regions that did not fit in boot_info */
};

int mb2_parse(const void *mbi, size_t max, struct boot_info *bi, struct mb2_result *res);

#endif /* X86_MULTIBOOT2_H */
