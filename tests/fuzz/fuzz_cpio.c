/*
 * The initramfs reader (kernel/user/initramfs.c): cpio_find over an
 * archive of exactly the input's size, for paths that are and are not
 * in it. A file found lies wholly inside the archive; no read leaves it.
 */
#include "fuzz.h"
#include "host.h"

int cpio_find(const void *archive, size_t total, const char *path, const void **data,
	      size_t *size);

/* initramfs.c's own archive, unused here. */
const char __initramfs_start[1], __initramfs_end[1];

static const char *const paths[] = {
	"/bin/init", "bin/init", "/bin/usertests", "TRAILER!!!", "", "/", "a",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *archive = (char *)fuzz_copy(data, size);
	const void *file;
	size_t len;
	unsigned int i;

	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
		if (cpio_find(archive, size, paths[i], &file, &len) == 0)
			FUZZ_CHECK((const char *)file >= archive &&
				   len <= size - (size_t)((const char *)file - archive));
	free(archive);
	return 0;
}
