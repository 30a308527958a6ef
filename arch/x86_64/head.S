/*
 * Boot entry. GRUB loads sis.elf through multiboot2 and jumps to _start
 * in 32-bit protected mode, paging off, with EAX = the multiboot2 magic
 * and EBX = the boot information. We clear BSS, identity-map the first
 * 4 GiB with 2 MiB pages, enter long mode and call x86_boot(magic, mbi).
 *
 * ap_long_entry is where the AP trampoline (trampoline.S) lands in 64-bit
 * mode, with ESI = the trampoline's physical address.
 */
#include <asm/segment.h>
#include <asm/longmode.h>
#include <asm/trampoline.h>


#define MB2_MAGIC	0xe85250d6
#define MB2_ARCH_I386	0
#define MB2_HDR_CONSOLE	4
#define MB2_HDR_FRAMEBUFFER 5
#define MB2_HDR_OPTIONAL 1
#define MB2_CONSOLE_EGA_TEXT 2
#define PTE_PRESENT	0x1
#define PTE_WRITE	0x2
#define PTE_LARGE	0x80
#define BOOT_STACK_SIZE	16384
#define COM1		0x3f8

	.section .multiboot, "a"
	.balign 8
mb2_header:
	.long	MB2_MAGIC
	.long	MB2_ARCH_I386
	.long	mb2_header_end - mb2_header
	.long	0x100000000 - (MB2_MAGIC + MB2_ARCH_I386 + (mb2_header_end - mb2_header))
	/*
	 * Console flags: EGA text is fine (a BIOS boot without a linear
	 * framebuffer), no console is required. Then a framebuffer, any
	 * size; optional, so GRUB boots us
	 * without one rather than refusing.
	 */
	.balign 8
	.word	MB2_HDR_CONSOLE, 0
	.long	12
	.long	MB2_CONSOLE_EGA_TEXT
	.balign 8
	.word	MB2_HDR_FRAMEBUFFER, MB2_HDR_OPTIONAL
	.long	20
	.long	0, 0, 0		/* width, height, depth: GRUB's "auto" */
	/* end tag */
	.balign 8
	.word	0, 0
	.long	8
mb2_header_end:

	.section .text.head, "ax"
	.code32
	.globl	_start
_start:
	cli
	cld
	movl	%eax, %ebp		/* keep the magic and the info pointer */
	movl	%ebx, %esi
	/* BSS holds the page tables and the stack: clear it first. */
	movl	$__bss_start, %edi
	movl	$__bss_end, %ecx
	subl	%edi, %ecx
	shrl	$2, %ecx
	xorl	%eax, %eax
	rep stosl
	movl	$boot_stack_top, %esp

	/* Long mode present? CPUID 0x80000001 EDX bit 29. */
	movl	$0x80000000, %eax
	cpuid
	cmpl	$0x80000001, %eax
	jb	no_long_mode
	movl	$0x80000001, %eax
	cpuid
	btl	$29, %edx
	jnc	no_long_mode

	/* PML4[0] -> PDPT; PDPT[0..3] -> four page directories of 2 MiB pages. */
	movl	$boot_pdpt + PTE_PRESENT + PTE_WRITE, boot_pml4
	movl	$boot_pd + PTE_PRESENT + PTE_WRITE, %eax
	xorl	%ecx, %ecx
1:	movl	%eax, boot_pdpt(, %ecx, 8)
	addl	$4096, %eax
	incl	%ecx
	cmpl	$4, %ecx
	jb	1b
	movl	$PTE_PRESENT + PTE_WRITE + PTE_LARGE, %eax
	xorl	%ecx, %ecx
2:	movl	%eax, boot_pd(, %ecx, 8)
	addl	$0x200000, %eax
	incl	%ecx
	cmpl	$2048, %ecx
	jb	2b

	ENTER_LONG_MODE $boot_pml4
	lgdt	boot_gdt_ptr
	ljmp	$KERNEL_CS, $long_entry

/* Say why on COM1 (no console driver yet) and stop. */
no_long_mode:
	movl	$no_lm_msg, %esi
1:	lodsb
	testb	%al, %al
	jz	2f
	movw	$COM1, %dx
	outb	%al, %dx
	jmp	1b
2:	hlt
	jmp	2b

	.code64
long_entry:
	movw	$KERNEL_DS, %ax
	movw	%ax, %ds
	movw	%ax, %es
	movw	%ax, %ss
	xorl	%eax, %eax
	movw	%ax, %fs
	movw	%ax, %gs
	movq	$boot_stack_top, %rsp
	movl	%ebp, %edi		/* magic */
	movl	%esi, %esi		/* boot information (zero-extended) */
	xorl	%ebp, %ebp		/* the end of the frame-pointer chain */
	call	x86_boot
3:	cli
	hlt
	jmp	3b

/*
 * An AP, fresh from the trampoline: ESI = trampoline address. Load the
 * stack smp_init() allocated for it (percpu->stack_top) and go to C.
 */
	.globl	ap_long_entry
ap_long_entry:
	movw	$TR_DS32, %ax
	movw	%ax, %ds
	movw	%ax, %es
	movw	%ax, %ss
	movl	%esi, %esi		/* upper halves are undefined after the switch */
	movq	TR_ARG(%rsi), %rdi
	movq	TR_PERCPU_STACK_TOP(%rdi), %rsp
	xorl	%ebp, %ebp
	call	x86_ap_main
4:	cli
	hlt
	jmp	4b

	.section .rodata
	.balign 16
boot_gdt:
	.quad	0
	.quad	0x00af9a000000ffff	/* KERNEL_CS: 64-bit code */
	.quad	0x00cf92000000ffff	/* KERNEL_DS */
boot_gdt_end:
boot_gdt_ptr:
	.word	boot_gdt_end - boot_gdt - 1
	.quad	boot_gdt
no_lm_msg:
	.asciz	"sis: this CPU has no 64-bit long mode; stopping\r\n"

	.section .bss
	.balign 4096
	.globl	boot_pml4
boot_pml4:
	.skip	4096
boot_pdpt:
	.skip	4096
	.globl	boot_pd
boot_pd:
	.skip	4 * 4096
	.balign 16
boot_stack:
	.skip	BOOT_STACK_SIZE
boot_stack_top:
