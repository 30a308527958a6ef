/*
 * User memory from the kernel and the way into user mode (docs/user.md).
 *
 * size_t arch_copy_from_user(void *dst, const void *usrc, size_t n) and
 * arch_copy_to_user(void *udst, const void *src, size_t n) copy a byte at
 * a time with the unprivileged LDTRB/STTRB on the user side: they check
 * EL0's permissions (a kernel address faults) and are not stopped by
 * PAN. A fault at one of them goes, through the exception table, to 9:,
 * which returns the bytes left.
 */
	.text
	.globl	arch_copy_from_user
	.type	arch_copy_from_user, @function
arch_copy_from_user:
	cbz	x2, 9f
1:	ldtrb	w3, [x1]
	strb	w3, [x0], #1
	add	x1, x1, #1
	subs	x2, x2, #1
	b.ne	1b
9:	mov	x0, x2
	ret
	.size	arch_copy_from_user, . - arch_copy_from_user

	.section __ex_table, "a"
	.balign	4
	.long	1b - ., 9b - .
	.text

	.globl	arch_copy_to_user
	.type	arch_copy_to_user, @function
arch_copy_to_user:
	cbz	x2, 9f
	ldrb	w3, [x1], #1
2:	sttrb	w3, [x0]
	add	x0, x0, #1
	subs	x2, x2, #1
	b.eq	9f
	ldrb	w3, [x1], #1
	b	2b
9:	mov	x0, x2
	ret
	.size	arch_copy_to_user, . - arch_copy_to_user

	.section __ex_table, "a"
	.balign	4
	.long	2b - ., 9b - .
	.text

/*
 * __noreturn void arch_enter_user(uintptr_t pc, uintptr_t sp, uintptr_t a0, uintptr_t a1):
 * EL0t with interrupts unmasked, every other register zero. SP_EL1 stays
 * where it is: exceptions from EL0 land below it, on this thread's stack.
 */
	.globl	arch_enter_user
	.type	arch_enter_user, @function
arch_enter_user:
	msr	daifset, #0xf
	msr	sp_el0, x1
	msr	elr_el1, x0
	msr	spsr_el1, xzr
	mov	x0, x2
	mov	x1, x3
	mov	x2, xzr
	mov	x3, xzr
	mov	x4, xzr
	mov	x5, xzr
	mov	x6, xzr
	mov	x7, xzr
	mov	x8, xzr
	mov	x9, xzr
	mov	x10, xzr
	mov	x11, xzr
	mov	x12, xzr
	mov	x13, xzr
	mov	x14, xzr
	mov	x15, xzr
	mov	x16, xzr
	mov	x17, xzr
	mov	x18, xzr
	mov	x19, xzr
	mov	x20, xzr
	mov	x21, xzr
	mov	x22, xzr
	mov	x23, xzr
	mov	x24, xzr
	mov	x25, xzr
	mov	x26, xzr
	mov	x27, xzr
	mov	x28, xzr
	mov	x29, xzr
	mov	x30, xzr
	eret
	.size	arch_enter_user, . - arch_enter_user
