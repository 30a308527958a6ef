/*
 * Boot entry. GRUB loads sis.elf through multiboot2 at a 2 MiB aligned
 * physical address of its choosing (the relocatable tag asks for the
 * lowest it can give from 2 MiB up) and jumps to _start in 32-bit
 * protected mode, paging off, with EAX = the multiboot2 magic and EBX =
 * the boot information.
 *
 * The 32-bit code runs at its physical address, wherever that is: every
 * address it uses is a link-time load address (LA(sym), asm/layout.h)
 * plus the load delta it keeps in EBP. It clears BSS, builds the page
 * tables (the first 4 GiB identity mapped with 2 MiB pages; the top
 * 2 GiB, where the kernel is linked, onto the loaded image), enters long
 * mode, jumps to the linked address and calls x86_boot(magic, mbi).
 *
 * ap_long_entry is where the AP trampoline (trampoline.S) lands in 64-bit
 * mode, with ESI = the trampoline's physical address.
 */
#include <asm/layout.h>
#include <asm/segment.h>
#include <asm/longmode.h>
#include <asm/trampoline.h>


#define MB2_MAGIC	0xe85250d6
#define MB2_ARCH_I386	0
#define MB2_HDR_CONSOLE	4
#define MB2_HDR_FRAMEBUFFER 5
#define MB2_HDR_OPTIONAL 1
#define MB2_CONSOLE_EGA_TEXT 2
#define MB2_TAG_RELOCATABLE	10
#define MB2_LOAD_PREFER_LOW	1
#define PTE_PRESENT	0x1
#define PTE_WRITE	0x2
#define PTE_LARGE	0x80
#define LARGE_SHIFT	21
#define BOOT_STACK_SIZE	16384
#define COM1		0x3f8

/* The link-time load address of sym; add the delta in EBP for where it is now. */
#define LA(sym)		((sym) - KERNEL_VMA)

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

	/* Relocatable: any 2 MiB aligned place in [2 MiB, 4 GiB), the lowest preferred. */
	.balign 8
	.word	MB2_TAG_RELOCATABLE, 0
	.long	24
	.long	KERNEL_LINK_PHYS	/* min_addr */
	.long	0xffffffff		/* max_addr: the image ends below 4 GiB */
	.long	KERNEL_ALIGN		/* align: head.S maps it with 2 MiB pages */
	.long	MB2_LOAD_PREFER_LOW	/* preference */

	/* end tag */
	.balign 8
	.word	0, 0
	.long	8
mb2_header_end:

	/* For linker.ld's check that it agrees with asm/layout.h. */
	.globl	x86_kernel_vma, x86_kernel_link_phys
	.set	x86_kernel_vma, KERNEL_VMA
	.set	x86_kernel_link_phys, KERNEL_LINK_PHYS

	.section .text.head, "ax"
	.code32
	.globl	_start
_start:
	cli
	cld
	/*
	 * Where are we? A call pushes its own return address, and GRUB
	 * gives no stack: borrow the boot information's reserved word
	 * (offset 4) as a one-word stack, then put its zero back.
	 */
	leal	8(%ebx), %esp
	call	1f
1:	popl	%ebp
	movl	$0, 4(%ebx)
	subl	$LA(1b), %ebp		/* ebp = load delta, for good */
	movl	%eax, %edx		/* the magic */

	/* BSS holds the page tables and the stack: clear it first. */
	leal	LA(__bss_start)(%ebp), %edi
	leal	LA(__bss_end)(%ebp), %ecx
	subl	%edi, %ecx
	shrl	$2, %ecx
	xorl	%eax, %eax
	rep stosl
	leal	LA(boot_stack_top)(%ebp), %esp
	movl	%edx, %edi		/* keep the magic and the info pointer */
	movl	%ebx, %esi

	/* Long mode present? CPUID 0x80000001 EDX bit 29. */
	movl	$0x80000000, %eax
	cpuid
	cmpl	$0x80000001, %eax
	jb	no_long_mode
	movl	$0x80000001, %eax
	cpuid
	btl	$29, %edx
	jnc	no_long_mode

	call	build_page_tables
	leal	LA(boot_pml4)(%ebp), %ebx
	ENTER_LONG_MODE %ebx
	/* lgdt in 32-bit mode reads a 32-bit base: the GDT's physical address. */
	leal	LA(boot_gdt)(%ebp), %eax
	movl	%eax, LA(boot_gdt_ptr + 2)(%ebp)
	lgdt	LA(boot_gdt_ptr)(%ebp)
	leal	LA(long_entry)(%ebp), %eax
	pushl	$KERNEL_CS
	pushl	%eax
	lret

/*
 * PML4[0] -> boot_pdpt, whose entries 0-3 -> boot_pd: the first 4 GiB
 * in 2 MiB pages, identity mapped. PML4[511] -> boot_pdpt_hi, whose
 * entry 510 -> boot_pd_image: the 2 MiB pages of KERNEL_VMA + LA(_text)
 * up to _end, onto the image where it was loaded. Clobbers eax, ecx, edx.
 */
build_page_tables:
	leal	LA(boot_pdpt)(%ebp), %eax
	orl	$PTE_PRESENT + PTE_WRITE, %eax
	movl	%eax, LA(boot_pml4)(%ebp)
	leal	LA(boot_pd)(%ebp), %eax
	orl	$PTE_PRESENT + PTE_WRITE, %eax
	xorl	%ecx, %ecx
1:	movl	%eax, LA(boot_pdpt)(%ebp, %ecx, 8)
	addl	$4096, %eax
	incl	%ecx
	cmpl	$4, %ecx
	jb	1b
	movl	$PTE_PRESENT + PTE_WRITE + PTE_LARGE, %eax
	xorl	%ecx, %ecx
2:	movl	%eax, LA(boot_pd)(%ebp, %ecx, 8)
	addl	$0x200000, %eax
	incl	%ecx
	cmpl	$2048, %ecx
	jb	2b

	leal	LA(boot_pdpt_hi)(%ebp), %eax
	orl	$PTE_PRESENT + PTE_WRITE, %eax
	movl	%eax, LA(boot_pml4 + 511 * 8)(%ebp)
	leal	LA(boot_pd_image)(%ebp), %eax
	orl	$PTE_PRESENT + PTE_WRITE, %eax
	movl	%eax, LA(boot_pdpt_hi + 510 * 8)(%ebp)
	movl	$LA(_text), %ecx
	shrl	$LARGE_SHIFT, %ecx		/* first 2 MiB page of the image */
	movl	$LA(_end - 1), %edx
	shrl	$LARGE_SHIFT, %edx		/* last */
3:	movl	%ecx, %eax
	shll	$LARGE_SHIFT, %eax
	addl	%ebp, %eax			/* where that page was loaded */
	orl	$PTE_PRESENT + PTE_WRITE + PTE_LARGE, %eax
	movl	%eax, LA(boot_pd_image)(%ebp, %ecx, 8)
	incl	%ecx
	cmpl	%edx, %ecx
	jbe	3b
	ret

/* Say why on COM1 (no console driver yet) and stop. */
no_long_mode:
	leal	LA(no_lm_msg)(%ebp), %esi
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
	/* Long mode, still at the physical address: on to the linked one. */
	movabsq	$long_entry_linked, %rax
	jmp	*%rax
long_entry_linked:
	movw	$KERNEL_DS, %ax
	movw	%ax, %ds
	movw	%ax, %es
	movw	%ax, %ss
	xorl	%eax, %eax
	movw	%ax, %fs
	movw	%ax, %gs
	movq	$boot_stack_top, %rsp
	movl	%ebp, %ebp		/* upper halves are undefined after the switch */
	movq	%rbp, x86_load_delta(%rip)
	movl	%edi, %edi		/* magic */
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
no_lm_msg:
	.asciz	"sis: this CPU has no 64-bit long mode; stopping\r\n"

	.section .data
	.balign 8
boot_gdt_ptr:
	.word	boot_gdt_end - boot_gdt - 1
	.quad	0			/* boot_gdt's physical address, set above */
	.balign 8
	.globl	x86_load_delta
x86_load_delta:
	.quad	0

	.section .bss
	.balign 4096
	.globl	boot_pml4
boot_pml4:
	.skip	4096
boot_pdpt:
	.skip	4096
boot_pdpt_hi:
	.skip	4096
boot_pd_image:
	.skip	4096
	.globl	boot_pd
boot_pd:
	.skip	4 * 4096
	.balign 16
boot_stack:
	.skip	BOOT_STACK_SIZE
boot_stack_top:
