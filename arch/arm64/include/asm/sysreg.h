/*
 * System register access and the bits sis sets. Shared by the arch code
 * and the arm64 drivers (GICv3 CPU interface, generic timer).
 */
#ifndef ASM_SYSREG_H
#define ASM_SYSREG_H

/* SCTLR_EL1: RES1 bits, then what we turn on. */
#define SCTLR_EL1_RES1	((1 << 29) | (1 << 28) | (1 << 23) | (1 << 22) | \
			 (1 << 20) | (1 << 11))
#define SCTLR_M		(1 << 0)	/* MMU */
#define SCTLR_C		(1 << 2)	/* data cache */
#define SCTLR_SA	(1 << 3)	/* stack alignment check */
#define SCTLR_I		(1 << 12)	/* instruction cache */

#define HCR_EL2_RW	(1 << 31)	/* EL1 is AArch64 */
#define CNTHCTL_EL1PCTEN (1 << 0)	/* EL1 may read the physical counter */
#define CNTHCTL_EL1PCEN	(1 << 1)	/* EL1 may use the physical timer */
#define CPTR_EL2_RES1	0x33ff		/* and no FP/SIMD traps */
#define ICC_SRE_EL2_SRE	(1 << 0)
#define ICC_SRE_EL2_EN	(1 << 3)	/* EL1 may use ICC_SRE_EL1 */
#define SPSR_EL1H_MASKED 0x3c5		/* EL1h, DAIF all masked */

#ifndef __ASSEMBLY__
#include <sis/types.h>

#define read_sysreg(r) ({ \
	u64 __rv; \
	__asm__ __volatile__("mrs %0, " #r : "=r"(__rv)); \
	__rv; \
})

#define write_sysreg(r, v) do { \
	u64 __v = (u64)(v); \
	__asm__ __volatile__("msr " #r ", %0" :: "r"(__v) : "memory"); \
} while (0)

static inline void isb(void)
{
	__asm__ __volatile__("isb" ::: "memory");
}

/* MPIDR affinity fields (Aff3 in bits 39:32, Aff2..Aff0 in 23:0). */
#define MPIDR_HWID_MASK	0xff00ffffffull
#define MPIDR_AFF(m, n)	((unsigned int)(((m) >> ((n) == 3 ? 32 : (n) * 8)) & 0xff))

#endif /* __ASSEMBLY__ */
#endif /* ASM_SYSREG_H */
