# rpi4: kernel8.img, the boot/ folder for the SD card, and the QEMU line
# (-M raspi4b, the BCM2711 as QEMU models it, with this board's device
# tree). Included by the top Makefile.

board-only-vars := FIRMWARE GFXPAYLOAD GRUB_EXTRA GIC EL2
$(eval $(check-board-vars))
# The SoC has four cores and QEMU's model exactly four: fewer with CMDLINE=maxcpus=N.
ifneq ($(SMP),4)
$(error SMP=$(SMP) is not valid: QEMU's raspi4b has exactly 4 CPUs; start fewer with CMDLINE=maxcpus=N)
endif

QEMU := qemu-system-aarch64
# QEMU loads kernel8.img (an arm64 Image) at 0x80000 and enters it at EL2;
# its boot stub parks the other cores on the spin table at 0xd8.
QEMU_CMD = $(QEMU) -M raspi4b -nographic -no-reboot \
	-kernel $(objtree)/kernel8.img -dtb $(rpi4-dtb) -append "$(CMDLINE)" $(QEMU_EXTRA)
RUN_PKGS := qemu-system-arm
IMAGE := $(objtree)/kernel8.img
# Linked at 0, loaded and run (identity map) at 0x80000.
GDB_LOAD := symbol-file -o 0x80000 $(objtree)/sis.elf

rpi4-dtb := $(objtree)/boards/rpi4/rpi4.dtb
boot-files := $(addprefix $(objtree)/boot/,kernel8.img config.txt cmdline.txt rpi4.dtb)

all: $(objtree)/sis.elf $(objtree)/kernel8.img $(boot-files)

cmd_dtc = dtc -q -I dts -O dtb -o $@ $<
quiet_cmd_dtc = DTC     $(rel)
$(rpi4-dtb): $(srctree)/boards/rpi4/rpi4.dts FORCE
	$(Q)command -v dtc >/dev/null || $(DEPS) device-tree-compiler
	$(call if_changed,dtc)

cmd_image = $(OBJCOPY) -O binary $< $@
quiet_cmd_image = IMAGE   $(rel)
$(objtree)/kernel8.img: $(objtree)/sis.elf FORCE
	$(call if_changed,image)

cmd_copy = cp $< $@
$(objtree)/boot/kernel8.img: $(objtree)/kernel8.img FORCE
	$(call if_changed,copy)
$(objtree)/boot/config.txt: $(srctree)/boards/rpi4/config.txt FORCE
	$(call if_changed,copy)
$(objtree)/boot/rpi4.dtb: $(rpi4-dtb) FORCE
	$(call if_changed,copy)
# cmdline.txt: the kernel command line the Pi firmware passes (CMDLINE).
filechk_cmdline_txt = echo '$(CMDLINE)'
$(objtree)/boot/cmdline.txt: FORCE
	$(call filechk,cmdline_txt)

targets += $(rpi4-dtb) $(objtree)/kernel8.img $(boot-files)

# install: the whole boot/ folder of the SD card.
define board-install
	$(Q)cp $(boot-files) $(1)/
endef
