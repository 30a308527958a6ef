/*
 * The floor for rpi5 bring-up figures: an arm64 Image that prints one
 * line at once and powers off through PSCI. QEMU loads it with -kernel
 * exactly as it loads sis's kernel8.img, so its time to that line is
 * the cost of QEMU's start-up alone. The UART address is QEMU virt's
 * PL011: the floor reads no device tree on purpose, to stay a floor.
 * Built by scripts/bench.py.
 */
#define UART		0x09000000
#define UART_FR		0x18
#define FR_TXFF		5		/* transmit FIFO full */
#define PSCI_SYSTEM_OFF	0x84000008

	.text
	.globl	_start
_start:					/* the Image header (Linux booting.rst) */
	b	entry			/* code0 */
	.long	0			/* code1 */
	.quad	0			/* text_offset */
	.quad	image_end - _start	/* image_size */
	.quad	0xa			/* little-endian, 4K pages, anywhere */
	.quad	0, 0, 0
	.ascii	"ARM\x64"
	.long	0

entry:					/* MMU off: device memory everywhere */
	ldr	x1, =UART
	adr	x2, msg
1:	ldrb	w3, [x2], #1
	cbz	w3, 3f
2:	ldr	w4, [x1, #UART_FR]
	tbnz	w4, #FR_TXFF, 2b
	str	w3, [x1]
	b	1b
3:	ldr	x0, =PSCI_SYSTEM_OFF
	mrs	x5, CurrentEL		/* from EL2 PSCI is an SMC, from EL1 an HVC */
	cmp	x5, #(2 << 2)
	b.ne	4f
	smc	#0
4:	hvc	#0
5:	wfi
	b	5b

	.ltorg
msg:	.asciz	"floor: arm64 Image up\r\n"
	.align	3
image_end:
