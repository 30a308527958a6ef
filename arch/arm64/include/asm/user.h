/*
 * The arm64 user range (docs/user.md). The kernel runs in TTBR0 alone
 * (mmu.c: the identity map in L0 entries 0-1, the stack area in 511), so
 * user mode gets L0 entries 128-255 of the same 48-bit TTBR0 space,
 * private to each address space, at the same addresses as on x86_64.
 */
#ifndef ASM_USER_H
#define ASM_USER_H

#define USER_BASE	0x0000400000000000ul
#define USER_END	0x00007ffffffff000ul
#define USER_STACK_TOP	0x00007fffff000000ul	/* the main thread's stack grows down from here */
#define USER_STACK_SIZE	(64 * 1024ul)
#define USER_MMAP_BASE	0x0000500000000000ul	/* SYS_MMAP hands out addresses upward from here */

#endif /* ASM_USER_H */
