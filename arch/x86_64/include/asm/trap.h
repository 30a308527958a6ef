/*
 * The register frame built by the interrupt stubs (arch/x86_64/entry.S).
 * Lowest address first: the general registers the stub pushes, then the
 * vector and error code (0 when the CPU pushes none), then what the CPU
 * pushes itself.
 */
#ifndef ASM_TRAP_H
#define ASM_TRAP_H

#define TF_RIP		136	/* used by entry.S: start of the CPU's part */
#define TF_SIZE		176

#define VEC_TIMER	0x20	/* LAPIC timer */
#define VEC_IPI_BASE	0x30	/* IPI type n arrives as 0x30 + n */
#define VEC_GSI_BASE	0x40	/* I/O APIC input n arrives as 0x40 + n */
#define VEC_GSI_MAX	0x7f
#define VEC_APIC_ERROR	0xfe
#define VEC_SPURIOUS	0xff
#define VEC_SYSCALL	0x100	/* not a vector: the frame of a system call (syscall.S) */

#ifdef __ASSEMBLY__
/*
 * The general registers of struct trap_frame, saved and restored in its
 * order (entry.S and syscall.S build the same frame).
 */
.macro	TF_SAVE_REGS
	pushq	%rax
	pushq	%rbx
	pushq	%rcx
	pushq	%rdx
	pushq	%rsi
	pushq	%rdi
	pushq	%rbp
	pushq	%r8
	pushq	%r9
	pushq	%r10
	pushq	%r11
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
.endm

.macro	TF_RESTORE_REGS
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%r11
	popq	%r10
	popq	%r9
	popq	%r8
	popq	%rbp
	popq	%rdi
	popq	%rsi
	popq	%rdx
	popq	%rcx
	popq	%rbx
	popq	%rax
.endm
#else
#include <sis/types.h>

struct trap_frame {
	u64 r15, r14, r13, r12, r11, r10, r9, r8;
	u64 rbp, rdi, rsi, rdx, rcx, rbx, rax;
	u64 vector, error;
	u64 rip, cs, rflags, rsp, ss;
};

_Static_assert(__builtin_offsetof(struct trap_frame, rip) == TF_RIP, "TF_RIP");
_Static_assert(sizeof(struct trap_frame) == TF_SIZE, "TF_SIZE");

void x86_trap(struct trap_frame *tf);
void x86_syscall(struct trap_frame *tf);
#endif /* __ASSEMBLY__ */

#endif /* ASM_TRAP_H */
