/*
 * Where a program starts (the ELF entry) and where its threads start.
 * The kernel enters _start with argc in RDI, argv in RSI and the stack
 * pointer at the argument vector; a thread at __thread_start with its
 * start block in RDI and the top of its stack in RSP. Both clear the
 * frame pointer (the end of backtraces) and call C with the stack
 * aligned as a call leaves it.
 */
	.section .text.start, "ax"
	.globl	_start
_start:
	xorl	%ebp, %ebp
	andq	$-16, %rsp
	call	__user_start
	ud2

	.text
	.globl	__thread_start
__thread_start:
	xorl	%ebp, %ebp
	andq	$-16, %rsp
	call	__thread_main
	ud2
