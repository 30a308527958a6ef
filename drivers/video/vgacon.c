/*
 * Text on the EGA/VGA text screen (a BIOS boot without a linear
 * framebuffer: GRUB leaves 80x25 at 0xb8000). A cell is one 16-bit
 * store: the character (code page 437, ASCII in its lower half) and its
 * colours; the cursor is the CRT controller's own.
 */
#include <sis/bootinfo.h>
#include <sis/console.h>
#include <asm/io.h>
#include "screen.h"
#include "textcon.h"

#define CRTC_INDEX	0x3d4
#define CRTC_DATA	0x3d5
#define CRTC_CURSOR_HI	0x0e
#define CRTC_CURSOR_LO	0x0f

/* ANSI colour index to the VGA's (whose order is blue, green, red bits). */
static const u8 ansi_to_vga[16] = { 0, 4, 2, 6, 1, 5, 3, 7, 8, 12, 10, 14, 9, 13, 11, 15 };

static volatile u16 *vga_base;
static struct textcon vga_text;

static void vga_cursor(unsigned int pos)
{
	outb(CRTC_INDEX, CRTC_CURSOR_HI);
	outb(CRTC_DATA, (u8)(pos >> 8));
	outb(CRTC_INDEX, CRTC_CURSOR_LO);
	outb(CRTC_DATA, (u8)pos);
}

static void vga_draw(struct textcon *tc, unsigned int x, unsigned int y, struct text_cell c,
		     bool cursor)
{
	u8 attr = (u8)(ansi_to_vga[c.attr & 0x0f] | ansi_to_vga[c.attr >> 4] << 4);
	unsigned int pos = y * tc->cols + x;

	vga_base[pos] = (u16)(c.ch | attr << 8);
	if (cursor)
		vga_cursor(pos);
}

static const struct textcon_ops vga_ops = { .draw = vga_draw };

static void vga_write(const char *s, size_t n)
{
	textcon_write(&vga_text, s, n);
}

static void vga_putc(char c)
{
	textcon_write(&vga_text, &c, 1);
}

static void vga_set_level(int level)
{
	textcon_set_level(&vga_text, level);
}

static const char *vga_describe(void)
{
	return "EGA text screen";
}

static const struct console vga_console = {
	.name = "vgacon",
	.describe = vga_describe,
	.putc = vga_putc,
	.write = vga_write,
	.set_level = vga_set_level,
};

const struct console *vgacon_setup(const struct fb_info *info, void *base)
{
	if (info->type != FB_EGA_TEXT || !base || !info->width || !info->height)
		return NULL;
	vga_base = base;
	textcon_init(&vga_text, &vga_ops, NULL, info->width, info->height);
	return &vga_console;
}
