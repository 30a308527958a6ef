# sis: top-level Makefile. Kbuild-style: configuration through Kconfig,
# per-directory Makefiles listing obj-y / obj-$(CONFIG_X), and every file
# the build writes kept in one output folder: O=dir, or build/ in the
# source tree. Nothing a target does ever writes or removes a source file.
# Run "make help" for the targets and variables.

VERSION := 0.1.0

MAKEFLAGS += -rR --no-print-directory
.SUFFIXES:
.DELETE_ON_ERROR:

srctree := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))
objtree := $(abspath $(if $(O),$(O),$(srctree)/build))
PYTHON := /usr/bin/python3
KCONFIG_CONFIG := $(objtree)/.config
SIS_VERSION := $(VERSION)
# Python must not leave __pycache__ folders in the source tree.
PYTHONDONTWRITEBYTECODE := 1
export srctree objtree KCONFIG_CONFIG SIS_VERSION PYTHONDONTWRITEBYTECODE

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

include $(srctree)/scripts/Makefile.vars

# ---------------------------------------------------------------------------
# What the goals need

defconfigs := $(sort $(notdir $(wildcard $(srctree)/configs/*_defconfig)))
fragments := $(sort $(notdir $(wildcard $(srctree)/kernel/configs/*.config \
	$(srctree)/arch/*/configs/*.config)))
config-targets := menuconfig nconfig xconfig gconfig oldconfig olddefconfig \
	savedefconfig listnewconfig allnoconfig allyesconfig alldefconfig \
	randconfig defconfig %_defconfig $(fragments)
clean-targets := clean mrproper distclean
no-config-targets := $(clean-targets) help check bench soak fuzz install-deps \
	kernelversion tags cscope

goals := $(if $(MAKECMDGOALS),$(MAKECMDGOALS),all)
cfg-goals := $(filter $(config-targets),$(goals))
clean-goals := $(filter $(clean-targets),$(goals))

# "make O=x pc_defconfig all", "make clean all": configuration and clean
# goals mixed with others run one after the other, each in its own make,
# as in Kbuild.
ifneq ($(cfg-goals)$(clean-goals),)
ifneq ($(word 2,$(goals)),)
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

$(objtree):
	$(Q)mkdir -p $@

# An older in-tree build left configuration or generated headers in the
# source tree; the include path could pick them up instead of ours.
src-leftovers := $(wildcard $(srctree)/.config $(srctree)/include/config \
	$(srctree)/include/generated)
ifneq ($(src-leftovers),)
ifeq ($(filter $(clean-targets) help kernelversion,$(goals)),)
$(error source tree is not clean ($(notdir $(firstword $(src-leftovers))) \
	in $(srctree)), please run 'make mrproper')
endif
endif

include $(srctree)/scripts/Makefile.config

# ---------------------------------------------------------------------------
# Building: everything else needs a configuration

ifneq ($(filter-out $(no-config-targets) $(config-targets),$(goals)),)

kconfig-files := $(shell find $(srctree) -name 'Kconfig*' -not -path '*/.git/*' \
	-not -path '$(objtree)/*')

$(objtree)/.config: | $(objtree)
	@echo "No .config in $(objtree): using pc_defconfig (make <board>_defconfig to choose)"
	$(Q)$(MAKE) -f $(srctree)/Makefile pc_defconfig

$(objtree)/include/config/auto.conf: $(objtree)/.config $(kconfig-files)
	$(Q)$(DEPS) python3-kconfiglib
	$(Q)$(KCONFIG) syncconfig
	$(Q)touch $@

-include $(objtree)/include/config/auto.conf

ifdef CONFIG_ARCH
sis-arch := $(patsubst "%",%,$(CONFIG_ARCH))
sis-board := $(patsubst "%",%,$(CONFIG_BOARD))

include $(srctree)/scripts/Makefile.lib
include $(srctree)/arch/$(sis-arch)/arch.mk
include $(srctree)/scripts/Makefile.build
include $(srctree)/scripts/Makefile.link
include $(srctree)/boards/$(sis-board)/board.mk
include $(srctree)/scripts/Makefile.run
# What each target was built with, and the headers and symbols it read.
-include $(call cmd-files,$(targets))
endif # CONFIG_ARCH

endif # needs a configuration

# ---------------------------------------------------------------------------
# Targets that need no configuration

check:
	$(Q)$(DEPS) --all
	$(Q)$(PYTHON) $(srctree)/scripts/check.py --srctree $(srctree) \
		--out $(objtree)/check $(if $(QUICK),--quick) $(if $(filter 1,$(V)),--verbose) \
		$(if $(JOBS),--jobs $(JOBS))

bench:
	$(Q)$(DEPS) --all
	$(Q)$(PYTHON) $(srctree)/scripts/bench.py --srctree $(srctree) \
		--out $(objtree)/bench $(if $(QUICK),--quick)

# soak: per board (BOARD=pc|rpi5, default both) a 4-CPU kernel with the
# lock-order checker, every test in a loop for 30 s, then the statistics.
soak-boards := $(if $(BOARD),$(BOARD),pc rpi5)

soak:
	$(Q)set -e; for b in $(soak-boards); do \
		d=$(objtree)/soak/$$b; \
		$(MAKE) -f $(srctree)/Makefile O=$$d $${b}_defconfig lockorder.config all; \
		{ $(MAKE) -f $(srctree)/Makefile O=$$d run SMP=4 \
			CMDLINE='soak=30 poweroff' TIMEOUT=300; echo $$? > $$d/soak.status; } \
			| tee $$d/soak.log; \
		echo "== soak $$b: $$(grep '\[SOAK\] [0-9]* rounds' $$d/soak.log)"; \
		grep '\[SCHED\] core' $$d/soak.log || true; \
		test "$$(cat $$d/soak.status)" = 0; \
	done

install-deps:
	$(Q)$(DEPS) --all

kernelversion:
	@echo $(VERSION)

include $(srctree)/scripts/Makefile.tools
include $(srctree)/scripts/Makefile.fuzz
include $(srctree)/scripts/Makefile.clean

include $(srctree)/scripts/Makefile.help

PHONY += check bench soak install-deps kernelversion help
.PHONY: $(PHONY)

endif # mixed
