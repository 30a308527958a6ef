/*
 * Per-CPU processor state: each CPU has its own GDT (code, data, and a
 * TSS whose IST1 is a private stack for double faults, so a stack
 * overflow into a guard page is still reported) and shares one IDT.
 * IA32_GS_BASE points at the CPU's struct percpu.
 */
#include <sis/arch.h>
#include <sis/compiler.h>
#include <sis/percpu.h>
#include <sis/string.h>
#include <asm/cpu.h>
#include <asm/io.h>
#include <asm/segment.h>
#include "x86.h"

#define IDT_ENTRIES		256
#define IDT_INTERRUPT_GATE	0x8e	/* present, DPL 0, 64-bit interrupt gate */
#define IDT_USER_GATE		0xee	/* the same with DPL 3: int3 from user mode */
#define GDT_CODE64		0x00af9a000000ffffull
#define GDT_DATA		0x00cf92000000ffffull
#define GDT_USER_CODE64		0x00affa000000ffffull
#define GDT_USER_DATA		0x00cff2000000ffffull
#define MSR_STAR		0xc0000081
#define MSR_LSTAR		0xc0000082
#define MSR_FMASK		0xc0000084
#define MSR_KERNEL_GS_BASE	0xc0000102
#define EFER_SCE		(1u << 0)
#define EFER_NXE		(1u << 11)
#define CR4_PCIDE		(1u << 17)
#define CR4_SMEP		(1u << 20)
#define CR4_SMAP		(1u << 21)
/* RFLAGS bits syscall clears: TF, IF, DF, AC, NT (the kernel runs with them off). */
#define SYSCALL_FMASK		((1u << 8) | (1u << 9) | (1u << 10) | (1u << 18) | (1u << 14))
#define TSS_AVAILABLE		0x89

struct idt_gate {
	u16 off_lo;
	u16 sel;
	u8 ist;
	u8 type;
	u16 off_mid;
	u32 off_hi;
	u32 reserved;
} __packed;

struct desc_ptr {
	u16 limit;
	u64 base;
} __packed;

BUILD_ASSERT(sizeof(struct idt_gate) == 16);
BUILD_ASSERT(KERNEL_TSS / 8 + 1 < X86_GDT_ENTRIES);
BUILD_ASSERT(offsetof(struct percpu, self) == PERCPU_SELF);
BUILD_ASSERT(offsetof(struct percpu, stack_top) == PERCPU_STACK_TOP);

extern const char x86_trap_stubs[];	/* entry.S: 16 bytes per vector */
extern const char x86_syscall_entry[];	/* syscall.S */

/* The control state every CPU runs with beyond longmode.h's (what CPUID offers). */
u64 x86_cr4_state = CR4_STATE, x86_efer_state = EFER_STATE;
bool x86_has_smap, x86_has_nx, x86_has_pcid;

static struct idt_gate idt[IDT_ENTRIES] __aligned(16);
static u64 tsc_freq;

static void idt_fill(void)
{
	unsigned int v;

	for (v = 0; v < IDT_ENTRIES; v++) {
		uintptr_t a = (uintptr_t)x86_trap_stubs + 16 * v;

		idt[v] = (struct idt_gate){
			.off_lo = a & 0xffff,
			.sel = KERNEL_CS,
			.ist = v == 8 ? IST_DOUBLE_FAULT : 0,
			.type = v == 3 ? IDT_USER_GATE : IDT_INTERRUPT_GATE,
			.off_mid = (a >> 16) & 0xffff,
			.off_hi = a >> 32,
		};
	}
}

static void gdt_fill(struct percpu *p)
{
	struct arch_percpu *a = &p->arch;
	uintptr_t tss = (uintptr_t)&a->tss;
	u64 limit = sizeof(a->tss) - 1;

	memset(&a->tss, 0, sizeof(a->tss));
	a->tss.ist[IST_DOUBLE_FAULT - 1] = (uintptr_t)a->df_stack + DF_STACK_SIZE;
	a->tss.iomap_base = sizeof(a->tss);	/* no I/O bitmap */
	memset(a->gdt, 0, sizeof(a->gdt));
	a->gdt[KERNEL_CS / 8] = GDT_CODE64;
	a->gdt[KERNEL_DS / 8] = GDT_DATA;
	a->gdt[KERNEL_TSS / 8] = (limit & 0xffff) | ((tss & 0xffffff) << 16) |
				 ((u64)TSS_AVAILABLE << 40) | (((limit >> 16) & 0xf) << 48) |
				 ((u64)((tss >> 24) & 0xff) << 56);
	a->gdt[KERNEL_TSS / 8 + 1] = tss >> 32;
	a->gdt[USER_DS / 8] = GDT_USER_DATA;
	a->gdt[USER_CS / 8] = GDT_USER_CODE64;
}

/* SMEP, SMAP, NX and PCID where CPUID has them, decided once on the boot CPU. */
static void features_probe(void)
{
	u32 max = cpuid(0, 0).eax;

	if (max >= 7) {
		u32 ebx = cpuid(7, 0).ebx;

		if (ebx & (1u << 7))
			x86_cr4_state |= CR4_SMEP;
		if (ebx & (1u << 20)) {
			x86_cr4_state |= CR4_SMAP;
			x86_has_smap = true;
		}
	}
	/* PCID tags user entries by address space (user.c); the kernel's CR3 is PCID 0. */
	if (IS_ENABLED(CONFIG_X86_PCID) && (cpuid(1, 0).ecx & (1u << 17))) {
		x86_cr4_state |= CR4_PCIDE;
		x86_has_pcid = true;
	}
	if (cpuid(0x80000000, 0).eax >= 0x80000001 &&
	    (cpuid(0x80000001, 0).edx & (1u << 20))) {
		x86_efer_state |= EFER_NXE;
		x86_has_nx = true;
	}
	if (IS_ENABLED(CONFIG_USER))
		x86_efer_state |= EFER_SCE;
}

/*
 * EFER and CR4 as features_probe() decided; for syscall/sysret the
 * entry point, the segments and the flags it clears.
 */
static void syscall_init(void)
{
	if (IS_ENABLED(CONFIG_USER)) {
		wrmsr(MSR_STAR, ((u64)USER_STAR_BASE << 48) | ((u64)KERNEL_CS << 32));
		wrmsr(MSR_LSTAR, (uintptr_t)x86_syscall_entry);
		wrmsr(MSR_FMASK, SYSCALL_FMASK);
		wrmsr(MSR_KERNEL_GS_BASE, 0);	/* user mode's GS base: swapgs brings it in */
	}
	wrmsr(MSR_EFER, x86_efer_state);
	__asm__ __volatile__("movq %0, %%cr4" : : "r"(x86_cr4_state) : "memory");
}

/* Load the new GDT, reload every segment register (CS by a far return), the TSS and the IDT. */
static void load_tables(struct percpu *p)
{
	struct desc_ptr gdtr = { sizeof(p->arch.gdt) - 1, (uintptr_t)p->arch.gdt };
	struct desc_ptr idtr = { sizeof(idt) - 1, (uintptr_t)idt };

	__asm__ __volatile__(
		"lgdt %0\n\t"
		"pushq %1\n\t"
		"leaq 1f(%%rip), %%rax\n\t"
		"pushq %%rax\n\t"
		"lretq\n"
		"1:\n\t"
		"movw %w2, %%ds\n\t"
		"movw %w2, %%es\n\t"
		"movw %w2, %%ss\n\t"
		"movw %w3, %%fs\n\t"
		"movw %w3, %%gs\n\t"
		"ltr %w4\n\t"
		"lidt %5"
		:
		: "m"(gdtr), "i"(KERNEL_CS), "r"(KERNEL_DS), "r"(0), "r"(KERNEL_TSS), "m"(idtr)
		: "rax", "memory");
}

void x86_cpu_init(struct percpu *p)
{
	if (p->cpu == 0) {
		idt_fill();
		features_probe();
	}
	gdt_fill(p);
	load_tables(p);
	x86_pat_init();
	syscall_init();
	arch_set_this_cpu(p);	/* after the GS reload, which clears the base */
}

void arch_set_this_cpu(struct percpu *p)
{
	wrmsr(MSR_GS_BASE, (uintptr_t)p);
}

/* The initial APIC id: x2APIC topology leaf 0xb when present, else leaf 1. */
u64 arch_cpu_hwid(void)
{
	if (cpuid(0, 0).eax >= 0xb) {
		struct cpuid_regs r = cpuid(0xb, 0);

		if (r.ebx)
			return r.edx;
	}
	return cpuid(1, 0).ebx >> 24;
}

void x86_set_tsc_freq(u64 hz)
{
	WRITE_ONCE(tsc_freq, hz);
}

u64 arch_counter_freq(void)
{
	return READ_ONCE(tsc_freq);
}

void arch_halt(void)
{
	for (;;)
		__asm__ __volatile__("cli; hlt" : : : "memory");
}
