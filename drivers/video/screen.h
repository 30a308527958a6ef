/* The two screen consoles, each NULL when fb is not of its kind. */
#ifndef DRIVERS_VIDEO_SCREEN_H
#define DRIVERS_VIDEO_SCREEN_H

struct console;
struct fb_info;

const struct console *fbcon_setup(const struct fb_info *fb, void *base);
const struct console *vgacon_setup(const struct fb_info *fb, void *base);

#endif /* DRIVERS_VIDEO_SCREEN_H */
