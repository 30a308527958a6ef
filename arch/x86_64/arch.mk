# x86_64: compiler flags, linker script. Included by the top Makefile.
ifeq ($(shell uname -m),x86_64)
CROSS_COMPILE ?=
else
CROSS_COMPILE ?= x86_64-linux-gnu-
endif

# The kernel is linked in the top 2 GiB (asm/layout.h): the kernel code
# model, no PIE. No red zone (interrupts use the same stack) and no
# FP/SIMD registers.
ARCH_CFLAGS := -m64 -march=x86-64 -mno-red-zone -mgeneral-regs-only \
	-mcmodel=kernel -fno-pie -fno-pic -fno-asynchronous-unwind-tables
ARCH_LDFLAGS := -m elf_x86_64 -z max-page-size=4096 -z noexecstack
# GNU ld only (ld.lld has no such warning).
GNU_LDFLAGS := --no-warn-rwx-segments
CLANG_TARGET := x86_64-linux-gnu
LDSCRIPT := $(srctree)/arch/x86_64/linker.ld
ARCH_PKGS := gcc binutils
