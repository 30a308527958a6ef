/* Functions shared inside arch/x86_64 (not a contract for anyone else). */
#ifndef X86_INTERNAL_H
#define X86_INTERNAL_H

#include <sis/bootinfo.h>
#include <sis/percpu.h>
#include <sis/types.h>

/* GDT, TSS, IDT and GS base for the calling CPU. */
void x86_cpu_init(struct percpu *p);
/* The page attribute table: entry 1 write-combining (mmu.c). */
void x86_pat_init(void);
/*
 * Extend the identity map over bi's RAM above 4 GiB, with page tables
 * taken from (and reserved in) its RAM below: before the page allocator
 * runs. 0, -ENOMEM or -ERANGE (RAM beyond the lower canonical half).
 */
int x86_map_ram(struct boot_info *bi);
/* Remember the low page the AP trampoline will live in (0: none). */
void x86_trampoline_reserve(u64 page);
/* traps.c: on every entry from user mode (clac under SMAP). */
void x86_user_entry(void);
/* The AP's C entry from head.S. */
__noreturn void x86_ap_main(struct percpu *p);

#endif /* X86_INTERNAL_H */
