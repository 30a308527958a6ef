# rpi5: kernel8.img, the boot/ folder for the SD card, and the QEMU line
# (-M virt -cpu cortex-a76: no QEMU models a Pi 5). Included by the top
# Makefile.

QEMU := qemu-system-aarch64
QEMU_CMD = $(QEMU) -M virt,gic-version=$(GIC),virtualization=$(if $(filter on,$(EL2)),on,off) \
	-cpu cortex-a76 -smp $(SMP) -m 1G -nographic -no-reboot \
	-kernel $(objtree)/kernel8.img -append "$(CMDLINE)" $(QEMU_EXTRA)
RUN_PKGS := qemu-system-arm

all: $(objtree)/sis.elf $(objtree)/kernel8.img $(objtree)/boot/kernel8.img \
	$(objtree)/boot/config.txt $(objtree)/boards/rpi5/rpi5.dtb

# The board's device tree: for the SD card's reference, the host tests,
# and (CONFIG_BUILTIN_DTB) linked into the kernel as a fallback.
rpi5-dtb := $(objtree)/boards/rpi5/rpi5.dtb
$(rpi5-dtb): $(srctree)/boards/rpi5/rpi5.dts
	@mkdir -p $(@D)
	$(Q)command -v dtc >/dev/null || $(DEPS) device-tree-compiler
	$(quiet) "  DTC     boards/rpi5/rpi5.dtb"
	$(Q)dtc -q -I dts -O dtb -o $@ $<

$(objtree)/include/generated/builtin_dtb.h:
	@mkdir -p $(@D)
	$(Q)echo '#define BUILTIN_DTB_FILE "$(rpi5-dtb)"' > $@

$(objtree)/arch/arm64/builtin-dtb.o: $(rpi5-dtb) $(objtree)/include/generated/builtin_dtb.h

$(objtree)/kernel8.img: $(objtree)/sis.elf
	$(quiet) "  IMAGE   kernel8.img"
	$(Q)$(OBJCOPY) -O binary $< $@

$(objtree)/boot/kernel8.img: $(objtree)/kernel8.img
	$(Q)mkdir -p $(@D) && cp $< $@

$(objtree)/boot/config.txt: $(srctree)/boards/rpi5/config.txt
	$(Q)mkdir -p $(@D) && cp $< $@
