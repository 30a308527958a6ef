/*
 * The device tree before kernel_main (drivers/firmware/of.c): the arm64
 * entry opens the tree, reads the memory map and reservations and sets up
 * the console from it. After that fw_probe() describes the rest
 * (include/sis/firmware.h); drivers never read the tree themselves.
 */
#ifndef SIS_OF_H
#define SIS_OF_H

#include <sis/bootinfo.h>
#include <sis/console.h>
#include <sis/fdt.h>
#include <sis/types.h>

/* The tree the kernel booted with, valid once of_early_init() succeeded. */
extern struct fdt of_fdt;

/*
 * The arm64 entry calls these before kernel_main, the first three with
 * the MMU off (no locks, no printk). of_early_init checks the blob of at
 * most maxlen bytes; *why names the problem on failure.
 */
int of_early_init(const void *blob, size_t maxlen, const char **why);
/* RAM from /memory nodes into bi->mem; 0 or -ENOENT when there is none. */
int of_scan_memory(struct boot_info *bi);
/* Reserved ranges (memreserve block, /reserved-memory); fn sees no-map ones too. */
void of_scan_reserved(struct boot_info *bi,
		      void (*nomap)(phys_addr_t base, u64 size));
/* The console /chosen/stdout-path names, set up, with the MMU on; NULL when none fits. */
const struct console *of_console_setup(void);
/* /chosen/bootargs, or "". */
const char *of_bootargs(void);

#endif /* SIS_OF_H */
