#!/bin/sh
# Install the Debian packages sis needs, when they are missing.
#   install-deps.sh pkg...   those packages
#   install-deps.sh --all    everything make run, check and bench use
# Uses apt-get as root, or through sudo; says what it installs.
set -e

ALL="make gcc libc6-dev binutils python3 python3-kconfiglib \
gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu libc6-dev-arm64-cross libcmocka-dev \
qemu-system-x86 qemu-system-arm qemu-utils grub-pc-bin grub-efi-amd64-bin \
grub-common ovmf xorriso mtools device-tree-compiler gdb-multiarch gnuplot-nox \
clang lld llvm universal-ctags cscope console-setup-linux"

if [ "$1" = "--all" ]; then
	set -- $ALL
fi

missing=""
for p in "$@"; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
	echo "install-deps: missing packages:$missing (no apt-get here: install them by hand)" >&2
	exit 1
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then
	if command -v sudo >/dev/null 2>&1; then
		SUDO=sudo
	else
		echo "install-deps: need root or sudo to install:$missing" >&2
		exit 1
	fi
fi
echo "install-deps: installing Debian packages:$missing"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null || echo "install-deps: apt-get update failed; trying the install anyway" >&2
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
echo "install-deps: done"
