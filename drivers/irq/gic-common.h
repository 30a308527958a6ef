/*
 * What GICv2 and GICv3 share (drivers/irq/gic-common.c): the
 * distributor's register layout for SPIs, the layout of the SGI/PPI bank
 * (the banked distributor registers on v2, the redistributor's SGI frame
 * on v3), priorities, the interrupt numbering and the DT specifier.
 * INTIDs 0-15 are SGIs (our IPIs: IPI n is SGI n), 16-31 per-CPU PPIs
 * (the timers), 32 up SPIs.
 */
#ifndef DRIVERS_IRQ_GIC_COMMON_H
#define DRIVERS_IRQ_GIC_COMMON_H

#include <sis/types.h>

#define GICD_CTLR		0x0000
#define GICD_TYPER		0x0004
#define GICD_IGROUPR		0x0080
#define GICD_ISENABLER		0x0100
#define GICD_ICENABLER		0x0180
#define GICD_ICPENDR		0x0280
#define GICD_IPRIORITYR		0x0400
#define GICD_ITARGETSR		0x0800	/* v2 */
#define GICD_ICFGR		0x0c00
#define GICD_SGIR		0x0f00	/* v2 */
#define GICD_IROUTER		0x6000	/* v3 */

/* Every interrupt at one middle priority: below the mask (0xff), none preempts another. */
#define GIC_PRIO_DEFAULT	0xa0a0a0a0u
#define GIC_FIRST_SPI		32
#define GIC_SPURIOUS		1020	/* 1020-1023: nothing to acknowledge */

/*
 * Where the enable bits live: SPIs in the distributor (gic_dist), SGIs
 * and PPIs in each CPU's own bank (gic_bank[cpu]: the banked distributor
 * on v2, the redistributor's SGI frame on v3), set by that CPU in init_cpu.
 */
extern uintptr_t gic_dist;
extern uintptr_t gic_bank[CONFIG_MAX_CPUS];

/* Interrupts the distributor implements (GICD_TYPER.ITLinesNumber). */
unsigned int gic_dist_nr_irqs(uintptr_t gicd);
/* SPIs 32 .. nr-1: off, not pending, level-sensitive, default priority. */
void gic_dist_config_spis(uintptr_t gicd, unsigned int nr);
/* This CPU's SGIs on, its PPIs off until asked, both at the default priority. */
void gic_config_banked(uintptr_t bank);
/* The irqchip ops both versions share. */
void gic_enable(unsigned int irq);
void gic_disable(unsigned int irq);
/* IPI type ipi travels as SGI ipi. */
unsigned int gic_ipi_irq(unsigned int ipi);
/* DT "interrupts" specifier <type number flags>: SPI (0) -> 32 + n, PPI (1) -> 16 + n. */
int gic_xlate(const u32 *cells, unsigned int n, unsigned int *irq, unsigned int *type);
/*
 * An SPI's trigger in GICD_ICFGR: edge or level. The GIC takes only
 * rising edges and high levels; -EINVAL for the others.
 */
int gic_set_trigger(unsigned int irq, unsigned int type);
/* Acknowledge, dispatch and end interrupts until none is pending (both versions' handle()). */
void gic_handle_pending(u32 (*ack)(void), void (*end)(u32 iar));

/*
 * A GIC version's irqchip: what differs (start-up, taking interrupts,
 * sending SGIs) is named, the rest is the common part; the DT
 * compatible strings follow.
 */
#define GIC_IRQCHIP(var, name_, init_, init_cpu_, cpu_off_, handle_, send_ipi_, send_ipi_mask_, \
		    route_, ...)							\
	static const struct irqchip var = {					\
		.match = {							\
			.name = name_,						\
			.compatible = DRIVER_COMPATIBLE(__VA_ARGS__),		\
		},								\
		.init = init_,							\
		.init_cpu = init_cpu_,						\
		.cpu_off = cpu_off_,						\
		.handle = handle_,						\
		.send_ipi = send_ipi_,						\
		.send_ipi_mask = send_ipi_mask_,				\
		.route = route_,						\
		.enable = gic_enable,						\
		.disable = gic_disable,						\
		.ipi_irq = gic_ipi_irq,						\
		.xlate = gic_xlate,						\
	};									\
	IRQCHIP_DECLARE(var)

#endif /* DRIVERS_IRQ_GIC_COMMON_H */
