# The Raspberry Pis QEMU models as their real SoC (raspi3b, raspi4b):
# kernel8.img and the boot/ folder (raspi-boot.mk), and the QEMU line.
# The including board.mk sets pi (its folder's name) and qemu-machine.

board-only-vars := FIRMWARE GFXPAYLOAD GRUB_EXTRA GIC EL2
$(eval $(check-board-vars))
# The SoC has four cores and QEMU's model exactly four: fewer with CMDLINE=maxcpus=N.
ifneq ($(SMP),4)
$(error SMP=$(SMP) is not valid: QEMU's $(qemu-machine) has exactly 4 CPUs; start fewer with CMDLINE=maxcpus=N)
endif

include $(srctree)/boards/raspi-boot.mk

# QEMU loads kernel8.img (an arm64 Image) at 0x80000 and enters it at EL2;
# its boot stub parks the other cores on the spin table at 0xd8.
QEMU_CMD = $(QEMU) -M $(qemu-machine) -nographic -no-reboot \
	-kernel $(objtree)/kernel8.img -dtb $(pi-dtb) -append "$(CMDLINE)" $(QEMU_EXTRA)
# Linked at 0, loaded and run (identity map) at 0x80000.
GDB_LOAD := symbol-file -o 0x80000 $(objtree)/sis.elf
