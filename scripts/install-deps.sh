#!/bin/sh
# Install the Debian packages sis needs, when they are missing.
#   install-deps.sh pkg...   those packages
#   install-deps.sh --all    everything make run, check and bench use
# Uses apt-get as root, or through sudo; says what it installs.
#
# QEMU: sis is tested on QEMU 10 (x2APIC under TCG, more than 255 CPUs,
# raspi4b) and still runs on 7.2. When QEMU is asked for and the one
# installed is older than QEMU_WANT, Debian 12 gets it from the
# bookworm-backports suite of the mirror apt already uses (read from the
# system's apt sources); later Debian releases have it in their own suite.
# SIS_QEMU_BACKPORTS=0 keeps the QEMU that is there.
set -e

QEMU_WANT=9
QEMU_PKGS="qemu-system-x86 qemu-system-arm qemu-utils"
SOURCES=/etc/apt/sources.list.d/sis-backports.sources

ALL="make gcc libc6-dev binutils python3 python3-kconfiglib \
gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu libc6-dev-arm64-cross libcmocka-dev \
qemu-system-x86 qemu-system-arm qemu-utils grub-pc-bin grub-efi-amd64-bin \
grub-common ovmf xorriso mtools device-tree-compiler gdb-multiarch gnuplot-nox \
clang lld llvm universal-ctags cscope console-setup-linux"

if [ "$1" = "--all" ]; then
	set -- $ALL
fi

# The major version of an installed package ("1:10.0.2+ds-2" -> 10), or 0.
major_version() {
	v=$(dpkg-query -W -f='${Version}' "$1" 2>/dev/null || true)
	v=${v#*:}
	echo "${v%%.*}" | grep -E '^[0-9]+$' || echo 0
}

# The first URI apt uses for the release's main suite, from deb822
# sources (debian.sources) or one-line sources.list entries.
release_mirror() {
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] || continue
		awk -v suite="$1" '
			/^[ \t]*$/ { if (ok && uri) { print uri; exit } ok = 0; uri = "" }
			/^URIs:/ { uri = $2 }
			/^Suites:/ { for (i = 2; i <= NF; i++) if ($i == suite) ok = 1 }
			END { if (ok && uri) print uri }' "$f" | head -n 1
	done
	cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
		awk -v suite="$1" '$1 == "deb" && $3 == suite { print $2 }'
}

wants_qemu() {
	for p in "$@"; do
		case "$p" in qemu-system-*) return 0 ;; esac
	done
	return 1
}

# Debian 12: QEMU from bookworm-backports. Returns nonzero when it could
# not (then the caller installs the release's QEMU as before).
backport_qemu() {
	[ "${SIS_QEMU_BACKPORTS:-1}" = 0 ] && return 1
	[ "$(major_version qemu-system-x86)" -ge "$QEMU_WANT" ] &&
		[ "$(major_version qemu-system-arm)" -ge "$QEMU_WANT" ] && return 0
	codename=$(. /etc/os-release 2>/dev/null && echo "$VERSION_CODENAME")
	[ "$codename" = bookworm ] || return 1
	if ! grep -rqs "bookworm-backports" /etc/apt/sources.list /etc/apt/sources.list.d/; then
		mirror=$(release_mirror bookworm | head -n 1)
		if [ -z "$mirror" ]; then
			echo "install-deps: no bookworm mirror in the apt sources; keeping Debian 12's QEMU" >&2
			return 1
		fi
		echo "install-deps: enabling bookworm-backports from $mirror for QEMU >= $QEMU_WANT"
		printf 'Types: deb\nURIs: %s\nSuites: bookworm-backports\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
			"$mirror" | $SUDO tee "$SOURCES" >/dev/null
		$SUDO apt-get update -qq >/dev/null || true
	fi
	cand=$(apt-cache policy qemu-system-x86 2>/dev/null | awk '$1 ~ /bpo/ { print $1; exit }')
	if [ -z "$cand" ]; then
		echo "install-deps: bookworm-backports has no QEMU here; keeping Debian 12's QEMU" >&2
		return 1
	fi
	echo "install-deps: installing QEMU $cand from bookworm-backports: $QEMU_PKGS"
	# shellcheck disable=SC2086
	if ! DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
			-t bookworm-backports $QEMU_PKGS >/dev/null; then
		echo "install-deps: QEMU from bookworm-backports failed to install; keeping Debian 12's QEMU" >&2
		return 1
	fi
}

SUDO=""
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1; then
	SUDO=sudo
fi
if wants_qemu "$@" && command -v apt-get >/dev/null 2>&1 &&
		{ [ "$(id -u)" = 0 ] || [ -n "$SUDO" ]; }; then
	backport_qemu || true
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
if [ "$(id -u)" != 0 ]; then
	if [ -z "$SUDO" ]; then
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
