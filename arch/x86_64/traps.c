/*
 * Interrupt and exception dispatch from entry.S. Vectors 0-31 are CPU
 * exceptions: in user mode they end the process (user_fault); in the
 * kernel a page fault at an instruction of the exception table (the
 * user-copy routines) resumes at its fix-up, anything else prints
 * everything we know and panics. Everything else is an
 * interrupt: irq_dispatch(vector), then EOI at the irqchip. The spurious
 * vector gets no EOI (the LAPIC did not set an in-service bit for it).
 */
#include <sis/irq.h>
#include <sis/panic.h>
#include <sis/percpu.h>
#include <sis/preempt.h>
#include <sis/printk.h>
#include <sis/user.h>
#include <asm/cpu.h>
#include "x86.h"
#include <asm/trap.h>

static const char *const exception_names[32] = {
	[0] = "#DE divide error", [1] = "#DB debug", [2] = "NMI",
	[3] = "#BP breakpoint", [4] = "#OF overflow", [5] = "#BR bound range",
	[6] = "#UD invalid opcode", [7] = "#NM device not available",
	[8] = "#DF double fault", [10] = "#TS invalid TSS",
	[11] = "#NP segment not present", [12] = "#SS stack fault",
	[13] = "#GP general protection", [14] = "#PF page fault",
	[16] = "#MF x87 error", [17] = "#AC alignment check",
	[18] = "#MC machine check", [19] = "#XM SIMD error",
	[20] = "#VE virtualization", [21] = "#CP control protection",
};

static void dump_registers(const struct trap_frame *tf)
{
	pr_err("[TRAP] RIP=%016lx CS=%04lx RFLAGS=%016lx\n",
	       tf->rip, tf->cs, tf->rflags);
	pr_err("[TRAP] RSP=%016lx SS=%04lx CR2=%016lx CR3=%016lx\n",
	       tf->rsp, tf->ss, read_cr2(), read_cr3());
	pr_err("[TRAP] RAX=%016lx RBX=%016lx RCX=%016lx RDX=%016lx\n",
	       tf->rax, tf->rbx, tf->rcx, tf->rdx);
	pr_err("[TRAP] RSI=%016lx RDI=%016lx RBP=%016lx\n",
	       tf->rsi, tf->rdi, tf->rbp);
	pr_err("[TRAP] R8 =%016lx R9 =%016lx R10=%016lx R11=%016lx\n",
	       tf->r8, tf->r9, tf->r10, tf->r11);
	pr_err("[TRAP] R12=%016lx R13=%016lx R14=%016lx R15=%016lx\n",
	       tf->r12, tf->r13, tf->r14, tf->r15);
}

static __noreturn void exception(const struct trap_frame *tf)
{
	const char *name = exception_names[tf->vector];
	uintptr_t off = 0;
	const char *sym = ksym_lookup(tf->rip, &off);

	if (!name)
		name = "reserved exception";
	pr_err("[TRAP] core%u: exception %lu (%s), error code 0x%lx\n",
	       smp_processor_id(), tf->vector, name, tf->error);
	dump_registers(tf);
	panic("%s at %s+0x%lx (CR2=0x%llx)", name, sym ? sym : "?",
	      (unsigned long)off, (unsigned long long)read_cr2());
}

struct extable_entry {
	uintptr_t insn, fixup;
};

extern const struct extable_entry __ex_table_start[], __ex_table_end[];

/* A kernel fault at an instruction allowed to fault: resume at its fix-up. */
static bool fixup_exception(struct trap_frame *tf)
{
	const struct extable_entry *e;

	for (e = __ex_table_start; e < __ex_table_end; e++) {
		if (e->insn == tf->rip) {
			tf->rip = e->fixup;
			return true;
		}
	}
	return false;
}

/* Only a kernel with CONFIG_USER ever runs user mode (and links user_fault). */
static bool from_user(const struct trap_frame *tf)
{
	return IS_ENABLED(CONFIG_USER) && (tf->cs & 3) == 3;
}

/* An exception in user mode: the process ends, the kernel goes on. */
static __noreturn void user_exception(struct trap_frame *tf)
{
	enum user_kill why;

	switch (tf->vector) {
	case 14: why = KILL_PAGE_FAULT; break;
	case 6: why = KILL_UNDEFINED; break;
	case 17: why = KILL_ALIGNMENT; break;
	case 0: why = KILL_DIVIDE; break;
	case 3: why = KILL_BREAKPOINT; break;
	default: why = KILL_PROTECTION; break;
	}
	arch_irq_enable();
	user_fault(why, tf->vector == 14 ? read_cr2() : 0, tf->rip);
}

/* Clear AC (SMAP stays on in the kernel), before anything else. */
void x86_user_entry(void)
{
	if (x86_has_smap)
		__asm__ __volatile__("clac" : : : "memory");
}

void x86_trap(struct trap_frame *tf)
{
	unsigned int vec = tf->vector;

	/*
	 * AC off whoever was interrupted: user mode may set it, and a user
	 * copy runs with it (stac); the iretq gives it back to them.
	 */
	x86_user_entry();
	if (vec < 32) {
		if (from_user(tf))
			user_exception(tf);
		if (vec == 14 && fixup_exception(tf))
			return;
		exception(tf);
	}
	if (vec == VEC_SPURIOUS) {
		irq_spurious();		/* no EOI for the spurious vector */
		return;
	}
	irq_dispatch(vec);
	irq_eoi(vec);
	preempt_irq_exit();	/* after the EOI: the next task may take this vector */
	if (from_user(tf))
		user_return_check();
}
