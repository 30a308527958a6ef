/*
 * Interrupt and exception dispatch from entry.S. Vectors 0-31 are CPU
 * exceptions: print everything we know and panic. Everything else is an
 * interrupt: irq_dispatch(vector), then EOI at the irqchip. The spurious
 * vector gets no EOI (the LAPIC did not set an in-service bit for it).
 */
#include <sis/irq.h>
#include <sis/panic.h>
#include <sis/percpu.h>
#include <sis/preempt.h>
#include <sis/printk.h>
#include <asm/cpu.h>
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

void x86_trap(struct trap_frame *tf)
{
	unsigned int vec = tf->vector;

	if (vec < 32)
		exception(tf);
	if (vec == VEC_SPURIOUS) {
		irq_spurious();		/* no EOI for the spurious vector */
		return;
	}
	irq_dispatch(vec);
	irq_eoi(vec);
	preempt_irq_exit();	/* after the EOI: the next task may take this vector */
}
