/*
 * What drivers/firmware/of.c hands the DT drivers: the firmware node
 * (platform.irqchip_fw, timer_fw, enable_fw) as plain data read from the
 * device tree, so drivers never parse the tree themselves. Also the
 * arm64 entry's use of the tree before kernel_main (memory map, console).
 */
#ifndef SIS_OF_FW_H
#define SIS_OF_FW_H

#include <sis/bootinfo.h>
#include <sis/console.h>
#include <sis/fdt.h>
#include <sis/types.h>

#define OF_GIC_MAX_REDIST 8

/* platform.irqchip_fw for arm,gic-400 / arm,cortex-a15-gic / arm,gic-v3. */
struct of_gic {
	phys_addr_t dist;			/* GICD */
	phys_addr_t cpuif;			/* GICv2: GICC */
	phys_addr_t redist[OF_GIC_MAX_REDIST];	/* GICv3: GICR regions */
	u64 redist_size[OF_GIC_MAX_REDIST];
	unsigned int nredist;
	u64 redist_stride;			/* 0: from GICR_TYPER */
};

/* platform.timer_fw for arm,armv8-timer: GIC INTIDs of the EL1 timers. */
struct of_timer {
	unsigned int phys_irq;			/* EL1 physical, non-secure (PPI 14) */
	unsigned int virt_irq;			/* EL1 virtual (PPI 11) */
	u32 clock_frequency;			/* DT override of CNTFRQ_EL0, or 0 */
};

/* platform.enable_fw for psci. */
struct of_psci {
	bool hvc;				/* conduit: HVC, else SMC */
};

/*
 * DRV_CONSOLE ops for DT consoles ("arm,pl011"): setup() points the
 * driver at its registers (keeping a baud rate the firmware programmed;
 * clock_hz 0 when unknown) and returns the console to register.
 */
struct of_console_ops {
	const struct console *(*setup)(phys_addr_t base, u64 clock_hz);
};

/* The tree the kernel booted with (of.c), valid once of_early_init() succeeded. */
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
/* The console stdout-path names, with the MMU on; NULL when none fits. */
const struct console *of_console_setup(phys_addr_t *base);
/* /chosen/bootargs, or "". */
const char *of_bootargs(void);

#endif /* SIS_OF_FW_H */
