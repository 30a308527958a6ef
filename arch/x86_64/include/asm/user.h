/*
 * The x86_64 user range (docs/user.md). The kernel's identity map uses
 * the bottom of the lower canonical half (PML4 entries from 0, RAM up to
 * 64 TiB: mmu.c's IDENT_LIMIT), the image the top 2 GiB; user programs
 * get PML4 entries 128-255, private to each address space, and link at
 * USER_BASE (code compiled position-independent, linked static: user/).
 * The last page below the canonical hole stays unmapped, so a user RIP
 * is always canonical after a system call (sysret's rule).
 */
#ifndef ASM_USER_H
#define ASM_USER_H

#define USER_BASE	0x0000400000000000ul
#define USER_END	0x00007ffffffff000ul
#define USER_STACK_TOP	0x00007fffff000000ul	/* the main thread's stack grows down from here */
#define USER_STACK_SIZE	(64 * 1024ul)
#define USER_MMAP_BASE	0x0000500000000000ul	/* SYS_MMAP hands out addresses upward from here */

#endif /* ASM_USER_H */
