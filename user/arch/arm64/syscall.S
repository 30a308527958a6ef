/*
 * long __syscall(long nr, long a0, long a1, long a2, long a3): the arm64
 * system-call convention (docs/user.md): svc #0 with the number in x8,
 * arguments in x0-x3, result in x0; no other register changes.
 */
	.text
	.globl	__syscall
__syscall:
	mov	x8, x0
	mov	x0, x1
	mov	x1, x2
	mov	x2, x3
	mov	x3, x4
	svc	#0
	ret
