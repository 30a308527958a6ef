/*
 * The boot CPU's C entry, from head.S in long mode: console, per-CPU
 * state, exception vectors, then the boot information into struct
 * boot_info, the identity map over the RAM above 4 GiB, and on to
 * kernel_main(). Nothing is printed here unless the boot cannot go on
 * (or RAM above 4 GiB cannot be mapped): the banner in kernel_main() is
 * the first line.
 */
#include <sis/arch.h>
#include <sis/bootinfo.h>
#include <sis/console.h>
#include <sis/errno.h>
#include <sis/firmware.h>
#include <sis/panic.h>
#include <sis/percpu.h>
#include <sis/printk.h>
#include <asm/io.h>
#include <asm/layout.h>
#include <asm/trap.h>
#include "multiboot2.h"
#include "x86.h"

#define FOUR_GIB	0x100000000ull

extern char _text[], _end[];

static struct boot_info boot_info;

/*
 * The RSDP copies GRUB passes, the ACPI 2.0+ one when there is one, with
 * the length of its tag: the parser must not read past the copy.
 */
static void pick_rsdp(struct boot_info *bi, const struct mb2_result *res)
{
	bool new = res->rsdp_new != NULL;

	bi->rsdp = new ? res->rsdp_new : res->rsdp_old;
	bi->rsdp_len = new ? res->rsdp_new_len : res->rsdp_old_len;
}

void x86_boot(u32 magic, uintptr_t mbi);

/*
 * The screen GRUB left, as a second console: a framebuffer mapped
 * write-combining (a glyph is many small stores), the text screen
 * uncached.
 */
static void screen_init(const struct fb_info *fb)
{
	u64 size = (u64)fb->pitch * fb->height;
	void *base;

	if (fb->type == FB_NONE || !size || size > SIZE_MAX)
		return;
	if (fb->type == FB_RGB)
		base = x86_ioremap_wc(fb->addr, (size_t)size);
	else
		base = x86_ioremap(fb->addr, (size_t)size);
	console_register(screen_console_setup(fb, base));
}

/* Map the RAM above 4 GiB; without page tables for it, keep what lies below. */
static void map_high_ram(struct boot_info *bi)
{
	int err = x86_map_ram(bi);
	unsigned int i, n = 0;

	if (!err)
		return;
	pr_warn("[MM] cannot map the RAM above 4 GiB (%s): using only what lies below\n",
		err_name(err));
	for (i = 0; i < bi->nmem; i++) {
		struct mem_region r = bi->mem[i];

		if (r.base >= FOUR_GIB)
			continue;
		r.size = MIN(r.size, FOUR_GIB - r.base);
		bi->mem[n++] = r;
	}
	bi->nmem = n;
}

/* COM1, where every PC's serial console is (the board's early UART, ISA IRQ 4). */
static const struct fw_device com1 = {
	.compatible = "ns16550a", .node = FW_NO_NODE, .io_port = true, .nregs = 1,
	.regs = { { .base = CONFIG_X86_EARLY_UART_PORT, .size = 8 } },
	.nirqs = 1, .irqs = { VEC_GSI_BASE + CONFIG_X86_EARLY_UART_IRQ },
};

void x86_boot(u32 magic, uintptr_t mbi)
{
	struct boot_info *bi = &boot_info;
	struct percpu *p = percpu_of(0);
	const struct console *con = console_setup("ns16550a", &com1);
	struct mb2_result res;

	if (con)
		console_register(con);
	p->self = p;
	p->cpu = 0;
	x86_cpu_init(p);		/* GDT, TSS, IDT, GS base */
	if (magic != MB2_BOOTLOADER_MAGIC)
		panic("not started by a multiboot2 boot loader (magic 0x%x)", magic);
	if (mb2_parse((const void *)mbi, 1u << 20, bi, &res))
		panic("malformed multiboot2 boot information at 0x%lx", (unsigned long)mbi);
	pick_rsdp(bi, &res);
	screen_init(&bi->fb);
	bi->image_base = x86_image_pa(_text);
	bi->image_link = KERNEL_LINK_PHYS;
	bi->image_size = (uintptr_t)_end - (uintptr_t)_text;
	bootinfo_add_reserved(bi, bi->image_base, bi->image_size);
	bootinfo_add_reserved(bi, res.mbi_start, res.mbi_end - res.mbi_start);
	x86_trampoline_reserve(res.low_page);
	map_high_ram(bi);
	kernel_main(bi);
}
