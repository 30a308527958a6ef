/*
 * The device tree's "spin-table" enable method (Linux's
 * Documentation/arch/arm64/booting.rst, "spin-table"): before the
 * kernel runs, the firmware parks every secondary CPU in a loop that
 * waits (WFE) for a non-zero value at that CPU's cpu-release-addr, a
 * 64-bit word in memory the firmware reserved, then jumps to it with
 * the MMU off. On the Raspberry Pi 3 and 4 the armstub does this, and
 * QEMU's raspi boot stub does the same (release words 0xd8, 0xe0, 0xe8,
 * 0xf0 for cores 0-3, in the first page).
 *
 * To start a CPU: write its entry (spin-table-entry.S: one per logical
 * CPU, since the stub passes no argument) to its release address, clean
 * the line to the point of coherency (the parked CPU reads memory with
 * its caches off), then SEV to end its WFE. Each CPU has its own entry
 * and argument slot, so a CPU that came up late cannot take another's.
 *
 * A started CPU cannot be parked again: nothing in the method takes a
 * CPU back (no firmware call, and the kernel's own copy of a parking
 * loop would have to outlive the CPU's MMU and caches being turned off),
 * so stop is NULL and hotplug is refused.
 */
#include <sis/cpu_ops.h>
#include <sis/errno.h>
#include <sis/firmware.h>
#include <sis/mm.h>
#include <sis/printk.h>
#include <asm/boot.h>

#define SPIN_ENTRY_SIZE	8	/* bytes of code per CPU in spin-table-entry.S */
#define NO_RELEASE_ADDR	(~0ull)

extern const char spin_table_entries[];
/* Read by spin-table-entry.S with the MMU off: cleaned to PoC after each write. */
u64 spin_table_args[CONFIG_MAX_CPUS];
u64 spin_table_jump;

static const char *last_error;

static void clean_to_poc(const void *p, size_t size)
{
	dcache_clean_inval_poc((uintptr_t)p, (uintptr_t)p + size);
}

/*
 * Write the release word. It lives in memory the firmware reserved, and
 * on the Pi in page 0, which the identity map leaves out to catch NULL
 * pointers: map that page for the write and take it away again.
 */
static int release(u64 addr, u64 value)
{
	uintptr_t page = (uintptr_t)ALIGN_DOWN(addr, PAGE_SIZE);
	int level;
	bool mapped = mmu_lookup(page, &level) != 0;
	volatile u64 *word = (volatile u64 *)(uintptr_t)addr;
	int err = mapped ? 0 : mmu_map(page, PAGE_SIZE, true);

	if (err)
		return err;
	*word = value;
	clean_to_poc((const void *)word, sizeof(*word));
	__asm__ __volatile__("sev" ::: "memory");	/* after the DSB of the clean */
	if (!mapped)
		mmu_unmap(page, PAGE_SIZE);
	return 0;
}

static int spin_table_start(unsigned int cpu, u64 hwid, uintptr_t entry, uintptr_t arg)
{
	u64 addr = fw_cpu_prop_u64(hwid, "cpu-release-addr", NO_RELEASE_ADDR);

	last_error = NULL;
	if (addr == NO_RELEASE_ADDR || !addr || (addr & 7)) {
		last_error = addr == NO_RELEASE_ADDR ? "no cpu-release-addr in its device-tree node" :
			     "its cpu-release-addr is not an aligned address";
		return -EINVAL;
	}
	spin_table_args[cpu] = arg;
	spin_table_jump = entry;
	clean_to_poc(&spin_table_args[cpu], sizeof(spin_table_args[cpu]));
	clean_to_poc(&spin_table_jump, sizeof(spin_table_jump));
	return release(addr, (uintptr_t)spin_table_entries + (u64)cpu * SPIN_ENTRY_SIZE);
}

static const char *spin_table_strerror(int err)
{
	return err == -EINVAL ? last_error : NULL;
}

static const struct cpu_enable_method spin_table_method = {
	.match = {
		.name = "spin-table",
		.compatible = DRIVER_COMPATIBLE("spin-table"),
	},
	.start = spin_table_start,
	.strerror = spin_table_strerror,
};

CPU_METHOD_DECLARE(spin_table_method);
