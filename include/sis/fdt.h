/*
 * A bounds-checked reader for flattened device trees (drivers/firmware/fdt.c).
 *
 * fdt_open() checks the header and walks the whole structure block once,
 * so a malformed or truncated blob is refused up front with a message that
 * names what is wrong; every accessor still checks its bounds and never
 * reads outside [blob, blob + totalsize). The reader uses no locks, no
 * heap and only byte loads: the arm64 entry runs it with the MMU off.
 *
 * Nodes are named by their offset in the structure block (>= 0); a
 * negative value is an error (-ENOENT when there is no such node).
 */
#ifndef SIS_FDT_H
#define SIS_FDT_H

#include <sis/types.h>

#define FDT_MAGIC	0xd00dfeedu
#define FDT_MAX_DEPTH	32
#define FDT_HDR_SIZE	40		/* the header; totalsize at byte 4 */
#define FDT_MAX_SIZE	(64u << 20)	/* anything larger is not a real DTB */

struct fdt {
	const u8 *blob;
	u32 size;		/* totalsize from the header */
	u32 struct_off;
	u32 struct_size;
	u32 strings_off;
	u32 strings_size;
	u32 rsv_off;
	u32 version;
};

/* Big-endian cells as they sit in a property. */
static inline u32 fdt32(const void *p)
{
	const u8 *b = p;

	return (u32)b[0] << 24 | (u32)b[1] << 16 | (u32)b[2] << 8 | b[3];
}

/* n cells (1 or 2) as one number; 0 for any other n. */
u64 fdt_cells(const void *p, int n);

/* Check and open a blob of at most buflen bytes; on error *why says what. */
int fdt_open(struct fdt *f, const void *blob, size_t buflen, const char **why);

/* Walking the tree: depth is updated like libfdt's (root at 0). */
int fdt_root(const struct fdt *f);
int fdt_next_node(const struct fdt *f, int node, int *depth);
int fdt_first_child(const struct fdt *f, int node);
int fdt_next_sibling(const struct fdt *f, int node);
int fdt_parent(const struct fdt *f, int node);
const char *fdt_node_name(const struct fdt *f, int node);
/* Child called name ("cpus") or name@unit ("cpu@0", also matched by "cpu"). */
int fdt_subnode(const struct fdt *f, int parent, const char *name);
/* An absolute path ("/cpus/cpu@0") or an alias ("serial0", "serial0/x"). */
int fdt_path(const struct fdt *f, const char *path);
/* The next node after from (-1: the first) compatible with compat. */
int fdt_find_compatible(const struct fdt *f, int from, const char *compat);

/* Properties: the value and its length, or NULL. */
const void *fdt_prop(const struct fdt *f, int node, const char *name, u32 *len);
/* A string property, NUL-terminated inside its value; NULL otherwise. */
const char *fdt_prop_str(const struct fdt *f, int node, const char *name);
/* True when the string list property name holds str. */
bool fdt_prop_has(const struct fdt *f, int node, const char *name, const char *str);
bool fdt_is_compatible(const struct fdt *f, int node, const char *compat);
/* A one-cell property, or def when absent or of the wrong size. */
u32 fdt_prop_u32(const struct fdt *f, int node, const char *name, u32 def);
/* status absent, "okay" or "ok". */
bool fdt_node_enabled(const struct fdt *f, int node);

/* #address-cells / #size-cells that node gives its children (2 / 1 by default). */
int fdt_addr_cells(const struct fdt *f, int node);
int fdt_size_cells(const struct fdt *f, int node);
/*
 * Entry idx of node's reg, translated through the parents' ranges to a
 * CPU physical address. -ENOENT when there is no such entry, -ERANGE when
 * no parent range covers it, -EINVAL for malformed cells. On any error
 * *addr and *size are left as they were.
 */
int fdt_reg(const struct fdt *f, int node, unsigned int idx, u64 *addr, u64 *size);
/* Entry idx of the memory reservation block (-ENOENT past the end, outputs untouched). */
int fdt_memreserve(const struct fdt *f, unsigned int idx, u64 *addr, u64 *size);
/* The node /chosen/stdout-path names (options after ':' are ignored). */
int fdt_stdout(const struct fdt *f);

#endif /* SIS_FDT_H */
