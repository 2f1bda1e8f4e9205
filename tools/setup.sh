#!/bin/sh
# setup.sh - make sure this Debian machine has what the build and the tests need.
# Installs missing packages with apt-get (as root, or through sudo) and says
# what it does; exits non-zero, naming the package, if an install fails.
set -u

need=""
have() { command -v "$1" >/dev/null 2>&1; }

have arm-none-eabi-gcc   || need="$need gcc-arm-none-eabi"
have arm-none-eabi-ld    || need="$need binutils-arm-none-eabi"
have qemu-system-arm     || need="$need qemu-system-arm"
have gdb-multiarch       || need="$need gdb-multiarch"
have python3             || need="$need python3"
have gcc                 || need="$need gcc"
have make                || need="$need make"
have cppcheck            || need="$need cppcheck"
# libgcc for the Cortex-M multilib comes with the cross compiler; newlib's
# headers are not used (components are freestanding until musl arrives).

[ -z "$need" ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
	sudo=""
elif have sudo; then
	sudo="sudo"
else
	echo "setup: missing:$need; run this as root or install sudo" >&2
	exit 1
fi

echo "setup: installing:$need (apt-get)"
if ! $sudo apt-get update -q >/dev/null; then
	echo "setup: 'apt-get update' failed; check the network or apt's sources" >&2
	exit 1
fi
for pkg in $need; do
	if ! DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "$pkg" >/dev/null; then
		echo "setup: installing $pkg failed" >&2
		exit 1
	fi
	echo "setup: installed $pkg"
done
