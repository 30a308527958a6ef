/*
 * Task switch for x86_64 (contract in include/sis/switch.h). The SysV
 * callee-saved registers rbx, rbp, r12-r15 are pushed on the outgoing
 * stack; with the return address below them that is the whole saved
 * context. Interrupts are off on entry (the scheduler's rule), so no
 * interrupt frame lands between the save and the stack swap.
 */
	.text

/* struct task *arch_context_switch(void **save_sp, void *load_sp, struct task *prev) */
	.globl	arch_context_switch
	.type	arch_context_switch, @function
arch_context_switch:
	pushq	%rbp
	pushq	%rbx
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	movq	%rsp, (%rdi)
	movq	%rsi, %rsp
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbx
	popq	%rbp
	movq	%rdx, %rax
	ret
	.size	arch_context_switch, . - arch_context_switch

/*
 * void *arch_task_stack_init(void *top): six zeroed registers (rbp = 0
 * ends backtraces) and a return address into task_start_stub, which
 * runs with rsp == top, 16-byte aligned as a call site needs.
 */
	.globl	arch_task_stack_init
	.type	arch_task_stack_init, @function
arch_task_stack_init:
	leaq	-56(%rdi), %rax
	movq	$0, 0(%rax)
	movq	$0, 8(%rax)
	movq	$0, 16(%rax)
	movq	$0, 24(%rax)
	movq	$0, 32(%rax)
	movq	$0, 40(%rax)
	leaq	task_start_stub(%rip), %rdx
	movq	%rdx, 48(%rax)
	ret
	.size	arch_task_stack_init, . - arch_task_stack_init

/* First code of a new task: rax holds prev from arch_context_switch. */
	.type	task_start_stub, @function
task_start_stub:
	movq	%rax, %rdi
	call	task_entry
	ud2
	.size	task_start_stub, . - task_start_stub
