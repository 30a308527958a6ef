/*
 * The multiboot2 boot information as x86_boot() takes it
 * (arch/x86_64/multiboot2.c), then what consumes it: the memory map
 * (regions inside what was given, none below 1 MiB, no wrap), the
 * command line (kernel/cmdline.c), and the RSDP copy with its length
 * through fw_probe() (drivers/firmware/acpi.c), the input itself
 * standing as the physical memory its table addresses point into.
 */
#include <sis/bootinfo.h>
#include <sis/cmdline.h>
#include <sis/firmware.h>

#include "../../arch/x86_64/multiboot2.h"
#include "fuzz.h"
#include "host.h"
#include "physmem.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct fw_machine m;
	static struct boot_info bi;
	struct mb2_result res;
	uint8_t *mbi = fuzz_copy(data, size);
	unsigned int i;

	memset(&bi, 0, sizeof(bi));
	if (mb2_parse(mbi, size, &bi, &res)) {
		free(mbi);
		return 0;
	}
	FUZZ_CHECK(res.mbi_start == (uintptr_t)mbi && res.mbi_end <= (uintptr_t)mbi + size);
	FUZZ_CHECK(bi.nmem <= BOOT_MAX_REGIONS);
	for (i = 0; i < bi.nmem; i++) {
		FUZZ_CHECK(bi.mem[i].base >= 0x100000 && bi.mem[i].size);
		FUZZ_CHECK(bi.mem[i].base + bi.mem[i].size - 1 >= bi.mem[i].base);
	}
	FUZZ_CHECK(res.low_page == 0 || (res.low_page >= 0x1000 && res.low_page < 0x100000 &&
					 !(res.low_page & 0xfff)));
	cmdline_init(bi.cmdline);
	cmdline_report();
	cmdline_has("poweroff");
	cmdline_get_u64("soak", 0);
	/* setup.c's choice: the ACPI 2.0+ copy when there is one, with its length. */
	bi.rsdp = res.rsdp_new ? res.rsdp_new : res.rsdp_old;
	bi.rsdp_len = res.rsdp_new ? res.rsdp_new_len : res.rsdp_old_len;
	FUZZ_CHECK(!bi.rsdp || ((const uint8_t *)bi.rsdp >= mbi &&
				(const uint8_t *)bi.rsdp + bi.rsdp_len <= mbi + size));
	if (bi.rsdp) {
		if (!physmem_reset(size))
			abort();
		memcpy(host_phys, data, size);
		memset(&m, 0, sizeof(m));
		fw_probe(&bi, &m);
	}
	host_log_clear();
	free(mbi);
	return 0;
}
