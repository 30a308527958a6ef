/*
 * What the arch entry learned from the boot loader, handed to
 * kernel_main(). The arch fills it from multiboot2 (x86) or the DTB
 * (arm64) before any generic code runs.
 */
#ifndef SIS_BOOTINFO_H
#define SIS_BOOTINFO_H

#include <sis/types.h>

#define BOOT_MAX_REGIONS 64

struct mem_region {
	phys_addr_t base;
	u64 size;
};

/*
 * The screen the boot loader left set up (x86: the multiboot2
 * framebuffer tag): a linear framebuffer of width x height pixels, or
 * an EGA text screen of width x height characters. Type FB_NONE: none.
 */
enum fb_type { FB_NONE, FB_RGB, FB_EGA_TEXT };

struct fb_info {
	phys_addr_t addr;
	u32 pitch;			/* bytes from one row to the next */
	u32 width, height;
	u8 bpp;				/* bits per pixel (16 for a text cell) */
	u8 type;			/* enum fb_type */
	u8 red_pos, red_size, green_pos, green_size, blue_pos, blue_size;
};

struct boot_info {
	const char *cmdline;		/* boot loader's command line, "" if none */
	struct mem_region mem[BOOT_MAX_REGIONS];	/* usable RAM */
	unsigned int nmem;
	/* Inside RAM but not free: the kernel image, the DTB, firmware, boot loader data. */
	struct mem_region reserved[BOOT_MAX_REGIONS];
	unsigned int nreserved;
	/* The kernel image: where it was loaded, where it was linked to load (0: not known). */
	phys_addr_t image_base, image_link;
	u64 image_size;
	const void *rsdp;		/* x86: ACPI RSDP (from multiboot2), or NULL */
	size_t rsdp_len;		/* the bytes readable at rsdp (the tag's payload) */
	const void *dtb;		/* arm64: flattened device tree, or NULL */
	struct fb_info fb;		/* the screen, if the boot loader set one up */
};

/* Add a range; returns false (and drops it) when the table is full. */
bool bootinfo_add_mem(struct boot_info *bi, phys_addr_t base, u64 size);
bool bootinfo_add_reserved(struct boot_info *bi, phys_addr_t base, u64 size);

#endif /* SIS_BOOTINFO_H */
