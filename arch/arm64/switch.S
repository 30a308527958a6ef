/*
 * Task switch for arm64 (contract in include/sis/switch.h). The AAPCS64
 * callee-saved registers x19-x28, the frame pointer x29 and the link
 * register x30 go in a 96-byte frame on the outgoing stack. The kernel
 * is built with -mgeneral-regs-only, so no FP/SIMD state exists to save.
 * Interrupts are off on entry (the scheduler's rule).
 */
	.text

/* struct task *arch_context_switch(void **save_sp, void *load_sp, struct task *prev) */
	.globl	arch_context_switch
	.type	arch_context_switch, %function
arch_context_switch:
	stp	x19, x20, [sp, #-96]!
	stp	x21, x22, [sp, #16]
	stp	x23, x24, [sp, #32]
	stp	x25, x26, [sp, #48]
	stp	x27, x28, [sp, #64]
	stp	x29, x30, [sp, #80]
	mov	x9, sp
	str	x9, [x0]
	mov	sp, x1
	ldp	x21, x22, [sp, #16]
	ldp	x23, x24, [sp, #32]
	ldp	x25, x26, [sp, #48]
	ldp	x27, x28, [sp, #64]
	ldp	x29, x30, [sp, #80]
	ldp	x19, x20, [sp], #96
	mov	x0, x2
	ret
	.size	arch_context_switch, . - arch_context_switch

/*
 * void *arch_task_stack_init(void *top): a zeroed frame (x29 = 0 ends
 * backtraces) whose x30 is task_start_stub; sp == top once it is popped.
 */
	.globl	arch_task_stack_init
	.type	arch_task_stack_init, %function
arch_task_stack_init:
	sub	x0, x0, #96
	stp	xzr, xzr, [x0, #0]
	stp	xzr, xzr, [x0, #16]
	stp	xzr, xzr, [x0, #32]
	stp	xzr, xzr, [x0, #48]
	stp	xzr, xzr, [x0, #64]
	adr	x1, task_start_stub
	stp	xzr, x1, [x0, #80]
	ret
	.size	arch_task_stack_init, . - arch_task_stack_init

/* First code of a new task: x0 holds prev from arch_context_switch. */
	.type	task_start_stub, %function
task_start_stub:
	bl	task_entry
	brk	#0
	.size	task_start_stub, . - task_start_stub
