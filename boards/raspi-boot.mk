# What every Raspberry Pi board builds: kernel8.img (the arm64 Image the
# firmware loads), the board's device tree, and the boot/ folder of the
# SD card (kernel8.img, config.txt, cmdline.txt, the DTB). The including
# board.mk sets pi (its folder's name: rpi3, rpi4, rpi5) first.

QEMU := qemu-system-aarch64
RUN_PKGS := qemu-system-arm
IMAGE := $(objtree)/kernel8.img

pi-dtb := $(objtree)/boards/$(pi)/$(pi).dtb
boot-files := $(addprefix $(objtree)/boot/,kernel8.img config.txt cmdline.txt $(pi).dtb)

all: $(objtree)/sis.elf $(objtree)/kernel8.img $(boot-files)

cmd_dtc = dtc -q -I dts -O dtb -o $@ $<
quiet_cmd_dtc = DTC     $(rel)
$(pi-dtb): $(srctree)/boards/$(pi)/$(pi).dts FORCE
	$(Q)command -v dtc >/dev/null || $(DEPS) device-tree-compiler
	$(call if_changed,dtc)

cmd_image = $(OBJCOPY) -O binary $< $@
quiet_cmd_image = IMAGE   $(rel)
$(objtree)/kernel8.img: $(objtree)/sis.elf FORCE
	$(call if_changed,image)

cmd_copy = cp $< $@
$(objtree)/boot/kernel8.img: $(objtree)/kernel8.img FORCE
	$(call if_changed,copy)
$(objtree)/boot/config.txt: $(srctree)/boards/$(pi)/config.txt FORCE
	$(call if_changed,copy)
$(objtree)/boot/$(pi).dtb: $(pi-dtb) FORCE
	$(call if_changed,copy)
# cmdline.txt: the kernel command line the Pi firmware passes (CMDLINE).
filechk_cmdline_txt = echo '$(CMDLINE)'
$(objtree)/boot/cmdline.txt: FORCE
	$(call filechk,cmdline_txt)

targets += $(pi-dtb) $(objtree)/kernel8.img $(boot-files)

# install: the whole boot/ folder of the SD card.
define board-install
	$(Q)cp $(boot-files) $(1)/
endef
