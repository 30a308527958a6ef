/*
 * The floor for pc-q35 bring-up figures: a multiboot2 kernel that prints
 * one line on COM1 at once and exits QEMU through isa-debug-exit. GRUB
 * loads it exactly as it loads sis, so its time to that line is the cost
 * of QEMU, SeaBIOS and GRUB alone. Built by scripts/bench.py.
 */
#define MB2_MAGIC	0xe85250d6
#define COM1		0x3f8
#define LSR_THRE	0x20		/* transmit holding register empty */
#define DEBUG_EXIT	0xf4

	.text
	.code32
	.align 8
mb2_header:				/* GRUB looks in the first 32 KiB */
	.long	MB2_MAGIC
	.long	0			/* i386 protected mode */
	.long	mb2_end - mb2_header
	.long	-(MB2_MAGIC + (mb2_end - mb2_header))
	.short	0, 0			/* end tag */
	.long	8
mb2_end:

	.globl	_start
_start:					/* 32-bit protected mode, no stack needed */
	mov	$msg, %esi
1:	lodsb
	test	%al, %al
	jz	3f
	mov	%al, %bl
	mov	$COM1 + 5, %dx
2:	in	%dx, %al
	test	$LSR_THRE, %al
	jz	2b
	mov	$COM1, %dx
	mov	%bl, %al
	out	%al, %dx
	jmp	1b
3:	mov	$DEBUG_EXIT, %dx	/* QEMU exits with (0x10 << 1) | 1 */
	mov	$0x10, %al
	out	%al, %dx
4:	cli
	hlt
	jmp	4b

msg:	.asciz	"floor: multiboot2 kernel up\r\n"
