/* The board's device tree (dtc output), the fallback when x0 holds none. */
#include <generated/builtin_dtb.h>

	.section .rodata.builtin_dtb, "a"
	.balign	8
	.globl	builtin_dtb
builtin_dtb:
	.incbin	BUILTIN_DTB_FILE
	.globl	builtin_dtb_end
builtin_dtb_end:
