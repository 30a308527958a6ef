/* GDT selectors, shared by the entry assembly and C. */
#ifndef ASM_SEGMENT_H
#define ASM_SEGMENT_H

#define KERNEL_CS	0x08
#define KERNEL_DS	0x10
#define KERNEL_TSS	0x18

/* Interrupt stack table slot for double faults (stack overflow). */
#define IST_DOUBLE_FAULT 1

#endif /* ASM_SEGMENT_H */
