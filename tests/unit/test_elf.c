/*
 * kernel/user/elf.c: the static ELF64 loader's checks. A well-formed
 * image (two PT_LOAD segments, text and data) passes and is loaded into
 * the pages it asks for; each damaged one is refused with -ENOEXEC and
 * a reason, before anything is mapped; random damage to a good image
 * never makes the checker read outside the image (each sits in a malloc'ed
 * buffer of exactly its size, so ASan sees any overrun).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include <sis/compiler.h>
#include <sis/errno.h>
#include <sis/user.h>

#include "host.h"

long elf_load(struct mm *mm, const void *image, size_t size, const char **why);
int elf_check(const void *image, size_t size, unsigned int machine, const char **why);

#define MACHINE	62
#define TEXT	(USER_BASE + 0x1000)
#define DATA	(USER_BASE + 0x3000)

struct ehdr {
	u8 ident[16];
	u16 type, machine;
	u32 version;
	u64 entry, phoff, shoff;
	u32 flags;
	u16 ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct phdr {
	u32 type, flags;
	u64 offset, vaddr, paddr, filesz, memsz, align;
};

struct image {
	struct ehdr eh;
	struct phdr ph[2];
	u8 pad[0x1000 - sizeof(struct ehdr) - 2 * sizeof(struct phdr)];
	u8 text[0x100];
	u8 data[0x40];
};

/* The mm functions elf_load() calls, recording what it asked for. */
static unsigned int maps, writes;
static uintptr_t map_va[8], write_va[8];
static size_t map_len[8], write_len[8];
static unsigned int map_flags[8];

int mm_map_zero(struct mm *mm, uintptr_t va, size_t len, unsigned int flags)
{
	if (maps < 8) {
		map_va[maps] = va;
		map_len[maps] = len;
		map_flags[maps] = flags;
	}
	maps++;
	return 0;
}

int mm_write(struct mm *mm, uintptr_t va, const void *src, size_t n)
{
	if (writes < 8) {
		write_va[writes] = va;
		write_len[writes] = n;
	}
	writes++;
	return 0;
}

unsigned int arch_elf_machine(void)
{
	return MACHINE;
}

static struct image good(void)
{
	struct image im;

	memset(&im, 0, sizeof(im));
	memcpy(im.eh.ident, "\177ELF\2\1\1", 7);
	im.eh.type = 2;
	im.eh.machine = MACHINE;
	im.eh.version = 1;
	im.eh.entry = TEXT + 0x10;
	im.eh.phoff = offsetof(struct image, ph);
	im.eh.ehsize = sizeof(struct ehdr);
	im.eh.phentsize = sizeof(struct phdr);
	im.eh.phnum = 2;
	im.ph[0] = (struct phdr){ .type = 1, .flags = 5, .offset = offsetof(struct image, text),
				  .vaddr = TEXT, .filesz = 0x100, .memsz = 0x100 };
	im.ph[1] = (struct phdr){ .type = 1, .flags = 6, .offset = offsetof(struct image, data),
				  .vaddr = DATA + 0x100, .filesz = 0x40, .memsz = 0x2000 };
	return im;
}

/* Check a copy of im (size bytes of it) in a buffer of exactly that size. */
static int check(const struct image *im, size_t size, const char **why)
{
	void *buf = malloc(size);
	int err;

	assert_non_null(buf);
	memcpy(buf, im, size);
	err = elf_check(buf, size, MACHINE, why);
	free(buf);
	return err;
}

static void test_good_image_loads(void **state)
{
	struct image im = good();
	const char *why = NULL;
	struct mm mm;

	assert_int_equal(check(&im, sizeof(im), &why), 0);
	maps = writes = 0;
	assert_int_equal(elf_load(&mm, &im, sizeof(im), &why), TEXT + 0x10);
	assert_int_equal(maps, 2);
	assert_int_equal(map_va[0], TEXT);
	assert_int_equal(map_len[0], 0x1000);
	assert_int_equal(map_flags[0], UMAP_EXEC);
	assert_int_equal(map_va[1], DATA);		/* page-aligned down */
	assert_int_equal(map_len[1], 0x3000);		/* 0x100 + 0x2000 rounded up */
	assert_int_equal(map_flags[1], UMAP_WRITE);
	assert_int_equal(writes, 2);
	assert_int_equal(write_va[1], DATA + 0x100);
	assert_int_equal(write_len[1], 0x40);		/* the file bytes; the rest stays zero */
}

/* One damage each (case i of damage()), and the reason it must give. */
static const char *const reasons[] = {
	"no ELF magic", "not ELFCLASS64", "not little-endian", "unknown ELF version",
	"not a static executable (ET_EXEC)", "built for another machine",
	"bad ELF header size", "bad program header size",
	"no program headers, or too many", "no program headers, or too many",
	"program headers past the end of the file", "program headers past the end of the file",
	"segment past the end of the file", "segment past the end of the file",
	"segment with more file than memory bytes", "segment outside the user range",
	"segment outside the user range", "segment outside the user range",
	"segment outside the user range", "segment outside the user range",
	"segment offset and address not congruent to the page", "dynamically linked",
	"dynamically linked", "entry point outside every executable segment",
	"entry point outside every executable segment",
};

static void damage(struct image *im, unsigned int i)
{
	switch (i) {
	case 0: im->eh.ident[1] = 'X'; break;
	case 1: im->eh.ident[4] = 1; break;
	case 2: im->eh.ident[5] = 2; break;
	case 3: im->eh.version = 2; break;
	case 4: im->eh.type = 3; break;				/* ET_DYN */
	case 5: im->eh.machine = 183; break;
	case 6: im->eh.ehsize = 52; break;
	case 7: im->eh.phentsize = 32; break;
	case 8: im->eh.phnum = 0; break;
	case 9: im->eh.phnum = 17; break;
	case 10: im->eh.phoff = sizeof(struct image) - 8; break;
	case 11: im->eh.phoff = ~0ull - 8; break;		/* phoff + size overflows */
	case 12: im->ph[0].offset = sizeof(struct image) + 1; break;
	case 13: im->ph[0].offset = 0x10; im->ph[0].filesz = ~0ull - 4; break;
	case 14: im->ph[1].memsz = 0x20; break;			/* filesz 0x40 > memsz */
	case 15: im->ph[1].filesz = 0; im->ph[1].memsz = 0; break;
	case 16: im->ph[1].vaddr = 0x400100; break;		/* below the user range */
	case 17: im->ph[1].vaddr = 0xffffffff80000100ull; break;	/* the kernel half */
	case 18: im->ph[1].vaddr = USER_END - 0x1000 + 0x100; break;	/* straddles the end */
	case 19: im->ph[1].memsz = ~0ull - 0x50; break;		/* vaddr + memsz overflows */
	case 20: im->ph[1].vaddr = DATA + 0x104; break;
	case 21: im->ph[1].type = 3; break;			/* PT_INTERP */
	case 22: im->ph[1].type = 2; break;			/* PT_DYNAMIC */
	case 23: im->eh.entry = TEXT + 0x100; break;		/* just past the text */
	case 24: im->eh.entry = DATA + 0x100; break;		/* in data: not executable */
	}
}

static void test_bad_images_refused(void **state)
{
	unsigned int i;

	for (i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++) {
		struct image im = good();
		const char *why = NULL;
		int err;

		damage(&im, i);
		err = check(&im, sizeof(im), &why);
		if (err != -ENOEXEC || !why || strcmp(why, reasons[i]))
			fail_msg("case %u: %d (%s), want -ENOEXEC (%s)", i, err,
				 why ? why : "no reason", reasons[i]);
	}
}

static void test_short_files_refused(void **state)
{
	struct image im = good();
	const char *why = NULL;
	size_t n;

	for (n = 0; n < sizeof(im); n += n < 0x80 ? 1 : 0x100) {
		why = NULL;
		assert_int_equal(check(&im, n, &why), -ENOEXEC);
		assert_non_null(why);
	}
}

/* Random bytes over a good image: refused or accepted, never a read outside it. */
static void test_random_damage(void **state)
{
	unsigned int round, k;

	srand(14);
	for (round = 0; round < 20000; round++) {
		struct image im = good();
		u8 *b = (u8 *)&im;
		const char *why = NULL;
		int err;

		for (k = 0; k < 1 + (unsigned int)rand() % 4; k++)
			b[(size_t)rand() % 0x100] = (u8)rand();
		err = check(&im, sizeof(im), &why);
		assert_true(err == 0 || (err == -ENOEXEC && why));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_image_loads),
		cmocka_unit_test(test_bad_images_refused),
		cmocka_unit_test(test_short_files_refused),
		cmocka_unit_test(test_random_damage),
	};

	return cmocka_run_group_tests_name("elf", tests, NULL, NULL);
}
