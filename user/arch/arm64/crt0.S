/*
 * Where a program starts (the ELF entry) and where its threads start.
 * The kernel enters _start with argc in x0, argv in x1 and sp at the
 * argument vector (16-byte aligned); a thread at __thread_start with its
 * start block in x0 and sp at the top of its stack. Both clear the frame
 * pointer and the link register (the end of backtraces) and call C.
 */
	.section .text.start, "ax"
	.globl	_start
_start:
	mov	x29, #0
	mov	x30, #0
	bl	__user_start
	udf	#0

	.text
	.globl	__thread_start
__thread_start:
	mov	x29, #0
	mov	x30, #0
	bl	__thread_main
	udf	#0
