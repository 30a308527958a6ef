# rpi5: kernel8.img, the boot/ folder for the SD card, and the QEMU line
# (-M virt -cpu cortex-a76: no QEMU models a Pi 5). Included by the top
# Makefile.

board-only-vars := FIRMWARE GFXPAYLOAD GRUB_EXTRA
$(eval $(check-board-vars))

pi := rpi5
include $(srctree)/boards/raspi-boot.mk

QEMU_CMD = $(QEMU) -M virt,gic-version=$(GIC),virtualization=$(if $(filter on,$(EL2)),on,off) \
	-cpu cortex-a76 -smp $(SMP) -m 1G -nographic -no-reboot \
	-kernel $(objtree)/kernel8.img -append "$(CMDLINE)" $(QEMU_EXTRA)
# QEMU loads the Image at RAM base 0x4000_0000 + text_offset 0x80000; it
# is linked at 0 and runs there with the MMU's identity map.
GDB_LOAD := symbol-file -o 0x40080000 $(objtree)/sis.elf

# The board's device tree is also linked into the kernel as a fallback
# (CONFIG_BUILTIN_DTB); the host tests read it too.
filechk_builtin_dtb = echo '\#define BUILTIN_DTB_FILE "$(pi-dtb)"'
$(objtree)/include/generated/builtin_dtb.h: FORCE
	$(call filechk,builtin_dtb)

$(objtree)/arch/arm64/builtin-dtb.o: $(pi-dtb) | $(objtree)/include/generated/builtin_dtb.h
