/*
 * The real-mode trampoline for INIT-SIPI (arch/x86_64/trampoline.S),
 * copied to a free page below 1 MiB. Its code runs 16 -> 32 -> 64 bit in
 * the page and then jumps to ap_long_entry, where the kernel is linked.
 * The data block at TR_DATA is filled by x86_trampoline_install() and,
 * before each start, x86_trampoline_set_arg(); offsets are from the
 * start of the page.
 */
#ifndef ASM_TRAMPOLINE_H
#define ASM_TRAMPOLINE_H

#define TR_DATA		0x100
#define TR_FAR32	0x100	/* u32 offset, u16 selector: 16 -> 32 bit jump */
#define TR_GDTR		0x108	/* u16 limit, u32 base */
#define TR_CR3		0x110	/* u32: the boot CPU's page tables (below 4 GiB) */
#define TR_STARTED	0x114	/* u32: set to 1 by the AP's first instructions */
#define TR_FAR64	0x118	/* u32 offset, u16 selector: 32 -> 64 bit, in the page */
#define TR_ARG		0x120	/* u64: the AP's struct percpu */
#define TR_ENTRY64	0x128	/* u64: ap_long_entry, at the kernel's linked address */
#define TR_GDT		0x130	/* four descriptors */
#define TR_END		0x150

/* PERCPU_STACK_TOP for assembly (checked in smpboot.c) */
#define TR_PERCPU_STACK_TOP 8

#define TR_CS32		0x08
#define TR_DS32		0x10
#define TR_CS64		0x18

#ifndef __ASSEMBLY__
#include <sis/types.h>

/* Copy the trampoline to its low page; 0 or -ENODEV when none was found. */
int x86_trampoline_install(void);
/* Physical address of the installed trampoline (the SIPI page), or 0. */
uintptr_t x86_trampoline_addr(void);
/* Prepare the trampoline for one AP: clear "started", set its percpu. */
void x86_trampoline_set_arg(uintptr_t arg);
/* True once the AP has run the trampoline's first instructions. */
bool x86_trampoline_started(void);
#endif /* !__ASSEMBLY__ */

#endif /* ASM_TRAMPOLINE_H */
