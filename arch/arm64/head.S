/*
 * arm64 entry: the Image header, the boot CPU's path to C, the secondary
 * entry for PSCI CPU_ON and the MMU switch both share.
 *
 * The image is linked at 0 as a PIE and runs wherever it was loaded
 * (QEMU: RAM base + text_offset, the Pi: kernel_address), so before any C
 * it applies its own R_AARCH64_RELATIVE relocations. Until the MMU is on,
 * memory accesses are Device-typed: no unaligned access, no exclusives.
 * Boot protocol (Linux's Documentation/arch/arm64/booting.rst): x0 = DTB,
 * MMU off, entered at EL2 (the Pi, QEMU with virtualization=on) or EL1.
 */
#include <asm/boot.h>
#include <asm/sysreg.h>

#define TEXT_OFFSET	0x80000
/* flags: little endian, 4 KiB pages, may be placed anywhere in RAM */
#define IMAGE_FLAGS	((1 << 1) | (1 << 3))
#define R_AARCH64_RELATIVE 1027
#define PERCPU_STACK_TOP 8	/* offsetof(struct percpu, stack_top), checked in setup.c */
#define BOOT_STACK_SIZE	16384

	.macro	adr_l, reg, sym
	adrp	\reg, \sym
	add	\reg, \reg, :lo12:\sym
	.endm

	.section .head.text, "ax"
	.globl	_head
_head:
	b	primary_entry		/* code0 */
	.long	0			/* code1 */
	.quad	TEXT_OFFSET		/* text_offset */
	.quad	__image_size		/* image_size: up to _end, BSS included */
	.quad	IMAGE_FLAGS		/* flags */
	.quad	0			/* res2 */
	.quad	0			/* res3 */
	.quad	0			/* res4 */
	.ascii	"ARM\x64"		/* magic */
	.long	0			/* res5 */

	.text
primary_entry:
	mov	x19, x0			/* the DTB, as the loader gave it */
	mrs	x20, CurrentEL
	ubfx	x20, x20, #2, #2	/* the entry EL, for the timer choice */
	bl	el2_to_el1
	adr_l	x0, boot_stack_top
	mov	sp, x0
	bl	relocate
	adr_l	x0, __bss_start		/* BSS holds our stack: nothing live on it yet */
	adr_l	x1, __bss_end
1:	cmp	x0, x1
	b.hs	2f
	str	xzr, [x0], #8
	b	1b
2:	mov	x0, x19
	mov	x1, x20
	mov	x29, xzr
	mov	x30, xzr
	bl	arm64_boot		/* does not return */
3:	wfe
	b	3b

/*
 * Apply .rela.dyn: each R_AARCH64_RELATIVE says "the 64-bit word at
 * offset holds link address addend"; linked at 0, the run-time value is
 * load base + addend. Leaf, MMU off.
 */
relocate:
	adr_l	x9, _text
	adr_l	x10, __rela_start
	adr_l	x11, __rela_end
1:	cmp	x10, x11
	b.hs	2f
	ldp	x12, x13, [x10], #24	/* r_offset, r_info */
	ldur	x14, [x10, #-8]		/* r_addend */
	cmp	w13, #R_AARCH64_RELATIVE
	b.ne	1b
	add	x14, x14, x9
	str	x14, [x12, x9]
	b	1b
2:	ret

/*
 * At EL2: give EL1 an AArch64 world with the physical timer and counter,
 * no traps, the real MIDR/MPIDR, and (with a GICv3 CPU interface) the
 * ICC system registers; then drop to EL1h with DAIF masked, returning to
 * the caller there. At EL1: nothing to do. Leaf; clobbers x9.
 */
el2_to_el1:
	mrs	x9, CurrentEL
	cmp	x9, #(2 << 2)
	b.eq	1f
	ldr	x9, =SCTLR_EL1_RES1	/* already at EL1: make sure the MMU is off */
	msr	sctlr_el1, x9
	isb
	ret
1:	mov	x9, #HCR_EL2_RW
	msr	hcr_el2, x9
	mov	x9, #(CNTHCTL_EL1PCTEN | CNTHCTL_EL1PCEN)
	msr	cnthctl_el2, x9
	msr	cntvoff_el2, xzr
	mrs	x9, midr_el1
	msr	vpidr_el2, x9
	mrs	x9, mpidr_el1
	msr	vmpidr_el2, x9
	mov	x9, #CPTR_EL2_RES1
	msr	cptr_el2, x9
	msr	hstr_el2, xzr
	mrs	x9, id_aa64pfr0_el1
	ubfx	x9, x9, #24, #4		/* GIC system register interface? */
	cbz	x9, 2f
	mrs	x9, icc_sre_el2
	orr	x9, x9, #ICC_SRE_EL2_SRE
	orr	x9, x9, #ICC_SRE_EL2_EN
	msr	icc_sre_el2, x9
	isb
	msr	ich_hcr_el2, xzr
2:	ldr	x9, =SCTLR_EL1_RES1
	msr	sctlr_el1, x9
	mov	x9, #SPSR_EL1H_MASKED
	msr	spsr_el2, x9
	msr	elr_el2, x30
	eret

/*
 * mmu_enable(cfg): install the identity map described by cfg (built by
 * the boot CPU in mmu.c) and turn on the MMU and caches. The map is the
 * identity, so execution continues at the next instruction. Leaf.
 */
	.globl	mmu_enable
mmu_enable:
	ldr	x1, [x0, #MMU_CFG_MAIR]
	msr	mair_el1, x1
	ldr	x1, [x0, #MMU_CFG_TCR]
	msr	tcr_el1, x1
	ldr	x1, [x0, #MMU_CFG_TTBR0]
	msr	ttbr0_el1, x1
	isb
	tlbi	vmalle1
	dsb	nsh
	isb
	ldr	x1, [x0, #MMU_CFG_SCTLR]
	msr	sctlr_el1, x1
	isb
	ic	iallu
	dsb	nsh
	isb
	ret

/*
 * PSCI CPU_ON lands here with x0 = context id = this CPU's struct percpu.
 * The MMU goes on first (mmu_config was written with the MMU off, so it
 * is in memory, not only in the boot CPU's cache); only then is percpu
 * read, coherently, for the stack.
 */
	.globl	secondary_entry
secondary_entry:
	mov	x19, x0
	bl	el2_to_el1
	adr_l	x0, mmu_config
	bl	mmu_enable
	ldr	x1, [x19, #PERCPU_STACK_TOP]
	mov	sp, x1
	msr	tpidr_el1, x19
	adr_l	x1, vectors
	msr	vbar_el1, x1
	isb
	mov	x0, x19
	mov	x29, xzr
	mov	x30, xzr
	bl	secondary_main		/* does not return */
1:	wfe
	b	1b

	.section .bss
	.balign	16
boot_stack:
	.skip	BOOT_STACK_SIZE
	.globl	boot_stack_top
boot_stack_top:
