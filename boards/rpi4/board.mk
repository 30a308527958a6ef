# rpi4: kernel8.img, the boot/ folder for the SD card, and the QEMU line
# (-M raspi4b, the BCM2711 as QEMU models it, with this board's device
# tree). Included by the top Makefile.

pi := rpi4
qemu-machine := raspi4b
include $(srctree)/boards/raspi-soc.mk
