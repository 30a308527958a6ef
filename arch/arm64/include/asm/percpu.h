/* arm64 part of struct percpu (include/sis/percpu.h). */
#ifndef ASM_PERCPU_H
#define ASM_PERCPU_H

struct arch_regs;

struct arch_percpu {
	/* The exception frame being handled (for the panic report), or NULL. */
	struct arch_regs *regs;
};

#endif /* ASM_PERCPU_H */
