# arm64: compiler flags, linker script. Included by the top Makefile.
ifeq ($(shell uname -m),aarch64)
CROSS_COMPILE ?=
else
CROSS_COMPILE ?= aarch64-linux-gnu-
endif

# Position-independent: the image runs wherever it is loaded (QEMU
# RAM base + text_offset = 0x4008_0000, the Pi at kernel_address) and
# relocates itself before any C runs (arch/arm64/head.S).
# No FP/SIMD registers in kernel code. The core is the board's
# (CONFIG_ARM64_CPU): a Cortex-A76 build would not run on a Pi 3's A53.
# Atomics inline (LL/SC before Armv8.1), not as calls into libgcc.
ARCH_CFLAGS := -mcpu=$(patsubst "%",%,$(CONFIG_ARM64_CPU)) -mgeneral-regs-only -fpie \
	-mno-outline-atomics -fno-asynchronous-unwind-tables -mstrict-align
ARCH_LDFLAGS := -pie --no-dynamic-linker -z norelro -z max-page-size=4096
# GNU ld only (ld.lld has no such warning).
GNU_LDFLAGS := --no-warn-rwx-segments
CLANG_TARGET := aarch64-linux-gnu
LDSCRIPT := $(srctree)/arch/arm64/linker.ld
ARCH_PKGS := gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu
