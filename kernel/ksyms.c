/*
 * Symbol lookup for backtraces. The table (scripts/ksyms.py) holds the
 * offsets of text symbols from _text, sorted, so it is right wherever
 * the image runs.
 */
#include <sis/panic.h>
#include <sis/printk.h>

extern const u32 ksyms_count;
extern const u32 ksyms_offsets[];
extern const u32 ksyms_name_offsets[];
extern const char ksyms_names[];
extern char _text[];

const char *ksym_lookup(uintptr_t addr, uintptr_t *offset)
{
	uintptr_t off = addr - (uintptr_t)_text;
	u32 lo = 0, hi = ksyms_count;

	if (addr < (uintptr_t)_text || ksyms_count == 0 || off < ksyms_offsets[0])
		return NULL;
	/* Last symbol whose offset is <= off. */
	while (hi - lo > 1) {
		u32 mid = lo + (hi - lo) / 2;

		if (ksyms_offsets[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	*offset = off - ksyms_offsets[lo];
	return &ksyms_names[ksyms_name_offsets[lo]];
}

const char *ksym_format(uintptr_t addr, char *buf, size_t size)
{
	uintptr_t off;
	const char *name = ksym_lookup(addr, &off);

	if (name)
		snprintf(buf, size, "%s+0x%lx", name, (unsigned long)off);
	else
		snprintf(buf, size, "0x%lx", (unsigned long)addr);
	return buf;
}
