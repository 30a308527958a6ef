# pc-q35: the GRUB ISO and the QEMU line. Included by the top Makefile.
#   FIRMWARE=bios (SeaBIOS, default) or uefi (OVMF)

FIRMWARE ?= bios
OVMF := /usr/share/ovmf/OVMF.fd
QEMU := qemu-system-x86_64
QEMU_CMD = $(QEMU) -M q35 -smp $(SMP) -m 512M -nographic -no-reboot \
	$(if $(filter uefi,$(FIRMWARE)),-bios $(OVMF)) \
	-cdrom $(objtree)/sis.iso \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 $(QEMU_EXTRA)
RUN_PKGS := qemu-system-x86 $(if $(filter uefi,$(FIRMWARE)),ovmf)

all: $(objtree)/sis.elf $(objtree)/sis.iso

# grub.cfg carries CMDLINE; rewritten only when it changes.
grub-cfg := set timeout=0\nset default=0\nmenuentry "sis" {\n\tmultiboot2 /boot/sis.elf $(CMDLINE)\n\tboot\n}
$(objtree)/grub.cfg: FORCE
	$(Q)printf '$(grub-cfg)\n' | cmp -s - $@ || printf '$(grub-cfg)\n' > $@

$(objtree)/sis.iso: $(objtree)/sis.elf $(objtree)/grub.cfg
	$(Q)$(DEPS) grub-common grub-pc-bin grub-efi-amd64-bin xorriso mtools
	$(quiet) "  ISO     sis.iso"
	$(Q)rm -rf $(objtree)/isodir && mkdir -p $(objtree)/isodir/boot/grub
	@# Stripped: GRUB reads less from the CD; sis.elf keeps the symbols for gdb.
	$(Q)$(CROSS_COMPILE)strip -o $(objtree)/isodir/boot/sis.elf $(objtree)/sis.elf
	$(Q)cp $(objtree)/grub.cfg $(objtree)/isodir/boot/grub/grub.cfg
	@# Relative paths: xorriso reads "a=b" arguments as graft points, and
	@# O= folders may contain '=' (check's build keys do).
	$(Q)cd $(objtree) && grub-mkrescue -o sis.iso isodir > isodir.log 2>&1 || \
		{ cat isodir.log; exit 1; }

PHONY += FORCE
FORCE:
