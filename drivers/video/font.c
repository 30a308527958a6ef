/* The glyphs themselves: generated/font_8x16.h (see font.h). */
#include "font.h"
#include <generated/font_8x16.h>

const u8 *font_glyph(u8 ch)
{
	return font_8x16[ch];
}
