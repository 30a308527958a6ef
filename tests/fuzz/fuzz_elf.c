/*
 * The user-mode ELF loader (kernel/user/elf.c): elf_check and elf_load
 * over an image of exactly the input's size, as the loader gets a file
 * from the initramfs. Whatever the bytes, nothing is read outside the
 * image (ASan), and every page asked for lies in the user range.
 */
#include <sis/user.h>

#include "fuzz.h"
#include "host.h"

long elf_load(struct mm *mm, const void *image, size_t size, const char **why);
int elf_check(const void *image, size_t size, unsigned int machine, const char **why);

#define MACHINE	62

int mm_map_zero(struct mm *mm, uintptr_t va, size_t len, unsigned int flags)
{
	FUZZ_CHECK(va >= USER_BASE && len <= USER_END - va);
	return 0;
}

int mm_write(struct mm *mm, uintptr_t va, const void *src, size_t n)
{
	FUZZ_CHECK(va >= USER_BASE && n <= USER_END - va);
	return 0;
}

unsigned int arch_elf_machine(void)
{
	return MACHINE;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	void *image = fuzz_copy(data, size);
	const char *why = NULL;
	long entry;

	if (elf_check(image, size, MACHINE, &why) == 0) {
		entry = elf_load(NULL, image, size, &why);
		FUZZ_CHECK(entry < 0 || ((uintptr_t)entry >= USER_BASE &&
					 (uintptr_t)entry < USER_END));
	} else {
		FUZZ_CHECK(why != NULL);
	}
	free(image);
	return 0;
}
