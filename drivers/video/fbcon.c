/*
 * Text on a linear framebuffer (the one GRUB sets up through VBE or the
 * UEFI GOP): 8x16 glyphs from font.c, 16, 24 or 32 bits per pixel in
 * whatever channel layout the boot loader reports. A cell is one glyph
 * blit: sixteen rows of eight pixel stores, the two colours computed
 * once per cell. The cursor is the cell drawn in reverse.
 */
#include <sis/bootinfo.h>
#include <sis/console.h>
#include <sis/printk.h>
#include <sis/string.h>
#include "font.h"
#include "screen.h"
#include "textcon.h"

/* The ANSI colours as 8-bit RGB (the VGA palette). */
static const u8 ansi_rgb[16][3] = {
	{ 0x00, 0x00, 0x00 }, { 0xaa, 0x00, 0x00 }, { 0x00, 0xaa, 0x00 }, { 0xaa, 0x55, 0x00 },
	{ 0x00, 0x00, 0xaa }, { 0xaa, 0x00, 0xaa }, { 0x00, 0xaa, 0xaa }, { 0xaa, 0xaa, 0xaa },
	{ 0x55, 0x55, 0x55 }, { 0xff, 0x55, 0x55 }, { 0x55, 0xff, 0x55 }, { 0xff, 0xff, 0x55 },
	{ 0x55, 0x55, 0xff }, { 0xff, 0x55, 0xff }, { 0x55, 0xff, 0xff }, { 0xff, 0xff, 0xff },
};

struct fbcon {
	u8 *base;
	u32 pitch;
	unsigned int bytes;		/* per pixel: 2, 3 or 4 */
	u32 pixel[16];			/* the ANSI colours as this framebuffer stores them */
};

static struct fbcon fbcon;
static char fb_desc[80];
static struct textcon fb_text;

/* An 8-bit channel value placed in a field of size bits at pos. */
static u32 channel(u8 v, u8 pos, u8 size)
{
	if (!size)
		return 0;
	if (size > 8)
		size = 8;
	return (u32)(v >> (8 - size)) << pos;
}

static void make_palette(struct fbcon *fb, const struct fb_info *info)
{
	unsigned int i;

	for (i = 0; i < 16; i++)
		fb->pixel[i] = channel(ansi_rgb[i][0], info->red_pos, info->red_size) |
			       channel(ansi_rgb[i][1], info->green_pos, info->green_size) |
			       channel(ansi_rgb[i][2], info->blue_pos, info->blue_size);
}

static void row32(u8 *dst, u8 bits, u32 fg, u32 bg)
{
	u32 *p = (u32 *)dst;
	unsigned int i;

	for (i = 0; i < FONT_WIDTH; i++)
		p[i] = bits & (0x80 >> i) ? fg : bg;
}

static void row16(u8 *dst, u8 bits, u32 fg, u32 bg)
{
	u16 *p = (u16 *)dst;
	unsigned int i;

	for (i = 0; i < FONT_WIDTH; i++)
		p[i] = (u16)(bits & (0x80 >> i) ? fg : bg);
}

static void row24(u8 *dst, u8 bits, u32 fg, u32 bg)
{
	unsigned int i;

	for (i = 0; i < FONT_WIDTH; i++, dst += 3) {
		u32 v = bits & (0x80 >> i) ? fg : bg;

		dst[0] = (u8)v;
		dst[1] = (u8)(v >> 8);
		dst[2] = (u8)(v >> 16);
	}
}

static void fb_draw(struct textcon *tc, unsigned int x, unsigned int y, struct text_cell c,
		    bool cursor)
{
	struct fbcon *fb = tc->priv;
	const u8 *glyph = font_glyph(c.ch);
	u32 fg = fb->pixel[c.attr & 0x0f], bg = fb->pixel[c.attr >> 4];
	u8 *dst = fb->base + (size_t)y * FONT_HEIGHT * fb->pitch + (size_t)x * FONT_WIDTH * fb->bytes;
	unsigned int r;

	if (cursor) {
		u32 t = fg;

		fg = bg;
		bg = t;
	}
	for (r = 0; r < FONT_HEIGHT; r++, dst += fb->pitch) {
		if (fb->bytes == 4)
			row32(dst, glyph[r], fg, bg);
		else if (fb->bytes == 2)
			row16(dst, glyph[r], fg, bg);
		else
			row24(dst, glyph[r], fg, bg);
	}
}

static const struct textcon_ops fb_ops = { .draw = fb_draw };

static void fb_write(const char *s, size_t n)
{
	textcon_write(&fb_text, s, n);
}

static void fb_putc(char c)
{
	textcon_write(&fb_text, &c, 1);
}

static void fb_set_level(int level)
{
	textcon_set_level(&fb_text, level);
}

static const char *fb_describe(void)
{
	return fb_desc;
}

static const struct console fb_console = {
	.name = "fbcon",
	.describe = fb_describe,
	.putc = fb_putc,
	.write = fb_write,
	.set_level = fb_set_level,
};

const struct console *fbcon_setup(const struct fb_info *info, void *base)
{
	unsigned int bytes = (info->bpp + 7) / 8;

	if (info->type != FB_RGB || !base || (bytes != 2 && bytes != 3 && bytes != 4) ||
	    info->width < FONT_WIDTH || info->height < FONT_HEIGHT ||
	    info->pitch < (u64)info->width * bytes)
		return NULL;
	fbcon.base = base;
	fbcon.pitch = info->pitch;
	fbcon.bytes = bytes;
	make_palette(&fbcon, info);
	snprintf(fb_desc, sizeof(fb_desc), "%ux%u, %u bpp, at 0x%llx: %ux%u characters",
		 info->width, info->height, info->bpp, (unsigned long long)info->addr,
		 MIN(info->width / FONT_WIDTH, (u32)TEXTCON_MAX_COLS),
		 MIN(info->height / FONT_HEIGHT, (u32)TEXTCON_MAX_ROWS));
	textcon_init(&fb_text, &fb_ops, &fbcon, info->width / FONT_WIDTH,
		     info->height / FONT_HEIGHT);
	return &fb_console;
}
