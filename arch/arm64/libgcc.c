/*
 * libgcc helpers the compiler may call on arm64: with -mgeneral-regs-only
 * __builtin_popcountll cannot use the SIMD CNT instruction.
 */
#include <sis/types.h>

int __popcountdi2(u64 x);

int __popcountdi2(u64 x)
{
	int n = 0;

	for (; x; x &= x - 1)	/* clears the lowest set bit */
		n++;
	return n;
}
