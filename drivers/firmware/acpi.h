/* Inside drivers/firmware: reading tables, for acpi.c and its ktest (acpi_test.c). */
#ifndef DRIVERS_FIRMWARE_ACPI_H
#define DRIVERS_FIRMWARE_ACPI_H

#include <sis/types.h>

#define ACPI_TABLES_MAX	64

/* The addresses of the tables the XSDT (or RSDT) lists, in its order. */
struct acpi_root {
	u64 addr[ACPI_TABLES_MAX];
	unsigned int n;
};

/* The table at addr, mapped and validated (signature sig, length, checksum), or NULL, said why. */
const void *acpi_get_table(u64 addr, const char *sig, u32 *table_len);

/*
 * The address of the next table with signature sig at or after entry
 * *from of root (advanced past it), or 0 when there is none. A table that
 * cannot be mapped is skipped.
 */
u64 acpi_find(const struct acpi_root *root, const char *sig, unsigned int *from);

#endif /* DRIVERS_FIRMWARE_ACPI_H */
