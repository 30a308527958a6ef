# pc-q35: the GRUB ISO and the QEMU line. Included by the top Makefile.
#   FIRMWARE=bios (SeaBIOS, default) or uefi (OVMF)

board-only-vars := GIC EL2
$(eval $(check-board-vars))

OVMF := /usr/share/ovmf/OVMF.fd
QEMU := qemu-system-x86_64
# -boot order=d: the CD first, so SeaBIOS does not try the empty disk.
QEMU_CMD = $(QEMU) -M q35 -smp $(SMP) -m 512M -nographic -no-reboot -boot order=d \
	$(if $(filter uefi,$(FIRMWARE)),-bios $(OVMF)) \
	-cdrom $(objtree)/sis.iso \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 $(QEMU_EXTRA)
RUN_PKGS := qemu-system-x86 $(if $(filter uefi,$(FIRMWARE)),ovmf)
IMAGE := $(objtree)/sis.iso
GDB_LOAD := symbol-file $(objtree)/sis.elf

all: $(objtree)/sis.elf $(objtree)/sis.iso

# grub.cfg carries CMDLINE, GFXPAYLOAD and GRUB_EXTRA (a GRUB command
# run before the kernel is loaded, 'cutmem 2M 32M' to make GRUB load it
# elsewhere); rewritten only when they change. all_video: GRUB needs a
# video driver to hand a multiboot2 kernel the screen, else it says "no
# suitable video mode found". gfxpayload goes after the multiboot2 line,
# which sets it from the kernel's header.
grub-gfx = $(if $(GFXPAYLOAD),'	set gfxpayload=$(GFXPAYLOAD)')
filechk_grub_cfg = printf '%s\n' 'set timeout=0' 'set default=0' 'insmod all_video' \
	'menuentry "sis" {' $(if $(GRUB_EXTRA),'	$(GRUB_EXTRA)') \
	'	multiboot2 /boot/sis.elf $(CMDLINE)' $(grub-gfx) '	boot' '}'
$(objtree)/grub.cfg: FORCE
	$(call filechk,grub_cfg)

# Stripped: GRUB reads less from the CD; sis.elf keeps the symbols for gdb.
# Relative paths: xorriso reads "a=b" arguments as graft points, and O=
# folders may contain '='.
cmd_iso = rm -rf $(objtree)/isodir && mkdir -p $(objtree)/isodir/boot/grub && \
	$(STRIP) -o $(objtree)/isodir/boot/sis.elf $(objtree)/sis.elf && \
	cp $(objtree)/grub.cfg $(objtree)/isodir/boot/grub/grub.cfg && \
	{ cd $(objtree) && grub-mkrescue -o sis.iso isodir > isodir.log 2>&1 || \
	  { cat isodir.log; exit 1; }; } && rm -rf $(objtree)/isodir $(objtree)/isodir.log
quiet_cmd_iso = ISO     $(rel)

$(objtree)/sis.iso: $(objtree)/sis.elf $(objtree)/grub.cfg FORCE
	$(Q)$(DEPS) grub-common grub-pc-bin grub-efi-amd64-bin xorriso mtools
	$(call if_changed,iso)

targets += $(objtree)/sis.iso

# install: the ELF, the ISO, and a menu entry for an existing GRUB.
define board-install
	$(Q)cp $(objtree)/sis.elf $(objtree)/sis.iso $(1)/
	$(Q)printf '%s\n' '# Add to /etc/grub.d/40_custom (copy sis.elf to /boot first), then update-grub.' \
		'menuentry "sis $(VERSION)" {' '	multiboot2 /boot/sis.elf $(CMDLINE)' $(grub-gfx) '	boot' '}' \
		> $(1)/grub.cfg
endef
