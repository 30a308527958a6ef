/*
 * Turning on long mode, shared by the boot CPU (head.S) and the APs
 * (trampoline.S): both arrive in 32-bit protected mode with paging off.
 */
#ifndef ASM_LONGMODE_H
#define ASM_LONGMODE_H

#define CR0_PE		(1 << 0)
#define CR0_WP		(1 << 16)
#define CR0_PG		(1 << 31)
#define CR4_PAE		(1 << 5)
#define EFER_LME	(1 << 8)
#define MSR_EFER	0xc0000080

#ifdef __ASSEMBLY__
/*
 * PAE on, the 4-level tables from pml4 (an operand for movl) into CR3,
 * EFER.LME, then paging: the CPU is in long mode's 32-bit compatibility
 * submode until a far jump loads a 64-bit code segment. Clobbers eax,
 * ecx, edx.
 */
.macro ENTER_LONG_MODE pml4
	movl	%cr4, %eax
	orl	$CR4_PAE, %eax
	movl	%eax, %cr4
	movl	\pml4, %eax
	movl	%eax, %cr3
	movl	$MSR_EFER, %ecx
	rdmsr
	orl	$EFER_LME, %eax
	wrmsr
	movl	%cr0, %eax
	orl	$CR0_PG + CR0_WP + CR0_PE, %eax
	movl	%eax, %cr0
.endm
#endif /* __ASSEMBLY__ */

#endif /* ASM_LONGMODE_H */
