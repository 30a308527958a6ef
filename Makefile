# sis: top-level Makefile. Kbuild-style: configuration through Kconfig,
# per-directory Makefiles listing obj-y / obj-$(CONFIG_X), out-of-tree
# builds with O=dir. Run "make help" for the targets.

VERSION := 0.1.0

MAKEFLAGS += -rR --no-print-directory
.SUFFIXES:
.DELETE_ON_ERROR:

srctree := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))
O ?= .
objtree := $(abspath $(O))
PYTHON := /usr/bin/python3
KCONFIG_CONFIG := $(objtree)/.config
SIS_VERSION := $(VERSION)
export srctree KCONFIG_CONFIG SIS_VERSION

# Run-time variables (see docs/building.md).
SMP ?= 4
GIC ?= 2
EL2 ?= on
CMDLINE ?=
QEMU_EXTRA ?=
TIMEOUT ?= 0
export SMP GIC EL2 CMDLINE QEMU_EXTRA

ifeq ($(V),1)
Q :=
quiet := @:
else
Q := @
quiet := @echo
endif
# make -s: not even the short "  CC  file" lines.
ifneq ($(findstring s,$(firstword -$(MAKEFLAGS))),)
quiet := @:
endif

KCONFIG := $(PYTHON) $(srctree)/scripts/kconfig.py
DEPS := $(srctree)/scripts/install-deps.sh
defconfigs := $(sort $(notdir $(wildcard $(srctree)/configs/*_defconfig)))
config-targets := menuconfig oldconfig olddefconfig savedefconfig \
	listnewconfig allnoconfig allyesconfig randconfig %_defconfig
no-config-targets := clean mrproper help check bench soak install-deps

goals := $(if $(MAKECMDGOALS),$(MAKECMDGOALS),all)
cfg-goals := $(filter $(config-targets),$(goals))

# "make O=x pc_defconfig all": configuration goals mixed with build goals
# run one after the other, each in its own make, as in Kbuild.
ifneq ($(cfg-goals),)
ifneq ($(filter-out $(cfg-goals),$(goals))$(word 2,$(cfg-goals)),)
mixed := 1
endif
endif

ifdef mixed

$(goals): __sequential
	@:
__sequential:
	$(Q)set -e; for g in $(goals); do $(MAKE) -f $(srctree)/Makefile $$g; done
.PHONY: $(goals) __sequential

else # !mixed

PHONY := all

all:

# ---------------------------------------------------------------------------
# Configuration targets

$(objtree):
	$(Q)mkdir -p $@

kconfig-deps:
	$(Q)$(DEPS) python3-kconfiglib

%_defconfig: kconfig-deps | $(objtree)
	$(Q)if [ -f "$(srctree)/configs/$@" ]; then \
		$(KCONFIG) defconfig "$(srctree)/configs/$@"; \
	else \
		echo "error: no defconfig named '$@'. Known defconfigs:" >&2; \
		for d in $(defconfigs); do echo "  $$d" >&2; done; \
		exit 1; \
	fi

menuconfig oldconfig olddefconfig savedefconfig listnewconfig: kconfig-deps | $(objtree)
	$(Q)$(KCONFIG) $@

allnoconfig allyesconfig randconfig: kconfig-deps | $(objtree)
	$(Q)$(KCONFIG) $@

PHONY += kconfig-deps menuconfig oldconfig olddefconfig savedefconfig \
	listnewconfig allnoconfig allyesconfig randconfig

# ---------------------------------------------------------------------------
# Building

ifneq ($(filter-out $(no-config-targets) $(config-targets),$(goals)),)

kconfig-files := $(shell find $(srctree) -name 'Kconfig*' -not -path '*/.git/*')

$(objtree)/.config: | $(objtree)
	@echo "No .config in $(objtree): using pc_defconfig (make <board>_defconfig to choose)"
	$(Q)$(MAKE) -f $(srctree)/Makefile pc_defconfig

$(objtree)/include/config/auto.conf: $(objtree)/.config $(kconfig-files)
	$(Q)$(DEPS) python3-kconfiglib
	$(Q)$(KCONFIG) syncconfig
	$(Q)touch $@

-include $(objtree)/include/config/auto.conf

ifdef CONFIG_ARCH
ARCH := $(patsubst "%",%,$(CONFIG_ARCH))
BOARD := $(patsubst "%",%,$(CONFIG_BOARD))

include $(srctree)/arch/$(ARCH)/arch.mk
include $(srctree)/scripts/Makefile.build
include $(srctree)/scripts/Makefile.link
include $(srctree)/boards/$(BOARD)/board.mk
include $(srctree)/scripts/Makefile.run
endif # CONFIG_ARCH

endif # needs a configuration

# ---------------------------------------------------------------------------
# Targets that need no configuration

check:
	$(Q)$(DEPS) --all
	$(Q)$(PYTHON) $(srctree)/scripts/check.py --srctree $(srctree) \
		--out $(objtree)/check $(if $(QUICK),--quick) $(if $(filter 1,$(V)),--verbose)

bench:
	$(Q)$(DEPS) --all
	$(Q)$(PYTHON) $(srctree)/scripts/bench.py --srctree $(srctree) \
		--out $(objtree)/bench $(if $(QUICK),--quick)

# soak: per board (BOARD=pc|rpi5, default both) a 4-CPU kernel with the
# lock-order checker, every test in a loop for 30 s, then the statistics.
soak-boards := $(if $(BOARD),$(BOARD),pc rpi5)

soak:
	$(Q)set -e; for b in $(soak-boards); do \
		d=$(objtree)/soak/$$b; dir=$$(case $$b in pc) echo pc-q35;; *) echo $$b;; esac); \
		$(MAKE) -f $(srctree)/Makefile O=$$d BOARD=$$dir $${b}_defconfig; \
		echo CONFIG_DEBUG_LOCK_ORDER=y >> $$d/.config; \
		$(MAKE) -f $(srctree)/Makefile O=$$d BOARD=$$dir olddefconfig; \
		$(MAKE) -f $(srctree)/Makefile O=$$d BOARD=$$dir all; \
		{ $(MAKE) -f $(srctree)/Makefile O=$$d BOARD=$$dir run SMP=4 \
			CMDLINE='soak=30 poweroff' TIMEOUT=300; echo $$? > $$d/soak.status; } \
			| tee $$d/soak.log; \
		echo "== soak $$b: $$(grep '^\[SOAK\] [0-9]* rounds' $$d/soak.log)"; \
		grep '^\[SCHED\] core' $$d/soak.log || true; \
		test "$$(cat $$d/soak.status)" = 0; \
	done

install-deps:
	$(Q)$(DEPS) --all

clean:
	$(Q)rm -rf $(addprefix $(objtree)/,arch boards drivers kernel lib scripts \
		tests include/generated sis.elf sis.map sis.iso sis.bin kernel8.img \
		boot isodir grub.cfg ksyms.S ksyms.o sis.pass1.elf .flags check bench)

mrproper: clean
	$(Q)rm -rf $(addprefix $(objtree)/,.config .config.old defconfig include)

help:
	@echo "sis $(VERSION): a Kconfig-driven SMP kernel"
	@echo
	@echo "Configuration:"
	@echo "  <name>_defconfig  - a default configuration from configs/:"
	@for d in $(defconfigs); do echo "                      $$d"; done
	@echo "  menuconfig        - change the configuration in a terminal menu"
	@echo "  oldconfig         - update .config, asking for each new symbol"
	@echo "  olddefconfig      - update .config, new symbols take defaults"
	@echo "  savedefconfig     - write a minimal defconfig to \$$(O)/defconfig"
	@echo "  listnewconfig     - list symbols .config does not set yet"
	@echo "  allnoconfig       - every option off"
	@echo "  allyesconfig      - every option on"
	@echo "  randconfig        - a random configuration (KCONFIG_SEED=n repeats one)"
	@echo
	@echo "Building and running:"
	@echo "  all (default)     - sis.elf and the board's image (sis.iso / kernel8.img)"
	@echo "  run               - boot the image in QEMU"
	@echo "  debug             - boot in QEMU halted, with a gdb stub, and print the gdb command"
	@echo "  check             - every test: host unit tests, builds, the QEMU boot matrix"
	@echo "  bench             - the benchmarks (figures, never pass/fail)"
	@echo "  soak              - the long SMP soak test"
	@echo "  clean / mrproper  - remove build output / and the configuration"
	@echo
	@echo "Variables: O=dir V=1 CROSS_COMPILE=prefix SMP=n GIC=2|3 EL2=on|off"
	@echo "           CMDLINE='words' QEMU_EXTRA='args' QUICK=1 (check, bench)"

PHONY += check bench soak install-deps clean mrproper help
.PHONY: $(PHONY)

endif # mixed
