/* The user range for host tests: the values both arches use (asm/user.h). */
#ifndef ASM_USER_H
#define ASM_USER_H

#define USER_BASE	0x0000400000000000ul
#define USER_END	0x00007ffffffff000ul
#define USER_STACK_TOP	0x00007fffff000000ul
#define USER_STACK_SIZE	(64 * 1024ul)
#define USER_MMAP_BASE	0x0000500000000000ul

#endif /* ASM_USER_H */
