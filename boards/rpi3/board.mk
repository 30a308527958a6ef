# rpi3: kernel8.img, the boot/ folder for the SD card, and the QEMU line
# (-M raspi3b, the BCM2837 as QEMU models it, with this board's device
# tree). Included by the top Makefile.

pi := rpi3
qemu-machine := raspi3b
include $(srctree)/boards/raspi-soc.mk
