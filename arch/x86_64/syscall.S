/*
 * User mode entry and exit (docs/user.md).
 *
 * syscall: the CPU puts the user RIP in RCX and RFLAGS in R11, loads the
 * kernel CS/SS from IA32_STAR and clears the IA32_FMASK flags (IF among
 * them), but leaves RSP and GS alone. swapgs brings in the per-CPU base;
 * the user RSP is parked in the per-CPU area while RSP becomes the
 * running thread's kernel stack (percpu->kernel_sp, set at each switch),
 * and the registers are saved as the same struct trap_frame an interrupt
 * builds (asm/trap.h), vector VEC_SYSCALL. x86_syscall() returns with
 * interrupts off and the frame holding what goes back to user mode.
 *
 * Back by sysret when the return RIP is canonical (sysret with a
 * non-canonical RCX faults in ring 0 on Intel CPUs, on the user's stack
 * pointer: the reason for the check); otherwise by iretq.
 */
#include <asm/segment.h>
#include <asm/trap.h>

#define PCPU_KERNEL_SP	16	/* offsetof(struct percpu, kernel_sp): checked in user.c */
#define PCPU_USER_SP	24	/* offsetof(struct percpu, user_sp) */

	.text
	.globl	x86_syscall_entry
	.type	x86_syscall_entry, @function
x86_syscall_entry:
	swapgs
	movq	%rsp, %gs:PCPU_USER_SP
	movq	%gs:PCPU_KERNEL_SP, %rsp
	pushq	$USER_DS		/* ss */
	pushq	%gs:PCPU_USER_SP	/* rsp */
	pushq	%r11			/* rflags */
	pushq	$USER_CS		/* cs */
	pushq	%rcx			/* rip */
	pushq	$0			/* error */
	pushq	$VEC_SYSCALL		/* vector */
	TF_SAVE_REGS
	cld
	movq	%rsp, %rdi
	pushq	TF_RIP(%rdi)		/* a frame record, as trap_common makes */
	pushq	$0
	movq	%rsp, %rbp
	call	x86_syscall
	leaq	16(%rbp), %rsp
	/* Canonical and user? (USER_END is below the canonical hole.) */
	movq	TF_RIP(%rsp), %rax
	shrq	$47, %rax
	jnz	x86_trap_return
	TF_RESTORE_REGS
	addq	$16, %rsp		/* vector and error code */
	movq	0(%rsp), %rcx		/* rip */
	movq	16(%rsp), %r11		/* rflags */
	movq	24(%rsp), %rsp		/* the user stack: from here no kernel stack */
	swapgs
	sysretq
	.size	x86_syscall_entry, . - x86_syscall_entry

/*
 * __noreturn void arch_enter_user(uintptr_t pc, uintptr_t sp, uintptr_t a0, uintptr_t a1):
 * an iretq frame to user mode, interrupts on there, every other register zero.
 */
	.globl	arch_enter_user
	.type	arch_enter_user, @function
arch_enter_user:
	cli
	pushq	$USER_DS
	pushq	%rsi
	pushq	$0x202			/* IF, and the reserved bit 1 */
	pushq	$USER_CS
	pushq	%rdi
	movq	%rdx, %rdi
	movq	%rcx, %rsi
	xorl	%eax, %eax
	xorl	%ebx, %ebx
	xorl	%ecx, %ecx
	xorl	%edx, %edx
	xorl	%ebp, %ebp
	xorl	%r8d, %r8d
	xorl	%r9d, %r9d
	xorl	%r10d, %r10d
	xorl	%r11d, %r11d
	xorl	%r12d, %r12d
	xorl	%r13d, %r13d
	xorl	%r14d, %r14d
	xorl	%r15d, %r15d
	swapgs
	iretq
	.size	arch_enter_user, . - arch_enter_user

/*
 * size_t arch_copy_from_user(void *dst, const void *src, size_t n), and
 * arch_copy_to_user, the same code: rep movsb, whose registers say how
 * far it got when a page fault stops it. The exception table sends such
 * a fault to 2:, which returns the bytes left. With SMAP, stac/clac open
 * user pages to the kernel for the copy alone.
 */
	.globl	arch_copy_from_user
	.type	arch_copy_from_user, @function
	.globl	arch_copy_to_user
	.type	arch_copy_to_user, @function
arch_copy_from_user:
arch_copy_to_user:
	movq	%rdx, %rcx
	cmpb	$0, x86_has_smap(%rip)
	je	1f
	stac
1:	rep movsb
2:	cmpb	$0, x86_has_smap(%rip)
	je	3f
	clac
3:	movq	%rcx, %rax
	ret
	.size	arch_copy_from_user, . - arch_copy_from_user

	.section __ex_table, "a"
	.balign 8
	.quad	1b, 2b
