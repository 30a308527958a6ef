/*
 * Whether a CPU turned off with PSCI CPU_OFF can be turned on again.
 * The Raspberry Pi 5's firmware cannot (raspberrypi/linux issue 7291:
 * CPU_ON after CPU_OFF leaves the core off), so on a device tree whose
 * root is compatible with "brcm,bcm2712" hotplug is refused, unless
 * CONFIG_HOTPLUG_TRUST_FIRMWARE says the firmware on the card is known
 * to be fixed. QEMU's virt machine takes CPUs back.
 */
#include <sis/compiler.h>
#include <sis/firmware.h>
#include "psci.h"

const char *psci_stop_refusal(unsigned int cpu)
{
	if (IS_ENABLED(CONFIG_HOTPLUG_TRUST_FIRMWARE) || !fw_machine_compatible("brcm,bcm2712"))
		return NULL;
	return "the Raspberry Pi 5 firmware cannot turn a core on again after PSCI CPU_OFF "
	       "(raspberrypi/linux#7291; CONFIG_HOTPLUG_TRUST_FIRMWARE=y tries anyway)";
}
