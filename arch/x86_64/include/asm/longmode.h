/*
 * Turning on long mode, shared by the boot CPU (head.S) and the APs
 * (trampoline.S): both arrive in 32-bit protected mode with paging off.
 *
 * CR0, CR4 and EFER are loaded whole, never ORed into what was there:
 * INIT leaves an AP with CR0 = 0x60000010 (CD and NW set, caches off,
 * SDM Vol. 3A 9.1.1), and a firmware or boot loader may leave any other
 * bits. Every CPU then runs with the same, known control state (the
 * x86_cpu_state ktest checks it on each one).
 */
#ifndef ASM_LONGMODE_H
#define ASM_LONGMODE_H

#define CR0_PE		(1 << 0)	/* protected mode */
#define CR0_MP		(1 << 1)	/* WAIT honours TS */
#define CR0_ET		(1 << 4)	/* reserved as 1 */
#define CR0_NE		(1 << 5)	/* x87 errors as #MF, not the PIC line */
#define CR0_WP		(1 << 16)	/* read-only pages bind the kernel too */
#define CR0_NW		(1 << 29)	/* not write-through */
#define CR0_CD		(1 << 30)	/* cache disable */
#define CR0_PG		0x80000000	/* paging (1 << 31, unsigned in C) */
#define CR4_PAE		(1 << 5)
#define EFER_LME	(1 << 8)
#define EFER_LMA	(1 << 10)	/* set by the CPU: long mode active */
#define MSR_EFER	0xc0000080

/* The complete control state the kernel runs with: caches on (CD = NW = 0). */
#define CR0_STATE	(CR0_PE | CR0_MP | CR0_ET | CR0_NE | CR0_WP | CR0_PG)
#define CR4_STATE	CR4_PAE
#define EFER_STATE	EFER_LME

#ifdef __ASSEMBLY__
/*
 * CR4 (PAE), the 4-level tables from pml4 (an operand for movl) into
 * CR3, EFER (LME), then CR0 with paging: the CPU is in long mode's
 * 32-bit compatibility submode until a far jump loads a 64-bit code
 * segment. Clobbers eax, ecx, edx.
 */
.macro ENTER_LONG_MODE pml4
	movl	$CR4_STATE, %eax
	movl	%eax, %cr4
	movl	\pml4, %eax
	movl	%eax, %cr3
	movl	$MSR_EFER, %ecx
	movl	$EFER_STATE, %eax
	xorl	%edx, %edx
	wrmsr
	movl	$CR0_STATE, %eax
	movl	%eax, %cr0
.endm
#endif /* __ASSEMBLY__ */

#endif /* ASM_LONGMODE_H */
