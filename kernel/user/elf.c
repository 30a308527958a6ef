/*
 * Static ELF64 executables (the System V gABI, "ELF-64 Object File
 * Format"). Everything is checked before anything is mapped: the
 * identification bytes, the type (ET_EXEC), the machine, the header
 * sizes, the program-header table inside the file, and each PT_LOAD
 * segment: its file bytes inside the file, no more file bytes than
 * memory bytes, its memory inside the user range without overflow, its
 * offset and address congruent modulo the page size, and the entry
 * point inside an executable segment. A dynamic program (PT_INTERP,
 * PT_DYNAMIC) is refused: there is no loader to hand it to.
 */
#include <sis/errno.h>
#include <sis/mm.h>
#include <sis/string.h>
#include "internal.h"

#define EI_NIDENT	16
#define ELFCLASS64	2
#define ELFDATA2LSB	1
#define EV_CURRENT	1
#define ET_EXEC		2
#define PT_LOAD		1
#define PT_DYNAMIC	2
#define PT_INTERP	3
#define PF_X		1
#define PF_W		2
#define ELF_MAX_PHDRS	16

struct elf64_ehdr {
	u8 ident[EI_NIDENT];
	u16 type, machine;
	u32 version;
	u64 entry, phoff, shoff;
	u32 flags;
	u16 ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct elf64_phdr {
	u32 type, flags;
	u64 offset, vaddr, paddr, filesz, memsz, align;
};

BUILD_ASSERT(sizeof(struct elf64_ehdr) == 64);
BUILD_ASSERT(sizeof(struct elf64_phdr) == 56);

static int refuse(const char **why, const char *reason)
{
	*why = reason;
	return -ENOEXEC;
}

static int check_ehdr(const struct elf64_ehdr *eh, size_t size, unsigned int machine,
		      const char **why)
{
	if (memcmp(eh->ident, "\177ELF", 4))
		return refuse(why, "no ELF magic");
	if (eh->ident[4] != ELFCLASS64)
		return refuse(why, "not ELFCLASS64");
	if (eh->ident[5] != ELFDATA2LSB)
		return refuse(why, "not little-endian");
	if (eh->ident[6] != EV_CURRENT || eh->version != EV_CURRENT)
		return refuse(why, "unknown ELF version");
	if (eh->type != ET_EXEC)
		return refuse(why, "not a static executable (ET_EXEC)");
	if (eh->machine != machine)
		return refuse(why, "built for another machine");
	if (eh->ehsize != sizeof(*eh))
		return refuse(why, "bad ELF header size");
	if (eh->phentsize != sizeof(struct elf64_phdr))
		return refuse(why, "bad program header size");
	if (eh->phnum == 0 || eh->phnum > ELF_MAX_PHDRS)
		return refuse(why, "no program headers, or too many");
	if (eh->phoff > size || eh->phnum * sizeof(struct elf64_phdr) > size - eh->phoff)
		return refuse(why, "program headers past the end of the file");
	return 0;
}

static int check_phdr(const struct elf64_phdr *ph, size_t size, const char **why)
{
	if (ph->type == PT_INTERP || ph->type == PT_DYNAMIC)
		return refuse(why, "dynamically linked");
	if (ph->type != PT_LOAD)
		return 0;
	if (ph->offset > size || ph->filesz > size - ph->offset)
		return refuse(why, "segment past the end of the file");
	if (ph->filesz > ph->memsz)
		return refuse(why, "segment with more file than memory bytes");
	if (!ph->memsz || !user_range_ok(ph->vaddr, ph->memsz))
		return refuse(why, "segment outside the user range");
	if ((ph->vaddr - ph->offset) & (PAGE_SIZE - 1))
		return refuse(why, "segment offset and address not congruent to the page");
	return 0;
}

/* Program header i (headers checked), copied: the image need not be aligned. */
static struct elf64_phdr phdr(const void *image, const struct elf64_ehdr *eh, unsigned int i)
{
	struct elf64_phdr ph;

	memcpy(&ph, (const u8 *)image + eh->phoff + i * sizeof(ph), sizeof(ph));
	return ph;
}

int elf_check(const void *image, size_t size, unsigned int machine, const char **why)
{
	struct elf64_ehdr eh;
	bool entry_ok = false;
	unsigned int i;
	int err;

	if (size < sizeof(eh))
		return refuse(why, "shorter than an ELF header");
	memcpy(&eh, image, sizeof(eh));
	err = check_ehdr(&eh, size, machine, why);
	if (err)
		return err;
	for (i = 0; i < eh.phnum; i++) {
		struct elf64_phdr ph = phdr(image, &eh, i);

		err = check_phdr(&ph, size, why);
		if (err)
			return err;
		if (ph.type == PT_LOAD && (ph.flags & PF_X) &&
		    eh.entry >= ph.vaddr && eh.entry - ph.vaddr < ph.memsz)
			entry_ok = true;
	}
	if (!entry_ok)
		return refuse(why, "entry point outside every executable segment");
	return 0;
}

long elf_load(struct mm *mm, const void *image, size_t size, const char **why)
{
	struct elf64_ehdr eh;
	unsigned int i;
	int err = elf_check(image, size, arch_elf_machine(), why);

	if (err)
		return err;
	memcpy(&eh, image, sizeof(eh));
	for (i = 0; i < eh.phnum; i++) {
		struct elf64_phdr ph = phdr(image, &eh, i);
		uintptr_t start = ALIGN_DOWN(ph.vaddr, PAGE_SIZE);
		uintptr_t end = ALIGN_UP(ph.vaddr + ph.memsz, PAGE_SIZE);
		unsigned int flags = (ph.flags & PF_W ? UMAP_WRITE : 0) |
				     (ph.flags & PF_X ? UMAP_EXEC : 0);

		if (ph.type != PT_LOAD)
			continue;
		err = mm_map_zero(mm, start, end - start, flags);
		if (err == -EEXIST)
			return refuse(why, "segments share a page");
		if (!err)
			err = mm_write(mm, ph.vaddr, (const u8 *)image + ph.offset, ph.filesz);
		if (err) {
			*why = "out of memory";
			return err;
		}
	}
	return (long)eh.entry;
}
