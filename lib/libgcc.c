/*
 * The libgcc helpers the compiler may call from freestanding code: with
 * -mgeneral-regs-only (arm64, no SIMD CNT) or the x86-64 baseline ISA (no
 * POPCNT), __builtin_popcountll becomes a call to __popcountdi2.
 */
#include <sis/types.h>

int __popcountdi2(u64 x);

int __popcountdi2(u64 x)
{
	x = x - ((x >> 1) & 0x5555555555555555ull);
	x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
	x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0full;
	return (int)((x * 0x0101010101010101ull) >> 56);
}
