/*
 * The initramfs: a cpio archive in the "newc" format (as Linux's), made
 * by the build (scripts/mkcpio.py) and linked into the image between
 * __initramfs_start and __initramfs_end (user/initramfs.S).
 *
 * newc: each entry is a 110-byte header ("070701", then 13 fields of 8
 * hex digits: ino, mode, uid, gid, nlink, mtime, filesize, devmajor,
 * devminor, rdevmajor, rdevminor, namesize, check), the name with its
 * NUL, padding to a multiple of 4, the data, padding to 4. The entry
 * named "TRAILER!!!" ends it. Every size is checked against the end of
 * the archive: a damaged archive ends the walk, never overruns it.
 */
#include <sis/errno.h>
#include <sis/printk.h>
#include <sis/string.h>
#include "internal.h"

#define CPIO_HDR	110

extern const char __initramfs_start[], __initramfs_end[];

/* Field i (0 = ino) of a header as a number; false when not hex. */
static bool field(const char *h, unsigned int i, u32 *out)
{
	const char *f = h + 6 + 8 * i;
	u32 v = 0;
	unsigned int k;

	for (k = 0; k < 8; k++) {
		char c = f[k];
		unsigned int d;

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return false;
		v = v << 4 | d;
	}
	*out = v;
	return true;
}

struct cpio_entry {
	const char *name;
	const void *data;
	size_t size;
};

/*
 * The entry at *off of the archive [base, base + total); advances *off.
 * false at the end or on damage.
 */
static bool cpio_next(const char *base, size_t total, size_t *off, struct cpio_entry *e)
{
	const char *h = base + *off;
	u32 namesize, filesize;
	size_t data_off;

	if (*off > total || total - *off < CPIO_HDR || memcmp(h, "070701", 6) ||
	    !field(h, 11, &namesize) || !field(h, 6, &filesize))
		return false;
	if (namesize == 0 || namesize > total - *off - CPIO_HDR ||
	    h[CPIO_HDR + namesize - 1] != '\0')
		return false;
	data_off = ALIGN_UP(*off + CPIO_HDR + namesize, 4);
	if (data_off > total || filesize > total - data_off)
		return false;
	e->name = h + CPIO_HDR;
	if (!strcmp(e->name, "TRAILER!!!"))
		return false;
	e->data = base + data_off;
	e->size = filesize;
	*off = ALIGN_UP(data_off + filesize, 4);
	return true;
}

int cpio_find(const void *archive, size_t total, const char *path, const void **data,
	      size_t *size)
{
	struct cpio_entry e;
	size_t off = 0;

	while (*path == '/')
		path++;
	while (cpio_next(archive, total, &off, &e)) {
		if (!strcmp(e.name, path)) {
			*data = e.data;
			*size = e.size;
			return 0;
		}
	}
	return -ENOENT;
}

int initramfs_find(const char *path, const void **data, size_t *size)
{
	return cpio_find(__initramfs_start, (size_t)(__initramfs_end - __initramfs_start), path,
			 data, size);
}
