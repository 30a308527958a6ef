/*
 * Exceptions taken to EL1 (vectors.S saves a struct arch_regs). An IRQ
 * goes to the irqchip, which acknowledges, dispatches and EOIs until
 * nothing is pending. Anything else is a kernel bug or a hardware error:
 * report the syndrome, the addresses and every register, then panic
 * (which prints the backtrace through the saved frame record).
 */
#include <sis/irq.h>
#include <sis/panic.h>
#include <sis/percpu.h>
#include <sis/preempt.h>
#include <sis/printk.h>
#include <sis/user.h>
#include <asm/boot.h>

struct arch_regs {
	u64 x[31];	/* used by vectors.S */
	u64 sp;		/* the interrupted sp */
	u64 elr;
	u64 spsr;
	u64 esr;
	u64 far;
	u64 frame[2];	/* frame record {x29, elr} the backtrace follows */
};

BUILD_ASSERT(sizeof(struct arch_regs) == 304);
BUILD_ASSERT(__builtin_offsetof(struct arch_regs, elr) == 256);
BUILD_ASSERT(__builtin_offsetof(struct arch_regs, esr) == 272);
BUILD_ASSERT(__builtin_offsetof(struct arch_regs, frame) == 288);

#define VEC_SYNC_SPX	4	/* current EL with SP_EL1 */
#define VEC_IRQ_SPX	5	/* current EL with SP_EL1: the one we expect */
#define VEC_SYNC_EL0	8	/* from EL0 (AArch64): user mode */
#define VEC_IRQ_EL0	9
#define PAGE_SIZE_HINT	4096	/* a fault this close below sp smells of overflow */

static const char *const vector_names[16] = {
	"sync (SP0)", "IRQ (SP0)", "FIQ (SP0)", "SError (SP0)",
	"sync", "IRQ", "FIQ", "SError",
	"sync from EL0", "IRQ from EL0", "FIQ from EL0", "SError from EL0",
	"sync from EL0/32", "IRQ from EL0/32", "FIQ from EL0/32", "SError from EL0/32",
};

static const char *ec_name(unsigned int ec)
{
	switch (ec) {
	case 0x00: return "unknown instruction";
	case 0x01: return "trapped WFI/WFE";
	case 0x07: return "FP/SIMD access";
	case 0x0e: return "illegal execution state";
	case 0x15: return "SVC";
	case 0x16: return "HVC";
	case 0x17: return "SMC";
	case 0x18: return "trapped system register access";
	case 0x20: case 0x21: return "instruction abort";
	case 0x22: return "PC misaligned";
	case 0x24: case 0x25: return "data abort";
	case 0x26: return "SP misaligned";
	case 0x2f: return "SError";
	case 0x30: case 0x31: return "breakpoint";
	case 0x32: case 0x33: return "software step";
	case 0x34: case 0x35: return "watchpoint";
	case 0x3c: return "BRK instruction";
	default: return "unexpected exception class";
	}
}

static void print_sym(const char *what, u64 addr)
{
	char at[64];

	printk(LOG_ERR, "  %s 0x%016llx %s\n", what, (unsigned long long)addr,
	       ksym_format((uintptr_t)addr, at, sizeof(at)));
}

static void dump_regs(const struct arch_regs *r)
{
	unsigned int i;

	print_sym("PC", r->elr);
	print_sym("LR", r->x[30]);
	printk(LOG_ERR, "  SP 0x%016llx SPSR 0x%08llx ESR 0x%08llx FAR 0x%016llx\n",
	       (unsigned long long)r->sp, (unsigned long long)r->spsr,
	       (unsigned long long)r->esr, (unsigned long long)r->far);
	for (i = 0; i < 30; i += 3)
		printk(LOG_ERR, "  x%-2u %016llx x%-2u %016llx x%-2u %016llx\n",
		       i, (unsigned long long)r->x[i], i + 1, (unsigned long long)r->x[i + 1],
		       i + 2, (unsigned long long)r->x[i + 2]);
}

void arm64_exception(struct arch_regs *regs, unsigned long kind);

/* The exception table (user copies): {insn, fixup}, each relative to itself. */
struct extable_entry {
	s32 insn, fixup;
};

extern const struct extable_entry __ex_table_start[], __ex_table_end[];

static bool fixup_exception(struct arch_regs *regs)
{
	const struct extable_entry *e;

	for (e = __ex_table_start; e < __ex_table_end; e++) {
		if ((uintptr_t)&e->insn + e->insn == regs->elr) {
			regs->elr = (uintptr_t)&e->fixup + e->fixup;
			return true;
		}
	}
	return false;
}

void arm64_exception(struct arch_regs *regs, unsigned long kind)
{
	struct percpu *p = this_cpu();
	unsigned int ec = (unsigned int)(regs->esr >> 26) & 0x3f;
	const char *what = vector_names[kind & 15];
	uintptr_t off = 0;
	const char *sym;

	if (kind == VEC_IRQ_SPX || (IS_ENABLED(CONFIG_USER) && kind == VEC_IRQ_EL0)) {
		struct arch_regs *outer = p->arch.regs;

		p->arch.regs = regs;
		irq_handle();
		p->arch.regs = outer;
		preempt_irq_exit();	/* after the EOIs, on this task's stack */
		if (kind == VEC_IRQ_EL0)
			user_return_check();
		return;
	}
	if (IS_ENABLED(CONFIG_USER) && kind == VEC_SYNC_EL0) {
		arm64_user_sync(regs->x, regs->esr, regs->far, regs->elr);
		return;
	}
	if (kind == VEC_SYNC_SPX && ec == 0x25 && fixup_exception(regs))
		return;		/* a user copy faulted: -EFAULT */
	p->arch.regs = regs;
	if ((kind & 3) == 0)
		what = ec_name(ec);
	printk(LOG_ERR, "[TRAP] core%u: %s (%s, EC 0x%x, ESR 0x%llx) at PC 0x%llx, FAR 0x%llx\n",
	       p->cpu, what, vector_names[kind & 15], ec, (unsigned long long)regs->esr,
	       (unsigned long long)regs->elr, (unsigned long long)regs->far);
	if ((ec == 0x24 || ec == 0x25) && arm64_in_stack_area(regs->far))
		printk(LOG_ERR, "[TRAP] core%u: the address is in the kernel stack area but not "
		       "mapped: stack overflow onto a guard page?\n", p->cpu);
	else if ((ec == 0x24 || ec == 0x25) && regs->far < regs->sp &&
		 regs->sp - regs->far < PAGE_SIZE_HINT)
		printk(LOG_ERR, "[TRAP] core%u: the address is just below the stack: stack overflow?\n",
		       p->cpu);
	dump_regs(regs);
	sym = ksym_lookup((uintptr_t)regs->elr, &off);
	panic("%s in %s+0x%lx, FAR 0x%llx", what, sym ? sym : "?", (unsigned long)off,
	      (unsigned long long)regs->far);
}
