/* CPUID, MSRs and control registers. */
#ifndef ASM_CPU_H
#define ASM_CPU_H

#include <sis/types.h>
#include <asm/longmode.h>	/* MSR_EFER and the CR0/CR4 bits */

#define MSR_IA32_APIC_BASE	0x1b
#define MSR_GS_BASE		0xc0000101

#define CPUID1_ECX_X2APIC	(1u << 21)
#define CPUID1_ECX_HYPERVISOR	(1u << 31)	/* set by hypervisors, never by a CPU */
#define CPUID1_EDX_APIC		(1u << 9)
#define CPUID1_EDX_TSC		(1u << 4)

struct cpuid_regs {
	u32 eax, ebx, ecx, edx;
};

static inline struct cpuid_regs cpuid(u32 leaf, u32 subleaf)
{
	struct cpuid_regs r;

	__asm__ __volatile__("cpuid"
			     : "=a"(r.eax), "=b"(r.ebx), "=c"(r.ecx), "=d"(r.edx)
			     : "a"(leaf), "c"(subleaf));
	return r;
}

static inline u64 rdmsr(u32 msr)
{
	u32 lo, hi;

	__asm__ __volatile__("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((u64)hi << 32) | lo;
}

static inline void wrmsr(u32 msr, u64 v)
{
	__asm__ __volatile__("wrmsr" : : "c"(msr), "a"((u32)v), "d"((u32)(v >> 32))
			     : "memory");
}

static inline u64 read_cr0(void)
{
	u64 v;

	__asm__ __volatile__("movq %%cr0, %0" : "=r"(v));
	return v;
}

static inline u64 read_cr4(void)
{
	u64 v;

	__asm__ __volatile__("movq %%cr4, %0" : "=r"(v));
	return v;
}

static inline u64 read_cr2(void)
{
	u64 v;

	__asm__ __volatile__("movq %%cr2, %0" : "=r"(v));
	return v;
}

static inline u64 read_cr3(void)
{
	u64 v;

	__asm__ __volatile__("movq %%cr3, %0" : "=r"(v));
	return v;
}

static inline void write_cr3(u64 v)
{
	__asm__ __volatile__("movq %0, %%cr3" : : "r"(v) : "memory");
}

static inline void invlpg(uintptr_t addr)
{
	__asm__ __volatile__("invlpg (%0)" : : "r"(addr) : "memory");
}

/* cpu.c: CR4 and EFER as every CPU runs them; what CPUID offered. */
extern u64 x86_cr4_state, x86_efer_state;
extern bool x86_has_smap, x86_has_nx, x86_has_pcid;

/* The TSC rate, once the LAPIC timer driver has calibrated it. */
void x86_set_tsc_freq(u64 hz);

#endif /* ASM_CPU_H */
