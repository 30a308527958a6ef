/*
 * The libgcc helpers GCC may call from freestanding x86_64 code built
 * for the baseline ISA (no POPCNT instruction): __builtin_popcountll.
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
