/*
 * The arch half of starting an AP: the real-mode trampoline in a free
 * page below 1 MiB (found in the memory map by x86_boot), the data block
 * the trampoline reads, and the AP's first C function.
 *
 * Handshake: the boot CPU writes the data block (CR3, the AP's percpu
 * pointer, started = 0) before sending INIT-SIPI; the IPI is ordered
 * after those stores (the ICR write is an uncached store, and x86 keeps
 * stores in order). The AP sets started = 1 as its first act so the
 * enable method can tell whether the first SIPI was heard.
 */
#include <sis/arch.h>
#include <sis/errno.h>
#include <sis/percpu.h>
#include <sis/string.h>
#include <asm/cpu.h>
#include <asm/trampoline.h>
#include "x86.h"

extern const char x86_tramp_start[], x86_tramp_pm32[], x86_tramp_lm64[], x86_tramp_end[];
extern const char ap_long_entry[];	/* head.S */

BUILD_ASSERT(TR_PERCPU_STACK_TOP == PERCPU_STACK_TOP);

static uintptr_t tramp_page;	/* chosen by x86_boot; 0: none */
static bool tramp_installed;

static void *tr_field(unsigned int off)
{
	return (char *)tramp_page + off;
}

void x86_trampoline_reserve(u64 page)
{
	tramp_page = page;
}

int x86_trampoline_install(void)
{
	u64 entry;
	u32 v;

	if (!tramp_page)
		return -ENODEV;
	if (tramp_installed)
		return 0;
	memcpy((void *)tramp_page, x86_tramp_start, x86_tramp_end - x86_tramp_start);
	v = tramp_page + (x86_tramp_pm32 - x86_tramp_start);
	memcpy(tr_field(TR_FAR32), &v, sizeof(v));
	v = tramp_page + TR_GDT;
	memcpy(tr_field(TR_GDTR + 2), &v, sizeof(v));
	v = tramp_page + (x86_tramp_lm64 - x86_tramp_start);
	memcpy(tr_field(TR_FAR64), &v, sizeof(v));
	entry = (uintptr_t)ap_long_entry;
	memcpy(tr_field(TR_ENTRY64), &entry, sizeof(entry));
	v = read_cr3();
	memcpy(tr_field(TR_CR3), &v, sizeof(v));
	tramp_installed = true;
	return 0;
}

uintptr_t x86_trampoline_addr(void)
{
	return tramp_installed ? tramp_page : 0;
}

void x86_trampoline_set_arg(uintptr_t arg)
{
	u64 a = arg;

	memcpy(tr_field(TR_ARG), &a, sizeof(a));
	WRITE_ONCE(*(volatile u32 *)tr_field(TR_STARTED), 0);
	smp_mb();
}

bool x86_trampoline_started(void)
{
	return READ_ONCE(*(volatile u32 *)tr_field(TR_STARTED)) != 0;
}

uintptr_t arch_secondary_entry(void)
{
	return x86_trampoline_addr();
}

void x86_ap_main(struct percpu *p)
{
	x86_cpu_init(p);
	secondary_main(p);
}
