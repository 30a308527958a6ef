/*
 * The ACPI tables as fw_probe() reads them (drivers/firmware/acpi.c over
 * acpi-tables.c), laid out in a fake physical memory (tests/unit/physmem.c)
 * that the input fills: the RSDP, XSDT or RSDT, MADT, FADT with its DSDT's
 * \_S5, HPET, SRAT and SLIT, at whatever addresses the tables name; then
 * the CPU list and NUMA description through topology_init and numa_init.
 *
 * Input: one byte of mode, then the memory. Mode bit 0 set: the memory
 * starts at physical 0 and is exactly the input's size, and the boot
 * loader hands over a copy of its first (mode >> 1) bytes as the RSDP
 * (the multiboot2 tag's payload, in a buffer of exactly that length).
 * Bit 0 clear: no copy; the memory is placed at the BIOS area (0xe0000),
 * at least 1 MiB of it, and the RSDP is searched for there.
 */
#include <sis/acpi_tables.h>
#include <sis/bootinfo.h>
#include <sis/firmware.h>
#include <sis/numa.h>
#include <sis/topology.h>

#include "fuzz.h"
#include "host.h"
#include "physmem.h"

#define BIOS_AREA	0xe0000
#define LOW_MEM		0x100000

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct fw_machine m;
	struct boot_info bi;
	uint8_t mode, *copy = NULL;
	size_t n;

	if (size < 1)
		return 0;
	mode = data[0];
	data++, size--;
	memset(&bi, 0, sizeof(bi));
	if (mode & 1) {
		if (!physmem_reset(size))
			abort();
		memcpy(host_phys, data, size);
		n = (size_t)(mode >> 1) < size ? (size_t)(mode >> 1) : size;
		copy = fuzz_copy(data, n);
		bi.rsdp = copy;
		bi.rsdp_len = n;
	} else {
		n = BIOS_AREA + size > LOW_MEM ? BIOS_AREA + size : LOW_MEM;
		if (!physmem_reset(n))
			abort();
		memcpy(host_phys + BIOS_AREA, data, size);
	}
	memset(&m, 0, sizeof(m));
	FUZZ_CHECK(fw_probe(&bi, &m) == 0);
	FUZZ_CHECK(m.ncpus <= FW_CPUS_MAX && m.nrefclocks <= FW_REFCLOCKS_MAX);
	/* What kernel/platform.c does with the description next. */
	topology_init(m.cpus, m.ncpus, m.ncpus_dropped);
	numa_init(&m);
	host_log_clear();
	free(copy);
	return 0;
}
