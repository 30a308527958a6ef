/*
 * Flattened device tree reader (see include/sis/fdt.h).
 *
 * A blob is a header, a memory reservation block (pairs of be64 until
 * 0,0), a structure block of be32 tokens (BEGIN_NODE name, PROP len
 * nameoff value, END_NODE, NOP, END; each padded to 4 bytes) and a
 * strings block holding property names. fdt_open() validates all of it
 * once; the accessors below re-check the bounds they rely on anyway, so a
 * blob that changes under us (or a bug) cannot make them read outside it.
 *
 * Runs with the MMU off on arm64: byte loads only, no locks, no heap.
 */
#include <sis/compiler.h>
#include <sis/errno.h>
#include <sis/fdt.h>
#include <sis/string.h>

#define FDT_BEGIN_NODE	1
#define FDT_END_NODE	2
#define FDT_PROP	3
#define FDT_NOP		4
#define FDT_END		9


/* Header fields, by byte offset. */
enum {
	HDR_MAGIC = 0, HDR_TOTALSIZE = 4, HDR_OFF_STRUCT = 8, HDR_OFF_STRINGS = 12,
	HDR_OFF_RSVMAP = 16, HDR_VERSION = 20, HDR_LAST_COMP = 24,
	HDR_SIZE_STRINGS = 32, HDR_SIZE_STRUCT = 36,
};

u64 fdt_cells(const void *p, int n)
{
	const u8 *b = p;

	if (n == 1)
		return fdt32(b);
	if (n == 2)
		return (u64)fdt32(b) << 32 | fdt32(b + 4);
	return 0;
}

static const u8 *sblock(const struct fdt *f)
{
	return f->blob + f->struct_off;
}

/*
 * The token at off (relative to the structure block) and, in *next, the
 * offset of the one after it. A negative return means off or the entry
 * there is outside the block; *why (if given) says how.
 */
static int next_tag(const struct fdt *f, u32 off, u32 *next, const char **why)
{
	const u8 *s = sblock(f);
	u32 end = f->struct_size, n;
	int tag;

	if ((off & 3) || end < 4 || off > end - 4) {
		if (why)
			*why = "structure block ends without an FDT_END token";
		return -EINVAL;
	}
	tag = (int)fdt32(s + off);
	off += 4;
	switch (tag) {
	case FDT_BEGIN_NODE:
		n = (u32)strnlen((const char *)s + off, end - off);
		if (n == end - off) {
			if (why)
				*why = "node name runs past the structure block";
			return -EINVAL;
		}
		off += n + 1;
		break;
	case FDT_PROP:
		if (end - off < 8 || fdt32(s + off) > end - off - 8) {
			if (why)
				*why = "property runs past the structure block";
			return -EINVAL;
		}
		off += 8 + fdt32(s + off);
		break;
	case FDT_END_NODE:
	case FDT_NOP:
	case FDT_END:
		break;
	default:
		if (why)
			*why = "unknown token in the structure block";
		return -EINVAL;
	}
	*next = ALIGN_UP(off, 4u);
	return tag;
}

/* A property's name, or NULL when its offset is outside the strings block. */
static const char *prop_name(const struct fdt *f, u32 nameoff)
{
	const char *s = (const char *)f->blob + f->strings_off;

	if (nameoff >= f->strings_size ||
	    strnlen(s + nameoff, f->strings_size - nameoff) == f->strings_size - nameoff)
		return NULL;
	return s + nameoff;
}

static int check_header(struct fdt *f, const u8 *b, size_t buflen, const char **why)
{
	u32 off_struct, off_strings, size_struct, size_strings;

	if (!b || buflen < FDT_HDR_SIZE)
		return *why = "blob smaller than a device tree header", -EINVAL;
	if (fdt32(b + HDR_MAGIC) != FDT_MAGIC)
		return *why = "bad magic (not a device tree)", -EINVAL;
	f->size = fdt32(b + HDR_TOTALSIZE);
	if (f->size < FDT_HDR_SIZE || f->size > FDT_MAX_SIZE)
		return *why = "implausible totalsize in the header", -EINVAL;
	if (f->size > buflen)
		return *why = "truncated: totalsize is larger than the blob", -EINVAL;
	f->version = fdt32(b + HDR_VERSION);
	if (f->version < 16 || fdt32(b + HDR_LAST_COMP) > 17)
		return *why = "unsupported device tree version (need 16 or 17)", -EINVAL;
	off_struct = fdt32(b + HDR_OFF_STRUCT);
	off_strings = fdt32(b + HDR_OFF_STRINGS);
	f->rsv_off = fdt32(b + HDR_OFF_RSVMAP);
	size_strings = fdt32(b + HDR_SIZE_STRINGS);
	size_struct = f->version >= 17 ? fdt32(b + HDR_SIZE_STRUCT)
				       : f->size - MIN(off_struct, f->size);
	if ((off_struct & 3) || (f->rsv_off & 7))
		return *why = "structure or reservation block misaligned", -EINVAL;
	if (off_struct < FDT_HDR_SIZE || off_struct > f->size ||
	    size_struct > f->size - off_struct)
		return *why = "structure block lies outside the blob", -EINVAL;
	if (off_strings > f->size || size_strings > f->size - off_strings)
		return *why = "strings block lies outside the blob", -EINVAL;
	if (f->rsv_off < FDT_HDR_SIZE || f->rsv_off > f->size)
		return *why = "memory reservation block lies outside the blob", -EINVAL;
	f->struct_off = off_struct;
	f->struct_size = size_struct;
	f->strings_off = off_strings;
	f->strings_size = size_strings;
	return 0;
}

static int check_rsvmap(const struct fdt *f, const char **why)
{
	u32 off;

	for (off = f->rsv_off; f->size - off >= 16; off += 16)
		if (!fdt_cells(f->blob + off, 2) && !fdt_cells(f->blob + off + 8, 2))
			return 0;
	*why = "memory reservation block not terminated inside the blob";
	return -EINVAL;
}

/* Walk every token once: balanced nodes, one root, names inside their blocks. */
static int check_struct(const struct fdt *f, const char **why)
{
	u32 off = 0, next;
	int depth = 0, tag;
	bool root = false;

	for (;;) {
		tag = next_tag(f, off, &next, why);
		if (tag < 0)
			return tag;
		if (tag == FDT_BEGIN_NODE) {
			if (depth == 0 && root)
				return *why = "more than one root node", -EINVAL;
			if (++depth > FDT_MAX_DEPTH)
				return *why = "nodes nested too deep", -EINVAL;
			root = true;
		} else if (tag == FDT_END_NODE) {
			if (depth-- == 0)
				return *why = "END_NODE without a node", -EINVAL;
		} else if (tag == FDT_PROP) {
			if (depth == 0)
				return *why = "property outside any node", -EINVAL;
			if (!prop_name(f, fdt32(sblock(f) + off + 8)))
				return *why = "property name outside the strings block", -EINVAL;
		} else if (tag == FDT_END) {
			break;
		}
		off = next;
	}
	if (depth != 0)
		return *why = "structure block ends inside a node", -EINVAL;
	if (!root)
		return *why = "no root node", -EINVAL;
	return 0;
}

int fdt_open(struct fdt *f, const void *blob, size_t buflen, const char **why)
{
	const char *dummy;
	int err;

	if (!why)
		why = &dummy;
	*why = NULL;
	memset(f, 0, sizeof(*f));
	err = check_header(f, blob, buflen, why);
	if (!err) {
		f->blob = blob;
		err = check_rsvmap(f, why);
	}
	if (!err)
		err = check_struct(f, why);
	if (err)
		memset(f, 0, sizeof(*f));
	return err;
}

int fdt_root(const struct fdt *f)
{
	u32 off = 0, next;
	int tag;

	if (!f->blob)
		return -EINVAL;
	while ((tag = next_tag(f, off, &next, NULL)) == FDT_NOP)
		off = next;
	return tag == FDT_BEGIN_NODE ? (int)off : -ENOENT;
}

int fdt_next_node(const struct fdt *f, int node, int *depth)
{
	u32 off, next;
	int tag;

	if (node < 0 || next_tag(f, (u32)node, &next, NULL) != FDT_BEGIN_NODE)
		return -EINVAL;
	for (;;) {
		off = next;
		tag = next_tag(f, off, &next, NULL);
		if (tag < 0)
			return tag;
		if (tag == FDT_BEGIN_NODE) {
			if (depth)
				(*depth)++;
			return (int)off;
		}
		if (tag == FDT_END_NODE && depth && --(*depth) < 0)
			return -ENOENT;
		if (tag == FDT_END)
			return -ENOENT;
	}
}

int fdt_first_child(const struct fdt *f, int node)
{
	int depth = 0;
	int n = fdt_next_node(f, node, &depth);

	return (n < 0 || depth != 1) ? -ENOENT : n;
}

int fdt_next_sibling(const struct fdt *f, int node)
{
	int depth = 1;

	do {
		node = fdt_next_node(f, node, &depth);
		if (node < 0 || depth < 1)
			return -ENOENT;
	} while (depth > 1);
	return node;
}

int fdt_parent(const struct fdt *f, int node)
{
	int stack[FDT_MAX_DEPTH + 1];
	int depth = 0, n = fdt_root(f);

	if (n < 0 || n == node)
		return -ENOENT;
	stack[0] = n;
	while ((n = fdt_next_node(f, n, &depth)) >= 0) {
		if (depth < 1 || depth > FDT_MAX_DEPTH)
			return -ENOENT;
		stack[depth] = n;
		if (n == node)
			return stack[depth - 1];
	}
	return -ENOENT;
}

const char *fdt_node_name(const struct fdt *f, int node)
{
	u32 next;

	if (node < 0 || next_tag(f, (u32)node, &next, NULL) != FDT_BEGIN_NODE)
		return NULL;
	return (const char *)sblock(f) + node + 4;
}

/* name (len bytes) matches "name" exactly, or "name@unit" when name has no '@'. */
static bool name_matches(const char *node, const char *name, size_t len)
{
	size_t i;

	if (strncmp(node, name, len) || strnlen(node, len) < len)
		return false;
	if (node[len] == '\0')
		return true;
	for (i = 0; i < len; i++)
		if (name[i] == '@')
			return false;
	return node[len] == '@';
}

static int subnode_n(const struct fdt *f, int parent, const char *name, size_t len)
{
	int n;

	for (n = fdt_first_child(f, parent); n >= 0; n = fdt_next_sibling(f, n))
		if (name_matches(fdt_node_name(f, n), name, len))
			return n;
	return -ENOENT;
}

int fdt_subnode(const struct fdt *f, int parent, const char *name)
{
	return subnode_n(f, parent, name, strlen(name));
}

/* Length of s up to its first ':' (stdout-path options follow it). */
static size_t strcspn_colon(const char *s)
{
	const char *c = strchr(s, ':');

	return c ? (size_t)(c - s) : strlen(s);
}

/* Follow "a/b/c" (no leading '/') down from node. */
static int walk_path(const struct fdt *f, int node, const char *p)
{
	while (node >= 0 && *p) {
		const char *slash = strchr(p, '/');
		size_t len = slash ? (size_t)(slash - p) : strlen(p);

		if (len)
			node = subnode_n(f, node, p, len);
		p += len + (slash ? 1 : 0);
	}
	return node;
}

/*
 * The value of node's property whose name is name[0..nlen), or NULL.
 * Properties come before subnodes, so the scan stops at the first child.
 */
static const u8 *find_prop(const struct fdt *f, int node, const char *name,
			   size_t nlen, u32 *len)
{
	u32 off, next;
	int tag;

	if (node < 0 || next_tag(f, (u32)node, &next, NULL) != FDT_BEGIN_NODE)
		return NULL;
	for (;;) {
		const char *pn;

		off = next;
		tag = next_tag(f, off, &next, NULL);
		if (tag == FDT_NOP)
			continue;
		if (tag != FDT_PROP)
			return NULL;
		pn = prop_name(f, fdt32(sblock(f) + off + 8));
		if (pn && strlen(pn) == nlen && !strncmp(pn, name, nlen)) {
			if (len)
				*len = fdt32(sblock(f) + off + 4);
			return sblock(f) + off + 12;
		}
	}
}

int fdt_path(const struct fdt *f, const char *path)
{
	const char *slash, *target;
	int root = fdt_root(f);
	size_t len;
	u32 vlen;

	if (root < 0 || !path)
		return -ENOENT;
	if (path[0] == '/')
		return walk_path(f, root, path + 1);
	/* An alias: its value must itself be an absolute path. */
	slash = strchr(path, '/');
	len = slash ? (size_t)(slash - path) : strlen(path);
	target = (const char *)find_prop(f, fdt_subnode(f, root, "aliases"), path, len, &vlen);
	if (!target || vlen < 2 || target[vlen - 1] != '\0' || target[0] != '/')
		return -ENOENT;
	root = walk_path(f, root, target + 1);
	return slash ? walk_path(f, root, slash + 1) : root;
}

int fdt_find_compatible(const struct fdt *f, int from, const char *compat)
{
	int n = from < 0 ? fdt_root(f) : fdt_next_node(f, from, NULL);

	for (; n >= 0; n = fdt_next_node(f, n, NULL))
		if (fdt_is_compatible(f, n, compat))
			return n;
	return -ENOENT;
}

const void *fdt_prop(const struct fdt *f, int node, const char *name, u32 *len)
{
	return find_prop(f, node, name, strlen(name), len);
}

const char *fdt_prop_str(const struct fdt *f, int node, const char *name)
{
	u32 len;
	const char *s = fdt_prop(f, node, name, &len);

	if (!s || len == 0 || s[len - 1] != '\0')
		return NULL;
	return s;
}

bool fdt_prop_has(const struct fdt *f, int node, const char *name, const char *str)
{
	u32 len, pos = 0;
	const char *s = fdt_prop(f, node, name, &len);

	if (!s)
		return false;
	while (pos < len) {
		size_t n = strnlen(s + pos, len - pos);

		if (n < len - pos && !strcmp(s + pos, str))
			return true;
		pos += (u32)n + 1;
	}
	return false;
}

bool fdt_is_compatible(const struct fdt *f, int node, const char *compat)
{
	return fdt_prop_has(f, node, "compatible", compat);
}

u32 fdt_prop_u32(const struct fdt *f, int node, const char *name, u32 def)
{
	u32 len;
	const void *p = fdt_prop(f, node, name, &len);

	return (p && len == 4) ? fdt32(p) : def;
}

bool fdt_node_enabled(const struct fdt *f, int node)
{
	u32 len;
	const char *s = fdt_prop(f, node, "status", &len);

	if (!s)
		return true;
	return (len == 5 && !strcmp(s, "okay")) || (len == 3 && !strcmp(s, "ok"));
}

int fdt_addr_cells(const struct fdt *f, int node)
{
	return (int)fdt_prop_u32(f, node, "#address-cells", 2);
}

int fdt_size_cells(const struct fdt *f, int node)
{
	return (int)fdt_prop_u32(f, node, "#size-cells", 1);
}

/*
 * Map addr, an address on node's bus (node's children's address space),
 * to its parent's through node's "ranges": empty ranges is the identity,
 * no ranges means the bus is not memory mapped.
 */
static int translate_one(const struct fdt *f, int node, int parent, u64 *addr)
{
	int ac = fdt_addr_cells(f, node), sc = fdt_size_cells(f, node);
	int pac = fdt_addr_cells(f, parent);
	u32 len, esz, pos;
	const u8 *r = fdt_prop(f, node, "ranges", &len);

	if (!r)
		return -ERANGE;
	if (len == 0)
		return 0;
	if (ac < 1 || ac > 2 || pac < 1 || pac > 2 || sc < 1 || sc > 2)
		return -EINVAL;
	esz = (u32)(ac + pac + sc) * 4;
	for (pos = 0; len - pos >= esz; pos += esz) {
		u64 child = fdt_cells(r + pos, ac);
		u64 par = fdt_cells(r + pos + ac * 4, pac);
		u64 size = fdt_cells(r + pos + (ac + pac) * 4, sc);

		if (*addr >= child && *addr - child < size) {
			*addr = par + (*addr - child);
			return 0;
		}
	}
	return -ERANGE;
}

/* Outputs are written only on success: a caller that misses an error sees nothing new. */
int fdt_reg(const struct fdt *f, int node, unsigned int idx, u64 *addr, u64 *size)
{
	int bus = fdt_parent(f, node), root = fdt_root(f), ac, sc, err;
	u32 len, esz;
	const u8 *reg = fdt_prop(f, node, "reg", &len);
	u64 a, sz;

	if (bus < 0 || !reg)
		return -ENOENT;
	ac = fdt_addr_cells(f, bus);
	sc = fdt_size_cells(f, bus);
	if (ac < 1 || ac > 2 || sc < 0 || sc > 2)
		return -EINVAL;
	esz = (u32)(ac + sc) * 4;
	if (idx >= len / esz)
		return -ENOENT;
	a = fdt_cells(reg + idx * esz, ac);
	sz = sc ? fdt_cells(reg + idx * esz + ac * 4, sc) : 0;
	/* Up the tree: each bus below the root maps into its parent's space. */
	while (bus != root) {
		int up = fdt_parent(f, bus);

		if (up < 0)
			return -EINVAL;
		err = translate_one(f, bus, up, &a);
		if (err)
			return err;
		bus = up;
	}
	*addr = a;
	if (size)
		*size = sz;
	return 0;
}

int fdt_memreserve(const struct fdt *f, unsigned int idx, u64 *addr, u64 *size)
{
	u64 off = f->rsv_off + (u64)idx * 16, a, sz;

	if (!f->blob || off + 16 > f->size)
		return -ENOENT;
	a = fdt_cells(f->blob + off, 2);
	sz = fdt_cells(f->blob + off + 8, 2);
	if (!a && !sz)
		return -ENOENT;
	*addr = a;
	*size = sz;
	return 0;
}

int fdt_stdout(const struct fdt *f)
{
	char path[128];
	int chosen = fdt_path(f, "/chosen");
	const char *s = fdt_prop_str(f, chosen, "stdout-path");
	size_t n;

	if (!s)
		s = fdt_prop_str(f, chosen, "linux,stdout-path");
	if (!s)
		return -ENOENT;
	n = strcspn_colon(s);
	if (n >= sizeof(path))
		return -ERANGE;
	memcpy(path, s, n);
	path[n] = '\0';
	return fdt_path(f, path);
}
