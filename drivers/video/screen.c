/*
 * The screen console: the boot loader's framebuffer drawn by fbcon, or
 * its text screen by vgacon, whichever it left (console.h).
 */
#include <sis/bootinfo.h>
#include <sis/console.h>
#include "screen.h"

const struct console *screen_console_setup(const struct fb_info *fb, void *base)
{
	if (!fb || !base)
		return NULL;
	if (IS_ENABLED(CONFIG_FRAMEBUFFER_CONSOLE) && fb->type == FB_RGB)
		return fbcon_setup(fb, base);
	if (IS_ENABLED(CONFIG_VGA_CONSOLE) && fb->type == FB_EGA_TEXT)
		return vgacon_setup(fb, base);
	return NULL;
}
