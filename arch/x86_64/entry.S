/*
 * Interrupt and exception entry. One 16-byte stub per vector pushes a
 * zero error code when the CPU pushes none, then the vector, and joins
 * trap_common, which saves the general registers as a struct trap_frame
 * (asm/trap.h) and calls x86_trap(frame).
 *
 * From user mode (the saved CS has RPL 3) swapgs brings the per-CPU GS
 * base in on entry and the user's back on the way out; from the kernel
 * GS already holds it. x86_trap_return is also the system call's way
 * back when sysret cannot be used (syscall.S).
 */
#include <asm/trap.h>

/* Vectors for which the CPU pushes an error code. */
#define HAS_ERROR(v) ((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17 || \
		      (v) == 21 || (v) == 29 || (v) == 30)

	.text
	.balign 16
	.globl	x86_trap_stubs
x86_trap_stubs:
	vec = 0
	.rept	256
	.balign 16		/* each stub is at most 12 bytes */
	.if	!HAS_ERROR(vec)
	pushq	$0
	.endif
	pushq	$vec
	jmp	trap_common
	vec = vec + 1
	.endr

trap_common:
	testb	$3, 24(%rsp)		/* CS, above the vector, error code and RIP */
	jz	1f
	swapgs
1:	TF_SAVE_REGS
	cld
	movq	%rsp, %rdi
	/*
	 * A frame record {interrupted rbp, interrupted rip} so that
	 * backtraces go on into the interrupted code. The CPU aligned the
	 * stack to 16 before its pushes; 22 words of frame plus these 2
	 * keep it aligned for the call.
	 */
	pushq	TF_RIP(%rdi)
	pushq	%rbp
	movq	%rsp, %rbp
	call	x86_trap
	leaq	16(%rbp), %rsp
	.globl	x86_trap_return
x86_trap_return:
	TF_RESTORE_REGS
	addq	$16, %rsp		/* vector and error code */
	testb	$3, 8(%rsp)		/* CS */
	jz	2f
	swapgs
2:	iretq
