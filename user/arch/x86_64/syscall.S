/*
 * long __syscall(long nr, long a0, long a1, long a2, long a3): the x86_64
 * system-call convention (docs/user.md): number in RAX, arguments in RDI,
 * RSI, RDX, R10, result in RAX; the syscall instruction clobbers RCX and
 * R11.
 */
	.text
	.globl	__syscall
__syscall:
	movq	%rdi, %rax
	movq	%rsi, %rdi
	movq	%rdx, %rsi
	movq	%rcx, %rdx
	movq	%r8, %r10
	syscall
	ret
