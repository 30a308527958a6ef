/*
 * EL1 exception vectors. Every entry saves the interrupted context as a
 * struct arch_regs on the current stack (layout in traps.c, checked
 * there) with a frame record {fp, elr} on top, so a backtrace walks from
 * the handler into the interrupted code. IRQs return through the same
 * frame; everything else is reported by arm64_exception() and panics.
 *
 * From EL0 (vectors 8-11) the frame holds SP_EL0 as the interrupted sp
 * (put back before the eret to EL0) and the frame record ends the
 * backtrace there (fp 0): the kernel never walks user stacks.
 */
#define VEC_EL0		8	/* the first vector from EL0 */
#define FRAME_SIZE	304	/* sizeof(struct arch_regs), 16-byte multiple */
#define FRAME_REC	288	/* offsetof(struct arch_regs, frame) */

	.macro	ventry, kind
	.balign	0x80
	sub	sp, sp, #FRAME_SIZE
	stp	x0, x1, [sp, #0]
	mov	x1, #\kind
	b	exception_common
	.endm

	.text
	.balign	2048
	.globl	vectors
vectors:
	ventry	0	/* current EL, SP0: sync */
	ventry	1	/* irq */
	ventry	2	/* fiq */
	ventry	3	/* serror */
	ventry	4	/* current EL, SPx: sync */
	ventry	5	/* irq */
	ventry	6	/* fiq */
	ventry	7	/* serror */
	ventry	8	/* lower EL, AArch64 */
	ventry	9
	ventry	10
	ventry	11
	ventry	12	/* lower EL, AArch32 */
	ventry	13
	ventry	14
	ventry	15

exception_common:
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x19, [sp, #144]
	stp	x20, x21, [sp, #160]
	stp	x22, x23, [sp, #176]
	stp	x24, x25, [sp, #192]
	stp	x26, x27, [sp, #208]
	stp	x28, x29, [sp, #224]
	add	x2, sp, #FRAME_SIZE
	mov	x6, x29
	cmp	x1, #VEC_EL0
	b.lo	1f
	mrs	x2, sp_el0
	mov	x6, xzr
1:	stp	x30, x2, [sp, #240]	/* x30, the interrupted sp */
	mrs	x2, elr_el1
	mrs	x3, spsr_el1
	stp	x2, x3, [sp, #256]
	mrs	x4, esr_el1
	mrs	x5, far_el1
	stp	x4, x5, [sp, #272]
	stp	x6, x2, [sp, #FRAME_REC]
	add	x29, sp, #FRAME_REC
	mov	x0, sp
	bl	arm64_exception		/* returns only for an IRQ */
	ldp	x2, x3, [sp, #256]
	msr	elr_el1, x2
	msr	spsr_el1, x3
	tst	x3, #0xf		/* SPSR.M: back to EL0t? */
	b.ne	2f
	ldr	x4, [sp, #248]
	msr	sp_el0, x4
2:	ldp	x0, x1, [sp, #0]
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	ldp	x8, x9, [sp, #64]
	ldp	x10, x11, [sp, #80]
	ldp	x12, x13, [sp, #96]
	ldp	x14, x15, [sp, #112]
	ldp	x16, x17, [sp, #128]
	ldp	x18, x19, [sp, #144]
	ldp	x20, x21, [sp, #160]
	ldp	x22, x23, [sp, #176]
	ldp	x24, x25, [sp, #192]
	ldp	x26, x27, [sp, #208]
	ldp	x28, x29, [sp, #224]
	ldr	x30, [sp, #240]
	add	sp, sp, #FRAME_SIZE
	eret
