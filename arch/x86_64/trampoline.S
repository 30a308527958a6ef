/*
 * The AP trampoline. x86_trampoline_install() copies the bytes between
 * x86_tramp_start and x86_tramp_end to a free page below 1 MiB; a SIPI
 * with that page's number starts an AP here in real mode with CS = page
 * >> 4, IP = 0. The code is position independent (DS = CS, offsets from
 * the page start); the addresses that depend on where the page is are in
 * the data block at TR_DATA, filled in by the boot CPU (smpboot.c).
 *
 * 16-bit: mark "started", load the temporary GDT, enable protection
 * with a complete CR0 (INIT leaves the caches disabled: CD = NW = 1).
 * 32-bit: CR4, the boot CPU's CR3, EFER and CR0, each loaded whole
 * (longmode.h); far jump to 64-bit code in the page (identity mapped),
 * which jumps on to ap_long_entry (head.S) in the upper half, with ESI =
 * the page address.
 */
#include <asm/longmode.h>
#include <asm/trampoline.h>


	.section .rodata.trampoline, "a"
	.balign 16
	.globl	x86_tramp_start
x86_tramp_start:
	.code16
	cli
	cld
	movw	%cs, %ax
	movw	%ax, %ds
	movl	$1, TR_STARTED
	xorl	%esi, %esi
	movw	%ax, %si
	shll	$4, %esi
	lgdtl	TR_GDTR
	/* A whole CR0: INIT left CD and NW set (caches off); clear them here. */
	movl	$CR0_PE + CR0_ET, %eax
	movl	%eax, %cr0
	ljmpl	*TR_FAR32

	.code32
	.globl	x86_tramp_pm32
x86_tramp_pm32:
	movw	$TR_DS32, %ax
	movw	%ax, %ds
	movw	%ax, %es
	movw	%ax, %ss
	ENTER_LONG_MODE TR_CR3(%esi)
	ljmpl	*TR_FAR64(%esi)

	.code64
	.globl	x86_tramp_lm64
x86_tramp_lm64:
	movl	%esi, %esi		/* upper halves are undefined after the switch */
	jmpq	*TR_ENTRY64(%rsi)

	.org	TR_FAR32
	.long	0			/* page + (x86_tramp_pm32 - start), set by C */
	.word	TR_CS32, 0
	.org	TR_GDTR
	.word	TR_END - TR_GDT - 1
	.long	0			/* page + TR_GDT, set by C */
	.org	TR_CR3
	.long	0
	.org	TR_STARTED
	.long	0
	.org	TR_FAR64
	.long	0			/* page + (x86_tramp_lm64 - start), set by C */
	.word	TR_CS64, 0
	.org	TR_ARG
	.quad	0
	.org	TR_ENTRY64
	.quad	0			/* ap_long_entry, set by C */
	.org	TR_GDT
	.quad	0
	.quad	0x00cf9a000000ffff	/* TR_CS32: flat 32-bit code */
	.quad	0x00cf92000000ffff	/* TR_DS32: flat data */
	.quad	0x00af9a000000ffff	/* TR_CS64: 64-bit code */
	.org	TR_END
	.globl	x86_tramp_end
x86_tramp_end:
