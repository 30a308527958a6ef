/*
 * Local APIC registers and the accessors the LAPIC driver
 * (drivers/irq/lapic.c) offers to the LAPIC timer and INIT-SIPI drivers.
 * Register numbers are the xAPIC MMIO offsets; in x2APIC mode the MSR is
 * 0x800 + (offset >> 4).
 */
#ifndef ASM_APIC_H
#define ASM_APIC_H

#include <sis/types.h>

#define APIC_ID		0x020
#define APIC_VERSION	0x030
#define APIC_TPR	0x080
#define APIC_EOI	0x0b0
#define APIC_SVR	0x0f0
#define APIC_ESR	0x280
#define APIC_ICR_LO	0x300
#define APIC_ICR_HI	0x310
#define APIC_LVT_TIMER	0x320
#define APIC_LVT_LINT0	0x350
#define APIC_LVT_LINT1	0x360
#define APIC_LVT_ERROR	0x370
#define APIC_TIMER_INIT	0x380
#define APIC_TIMER_CUR	0x390
#define APIC_TIMER_DIV	0x3e0

#define APIC_SVR_ENABLE		(1u << 8)
#define APIC_LVT_MASKED		(1u << 16)
#define APIC_LVT_PERIODIC	(1u << 17)
#define APIC_DM_NMI		(4u << 8)
#define APIC_ICR_FIXED		(0u << 8)
#define APIC_ICR_INIT		(5u << 8)
#define APIC_ICR_STARTUP	(6u << 8)
#define APIC_ICR_BUSY		(1u << 12)
#define APIC_ICR_ASSERT		(1u << 14)
#define APIC_ICR_LEVEL		(1u << 15)
#define APIC_ICR_ALL_BUT_SELF	(3u << 18)	/* destination shorthand */
#define APIC_TIMER_DIV_16	0x3

u32 lapic_read(u32 reg);
void lapic_write(u32 reg, u32 v);
/* Send an interrupt command to APIC id dest: 0 or -ETIMEDOUT. */
int lapic_send_icr(u32 dest, u32 low);
/* True when the LAPIC runs in x2APIC (MSR) mode. */
bool lapic_is_x2apic(void);

#endif /* ASM_APIC_H */
