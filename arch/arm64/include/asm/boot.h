/*
 * What the arm64 entry code and setup share, and what arm64 drivers may
 * ask about how the CPU was entered.
 */
#ifndef ASM_BOOT_H
#define ASM_BOOT_H

/* struct mmu_config: read by head.S with the MMU off (offsets checked in mmu.c). */
#define MMU_CFG_MAIR	0
#define MMU_CFG_TCR	8
#define MMU_CFG_TTBR0	16
#define MMU_CFG_SCTLR	24

#ifndef __ASSEMBLY__
#include <sis/bootinfo.h>
#include <sis/types.h>

struct mmu_config {
	u64 mair;	/* used by head.S */
	u64 tcr;	/* used by head.S */
	u64 ttbr0;	/* used by head.S */
	u64 sctlr;	/* used by head.S */
};

extern struct mmu_config mmu_config;

/* The exception level the boot CPU was entered at (1 or 2), set by setup. */
extern unsigned int arm64_boot_el;

/* Linker symbols. */
extern char _text[], _etext[], _end[], __bss_start[], __bss_end[];
extern const char vectors[];

/* head.S */
void mmu_enable(const struct mmu_config *cfg);
void secondary_entry(void);

/*
 * mmu.c: build the identity map with the MMU off, then switch it on.
 * Once it is on, mmu_map/mmu_unmap/mmu_map_at only do what the
 * break-before-make rule allows (invalid to valid, valid to invalid) and
 * refuse to split a block (-EBUSY); a valid entry made another valid one
 * is the caller's bug, which CONFIG_DEBUG_MMU reports.
 */
void mmu_map_reset(void);
int mmu_map(phys_addr_t base, u64 size, bool normal);
int mmu_unmap(phys_addr_t base, u64 size);
int mmu_map_at(uintptr_t va, phys_addr_t pa, u64 size, bool normal);
void mmu_init(void);
/* The descriptor the walker would use for va and its level 0-3; 0 and -1 if unmapped. */
u64 mmu_lookup(uintptr_t va, int *level);
/* The kernel's level-0 table (user.c copies its entries into each address space). */
u64 *arm64_kernel_root(void);
/* The CPU has PAN (ID_AA64MMFR1_EL1): exception entries set PSTATE.PAN (SCTLR.SPAN clear). */
extern bool arm64_has_pan;

/* user.c: a synchronous exception from EL0. */
void arm64_user_sync(u64 *x, u64 esr, u64 far, u64 elr);
/* Is va inside the stack area (where the kernel stacks and their guards are)? */
bool arm64_in_stack_area(uintptr_t va);
/* Clean and invalidate [start, end) to the point of coherency (DC CIVAC). */
void dcache_clean_inval_poc(uintptr_t start, uintptr_t end);

/* setup.c, called by head.S with the MMU off. */
void arm64_boot(phys_addr_t dtb, unsigned int el);
#endif /* __ASSEMBLY__ */

#endif /* ASM_BOOT_H */
