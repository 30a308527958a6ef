/*
 * The boot CPU's C entry (from head.S, MMU off, BSS clear, relocated):
 * find the device tree (its cache lines cleaned first: dtb_make_coherent),
 * build the identity map from its memory map, turn the MMU on, then
 * per-CPU pointer, vectors and console, and hand a filled struct
 * boot_info to kernel_main().
 *
 * Until mmu_init() returns, nothing here may take a lock or print: with
 * the MMU off memory is Device-typed and exclusives are not allowed.
 * Problems found then are remembered and reported once the console runs.
 */
#include <sis/arch.h>
#include <sis/console.h>
#include <sis/firmware.h>
#include <sis/mm.h>
#include <sis/of.h>
#include <sis/percpu.h>
#include <sis/printk.h>
#include <asm/boot.h>
#include <asm/sysreg.h>

#define FALLBACK_RAM_SIZE (64ull << 20)

BUILD_ASSERT(__builtin_offsetof(struct percpu, self) == PERCPU_SELF);
BUILD_ASSERT(__builtin_offsetof(struct percpu, stack_top) == PERCPU_STACK_TOP);
BUILD_ASSERT(PERCPU_STACK_TOP == 8);	/* head.S's copy */

/* Linked from the board's rpi5.dtb (builtin-dtb.S) when CONFIG_BUILTIN_DTB. */
extern const u8 builtin_dtb[], builtin_dtb_end[];

unsigned int arm64_boot_el;
static struct boot_info boot_info;
static phys_addr_t dtb_given;
static const char *dtb_problem;		/* why x0's tree was not used */
static bool dtb_builtin;		/* running on the built-in tree */
static bool mem_guessed;		/* no /memory: RAM assumed around the image */

/*
 * The loader's tree is read here with the MMU off, where every load is
 * Non-cacheable and goes to memory. booting.rst promises only that the
 * kernel image was cleaned to the point of coherency; the firmware may
 * have written (or patched: TF-A adds nodes) the tree with its caches on
 * and left the newest data in a cache, dirty, or left stale lines that a
 * cacheable read after the MMU is on would hit. So clean and invalidate
 * the tree's lines first: DC CIVAC, not DC IVAC, which may throw away
 * dirty lines, the very data we want. The header comes first, as the
 * size to maintain is read from it.
 */
static const u8 *dtb_make_coherent(phys_addr_t dtb)
{
	const u8 *blob = (const u8 *)(uintptr_t)dtb;
	u32 size;

	dcache_clean_inval_poc(dtb, dtb + FDT_HDR_SIZE);
	size = MIN(fdt32(blob + 4), FDT_MAX_SIZE);
	if (fdt32(blob) == FDT_MAGIC && size > FDT_HDR_SIZE)
		dcache_clean_inval_poc(dtb + FDT_HDR_SIZE, dtb + size);
	return blob;
}

static void choose_dtb(phys_addr_t dtb)
{
	const u8 *blob = NULL;
	const char *why;

	dtb_given = dtb;
	if (dtb && !(dtb & 7))
		blob = dtb_make_coherent(dtb);
	if (!dtb)
		why = "x0 holds no device tree address";
	else if (dtb & 7)
		why = "x0 holds a misaligned device tree address";
	else if (fdt32(blob) != FDT_MAGIC)
		why = "bad magic (not a device tree)";
	else if (!of_early_init(blob, fdt32(blob + 4), &why))
		return;
	dtb_problem = why;
	if (IS_ENABLED(CONFIG_BUILTIN_DTB) &&
	    !of_early_init(builtin_dtb, (size_t)(builtin_dtb_end - builtin_dtb), &why))
		dtb_builtin = true;
}

static void nomap(phys_addr_t base, u64 size)
{
	mmu_unmap(base, size);
}

/* RAM and reservations into bi, and the identity map built from them. */
static void early_memory_map(struct boot_info *bi)
{
	phys_addr_t text = (phys_addr_t)(uintptr_t)_text;
	u64 image = (u64)(_end - _text);
	unsigned int i;

	if (!of_fdt.blob || of_scan_memory(bi)) {
		mem_guessed = true;
		bootinfo_add_mem(bi, ALIGN_DOWN(text, 2ull << 20), FALLBACK_RAM_SIZE);
	}
	mmu_map_reset();
	for (i = 0; i < bi->nmem; i++)
		mmu_map(bi->mem[i].base, bi->mem[i].size, true);
	/* Page 0 stays out even where RAM starts at 0 (the Pi 3 and 4): NULL faults. */
	mmu_unmap(0, PAGE_SIZE);
	bootinfo_add_reserved(bi, 0, PAGE_SIZE);
	mmu_map(text, image, true);	/* whatever the tree says, we run here */
	if (of_fdt.blob)
		of_scan_reserved(bi, nomap);
	bootinfo_add_reserved(bi, text, image);
	if (of_fdt.blob && !dtb_builtin)
		bootinfo_add_reserved(bi, (phys_addr_t)(uintptr_t)of_fdt.blob, of_fdt.size);
}

/* The tree's stdout-path, else the PL011 the board names (its clock unknown). */
static void console_init_early(void)
{
	static const struct fw_device board_uart = {
		.node = FW_NO_NODE, .nregs = 1,
		.regs = { { .base = CONFIG_ARM64_EARLY_UART_PHYS, .size = 0x1000 } },
	};
	const struct console *con = NULL;

	if (of_fdt.blob)
		con = of_console_setup();
	if (!con)
		con = console_setup("arm,pl011", &board_uart);
	if (con)
		console_register(con);
}

/* Said after the console is up: the banner follows. */
static void report_early_problems(void)
{
	if (dtb_problem)
		pr_err("[OF] device tree at 0x%llx unusable: %s; %s\n",
		       (unsigned long long)dtb_given, dtb_problem,
		       dtb_builtin ? "using the built-in rpi5 tree" : "no tree to fall back on");
	if (mem_guessed)
		pr_err("[OF] no /memory node: assuming %llu MiB of RAM at 0x%llx\n",
		       (unsigned long long)(FALLBACK_RAM_SIZE >> 20),
		       (unsigned long long)boot_info.mem[0].base);
}

void arm64_boot(phys_addr_t dtb, unsigned int el)
{
	struct boot_info *bi = &boot_info;

	arm64_boot_el = el;
	choose_dtb(dtb);
	early_memory_map(bi);
	mmu_init();
	/* MMU and caches on: atomics, locks and printk are allowed from here. */
	percpu_boot.self = &percpu_boot;
	percpu_boot.cpu = 0;
	arch_set_this_cpu(&percpu_boot);
	write_sysreg(vbar_el1, (uintptr_t)vectors);
	isb();
	console_init_early();
	report_early_problems();
	bi->cmdline = of_fdt.blob ? of_bootargs() : "";
	bi->dtb = of_fdt.blob;
	kernel_main(bi);
}

void arch_set_this_cpu(struct percpu *p)
{
	write_sysreg(tpidr_el1, (uintptr_t)p);
}

u64 arch_cpu_hwid(void)
{
	return read_sysreg(mpidr_el1) & MPIDR_HWID_MASK;
}

u64 arch_counter_freq(void)
{
	return read_sysreg(cntfrq_el0);
}

uintptr_t arch_secondary_entry(void)
{
	return (uintptr_t)secondary_entry;
}

void arch_halt(void)
{
	__asm__ __volatile__("msr daifset, #0xf" ::: "memory");
	for (;;)
		__asm__ __volatile__("wfi");
}
