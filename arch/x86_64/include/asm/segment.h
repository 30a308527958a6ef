/* GDT selectors, shared by the entry assembly and C. */
#ifndef ASM_SEGMENT_H
#define ASM_SEGMENT_H

#define KERNEL_CS	0x08
#define KERNEL_DS	0x10
#define KERNEL_TSS	0x18
/*
 * User segments, in the order syscall/sysret demand (IA32_STAR): sysret
 * loads SS from STAR[63:48] + 8 and CS from STAR[63:48] + 16, with RPL 3.
 */
#define USER_STAR_BASE	0x28
#define USER_DS		(USER_STAR_BASE + 8 + 3)
#define USER_CS		(USER_STAR_BASE + 16 + 3)

/* Interrupt stack table slot for double faults (stack overflow). */
#define IST_DOUBLE_FAULT 1

#endif /* ASM_SEGMENT_H */
