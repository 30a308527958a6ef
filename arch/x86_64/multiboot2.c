/*
 * The multiboot2 boot information GRUB leaves for us: a u32 total size,
 * a u32 reserved word, then 8-byte aligned tags {u32 type, u32 size, ...}
 * up to an end tag. We take the command line (1), the memory map (6),
 * the framebuffer (8) and the ACPI RSDP copies (14: ACPI 1.0, 15: ACPI
 * 2.0+, preferred).
 *
 * Usable RAM goes to the page allocator from 1 MiB up, above 4 GiB too
 * (x86_map_ram() maps it); the low megabyte holds firmware data and the
 * AP trampoline, and is never handed out.
 */
#include <sis/bootinfo.h>
#include <sis/compiler.h>
#include <sis/errno.h>
#include <sis/string.h>
#include "multiboot2.h"

#define MB2_TAG_END		0
#define MB2_TAG_CMDLINE		1
#define MB2_TAG_MMAP		6
#define MB2_TAG_FRAMEBUFFER	8
#define MB2_TAG_ACPI_OLD	14
#define MB2_TAG_ACPI_NEW	15
#define MB2_MEMORY_AVAILABLE	1

#define LOW_LIMIT	0x100000ull

struct mb2_tag {
	u32 type;
	u32 size;
};

struct mb2_mmap_entry {
	u64 base;
	u64 len;
	u32 type;
	u32 reserved;
};

/* The highest free page in [0x1000, 1 MiB) that misses [avoid, avoid+len). */
static void pick_low_page(struct mb2_result *res, u64 base, u64 len)
{
	u64 end = MIN(base + len, LOW_LIMIT) & ~0xfffull;
	u64 page;

	for (page = end; page >= 0x2000 && page - 0x1000 >= base; page -= 0x1000) {
		u64 p = page - 0x1000;

		if (p < res->mbi_end && p + 0x1000 > res->mbi_start)
			continue;
		if (p > res->low_page)
			res->low_page = p;
		return;
	}
}

static void add_ram(struct boot_info *bi, struct mb2_result *res, u64 base, u64 len)
{
	u64 end = base + len;

	if (end < base)
		end = ~0ull;
	if (base < LOW_LIMIT)
		pick_low_page(res, base, len);
	base = MAX(base, LOW_LIMIT);
	if (end > base && !bootinfo_add_mem(bi, base, end - base))
		res->dropped++;
}

static void parse_mmap(struct boot_info *bi, struct mb2_result *res,
		       const u8 *tag, u32 size)
{
	u32 esize, off;

	if (size < 16)
		return;
	memcpy(&esize, tag + 8, 4);
	if (esize < sizeof(struct mb2_mmap_entry))
		return;
	/* In 64 bits: an entry size near 4 GiB must not wrap the bound. */
	for (off = 16; (u64)off + esize <= size; off += esize) {
		struct mb2_mmap_entry e;

		memcpy(&e, tag + off, sizeof(e));
		if (e.type == MB2_MEMORY_AVAILABLE && e.len)
			add_ram(bi, res, e.base, e.len);
	}
}

/*
 * The framebuffer tag: u64 address, u32 pitch, width, height, u8 bits
 * per pixel, u8 type (0 indexed, 1 RGB, 2 EGA text), u16 reserved, then
 * for RGB each channel's u8 position and size. An indexed (palette)
 * framebuffer is left alone: GRUB sets one up only when asked for 8 bpp.
 */
#define MB2_FB_RGB		1
#define MB2_FB_EGA_TEXT		2
#define MB2_FB_COMMON		32	/* bytes up to the colour information */

static void parse_framebuffer(struct boot_info *bi, const u8 *tag, u32 size)
{
	struct fb_info fb = { 0 };
	u8 type;

	if (size < MB2_FB_COMMON)
		return;
	memcpy(&fb.addr, tag + 8, 8);
	memcpy(&fb.pitch, tag + 16, 4);
	memcpy(&fb.width, tag + 20, 4);
	memcpy(&fb.height, tag + 24, 4);
	fb.bpp = tag[28];
	type = tag[29];
	if (type == MB2_FB_RGB && size >= MB2_FB_COMMON + 6) {
		fb.type = FB_RGB;
		fb.red_pos = tag[32];
		fb.red_size = tag[33];
		fb.green_pos = tag[34];
		fb.green_size = tag[35];
		fb.blue_pos = tag[36];
		fb.blue_size = tag[37];
	} else if (type == MB2_FB_EGA_TEXT) {
		fb.type = FB_EGA_TEXT;
	} else {
		return;
	}
	bi->fb = fb;
}

/*
 * Walk the tags of the boot information at mbi, bounded by its own total
 * size and by max (what the caller knows is readable). 0, or -1 when
 * the information is malformed.
 */
int mb2_parse(const void *mbi, size_t max, struct boot_info *bi, struct mb2_result *res)
{
	const u8 *p = mbi;
	u32 total, off;

	memset(res, 0, sizeof(*res));
	bi->cmdline = "";
	if (max < 16)
		return -ERANGE;
	memcpy(&total, p, 4);
	if (total < 16 || total > max)
		return -ERANGE;
	res->mbi_start = (uintptr_t)mbi;
	res->mbi_end = (uintptr_t)mbi + total;
	for (off = 8; off + sizeof(struct mb2_tag) <= total;) {
		struct mb2_tag t;

		memcpy(&t, p + off, sizeof(t));
		if (t.type == MB2_TAG_END)
			return 0;
		if (t.size < sizeof(t) || t.size > total - off)
			return -EINVAL;
		if (t.type == MB2_TAG_CMDLINE && t.size > 8 && p[off + t.size - 1] == '\0')
			bi->cmdline = (const char *)(p + off + 8);
		else if (t.type == MB2_TAG_MMAP)
			parse_mmap(bi, res, p + off, t.size);
		else if (t.type == MB2_TAG_FRAMEBUFFER)
			parse_framebuffer(bi, p + off, t.size);
		else if (t.type == MB2_TAG_ACPI_NEW && t.size > 8)
			res->rsdp_new = p + off + 8, res->rsdp_new_len = t.size - 8;
		else if (t.type == MB2_TAG_ACPI_OLD && t.size > 8)
			res->rsdp_old = p + off + 8, res->rsdp_old_len = t.size - 8;
		off += ALIGN_UP(t.size, 8u);
	}
	return -EINVAL;	/* no end tag */
}
