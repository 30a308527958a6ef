# rpi5: kernel8.img, the boot/ folder for the SD card, and the QEMU line
# (-M virt -cpu cortex-a76: no QEMU models a Pi 5). Included by the top
# Makefile.

board-only-vars := FIRMWARE GFXPAYLOAD GRUB_EXTRA
$(eval $(check-board-vars))

QEMU := qemu-system-aarch64
QEMU_CMD = $(QEMU) -M virt,gic-version=$(GIC),virtualization=$(if $(filter on,$(EL2)),on,off) \
	-cpu cortex-a76 -smp $(SMP) -m 1G -nographic -no-reboot \
	-kernel $(objtree)/kernel8.img -append "$(CMDLINE)" $(QEMU_EXTRA)
RUN_PKGS := qemu-system-arm
IMAGE := $(objtree)/kernel8.img
# QEMU loads the Image at RAM base 0x4000_0000 + text_offset 0x80000; it
# is linked at 0 and runs there with the MMU's identity map.
GDB_LOAD := symbol-file -o 0x40080000 $(objtree)/sis.elf

rpi5-dtb := $(objtree)/boards/rpi5/rpi5.dtb
boot-files := $(addprefix $(objtree)/boot/,kernel8.img config.txt cmdline.txt rpi5.dtb)

all: $(objtree)/sis.elf $(objtree)/kernel8.img $(boot-files)

# The board's device tree: for the SD card, the host tests, and
# (CONFIG_BUILTIN_DTB) linked into the kernel as a fallback.
cmd_dtc = dtc -q -I dts -O dtb -o $@ $<
quiet_cmd_dtc = DTC     $(rel)
$(rpi5-dtb): $(srctree)/boards/rpi5/rpi5.dts FORCE
	$(Q)command -v dtc >/dev/null || $(DEPS) device-tree-compiler
	$(call if_changed,dtc)

filechk_builtin_dtb = echo '\#define BUILTIN_DTB_FILE "$(rpi5-dtb)"'
$(objtree)/include/generated/builtin_dtb.h: FORCE
	$(call filechk,builtin_dtb)

$(objtree)/arch/arm64/builtin-dtb.o: $(rpi5-dtb) | $(objtree)/include/generated/builtin_dtb.h

cmd_image = $(OBJCOPY) -O binary $< $@
quiet_cmd_image = IMAGE   $(rel)
$(objtree)/kernel8.img: $(objtree)/sis.elf FORCE
	$(call if_changed,image)

cmd_copy = cp $< $@
$(objtree)/boot/kernel8.img: $(objtree)/kernel8.img FORCE
	$(call if_changed,copy)
$(objtree)/boot/config.txt: $(srctree)/boards/rpi5/config.txt FORCE
	$(call if_changed,copy)
$(objtree)/boot/rpi5.dtb: $(rpi5-dtb) FORCE
	$(call if_changed,copy)
# cmdline.txt: the kernel command line the Pi firmware passes (CMDLINE).
filechk_cmdline_txt = echo '$(CMDLINE)'
$(objtree)/boot/cmdline.txt: FORCE
	$(call filechk,cmdline_txt)

targets += $(rpi5-dtb) $(objtree)/kernel8.img $(boot-files)

# install: the whole boot/ folder of the SD card.
define board-install
	$(Q)cp $(boot-files) $(1)/
endef
