# rpi3: kernel8.img, the boot/ folder for the SD card, and the QEMU line
# (-M raspi3b, the BCM2837 as QEMU models it, with this board's device
# tree). Included by the top Makefile.

board-only-vars := FIRMWARE GFXPAYLOAD GRUB_EXTRA GIC EL2
$(eval $(check-board-vars))
# The SoC has four cores and QEMU's model exactly four: fewer with CMDLINE=maxcpus=N.
ifneq ($(SMP),4)
$(error SMP=$(SMP) is not valid: QEMU's raspi3b has exactly 4 CPUs; start fewer with CMDLINE=maxcpus=N)
endif

pi := rpi3
include $(srctree)/boards/raspi-boot.mk

# QEMU loads kernel8.img (an arm64 Image) at 0x80000 and enters it at EL2;
# its boot stub parks the other cores on the spin table at 0xd8.
QEMU_CMD = $(QEMU) -M raspi3b -nographic -no-reboot \
	-kernel $(objtree)/kernel8.img -dtb $(pi-dtb) -append "$(CMDLINE)" $(QEMU_EXTRA)
# Linked at 0, loaded and run (identity map) at 0x80000.
GDB_LOAD := symbol-file -o 0x80000 $(objtree)/sis.elf
