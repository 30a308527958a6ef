/*
 * The x86_64 part of struct percpu: each CPU's own GDT and TSS (the TSS
 * descriptor's busy bit is per CPU, so the GDT cannot be shared).
 */
#ifndef ASM_PERCPU_H
#define ASM_PERCPU_H

#include <sis/compiler.h>
#include <sis/types.h>

/* 64-bit task state segment: rsp[0] (entries from user mode) and the interrupt stack table. */
struct x86_tss {
	u32 reserved0;
	u64 rsp[3];
	u64 reserved1;
	u64 ist[7];
	u64 reserved2;
	u16 reserved3;
	u16 iomap_base;
} __packed;

_Static_assert(sizeof(struct x86_tss) == 104, "TSS layout");

#define X86_GDT_ENTRIES	8	/* null, code, data, TSS (two slots), STAR base, user data, user code */

#define DF_STACK_SIZE	4096	/* the double-fault handler's stack (IST 1) */

struct arch_percpu {
	u64 gdt[X86_GDT_ENTRIES] __aligned(16);
	struct x86_tss tss __aligned(16);
	/* Per CPU, so it exists only for CPUs that do; a stack overflow lands here. */
	u8 df_stack[DF_STACK_SIZE] __aligned(16);
};

#endif /* ASM_PERCPU_H */
