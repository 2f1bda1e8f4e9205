#!/bin/sh
# musl.sh - components' C library: musl from Debian's source package, patched
# for cos and built for the board's CPU, in the build tree (docs/libc.md).
#
#   tools/musl.sh build SRC OUT CC CFLAGS
#       SRC     where the source package goes (build/musl-src, shared by boards)
#       OUT     where the library goes: OUT/include, OUT/lib/libc.a (build/BOARD/musl)
#       CC      the cross compiler (arm-none-eabi-gcc)
#       CFLAGS  the board's CPU flags (boards/BOARD/board.mk's CPU_FLAGS)
#     Fetches the source once (apt-get source; tools/setup.sh first adds
#     deb-src entries and dpkg-dev when missing), applies
#     libcos/musl/cos-musl-VERSION.patch once, configures and builds once per
#     patch, compiler and flags (OUT/.stamp), then checks libc.a (below).
#     Prints one line when it has nothing to do.
#
#   tools/musl.sh check ELF OBJ...
#       Fails when ELF has code that traps into the kernel as a Linux system
#       call (svc 0), reads cp15 (mrc/mcr p15: UNDEFINED on M-profile) or calls
#       a Linux kuser helper (0xffff0fxx), in a function that is not defined
#       by one of the objects OBJ (the component's own code, which may do so
#       on purpose, as a test of the kernel's svc 0 does).  Library code
#       (libcos, musl, libgcc) never may.
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PATCH_DIR=$ROOT/libcos/musl
RECIPE=1

say() { echo "musl: $*"; }
die() { echo "musl: $*" >&2; exit 1; }

# Disassembly lines that must not appear in library code.
FORBIDDEN='[[:space:]](svc|swi)[[:space:]]+(#?0|#?0x0+)([[:space:]]|$)|[[:space:]](mrc|mcr|mrc2|mcr2|mrrc|mcrr)[[:space:]]+(p?15),|0xffff0f[0-9a-f][0-9a-f]'

# Functions (from objdump -d output on stdin) holding a forbidden line: "name: line".
forbidden_in() {
	awk -v re="$FORBIDDEN" '
		/^[0-9a-f]+ <.*>:$/ { fn = $2; sub(/^</, "", fn); sub(/>:$/, "", fn); next }
		$0 ~ re { print fn ": " $0 }'
}

check_elf() {
	elf=$1; shift
	objdump=${OBJDUMP:-arm-none-eabi-objdump}
	nm=${NM:-arm-none-eabi-nm}
	own=$($nm --defined-only "$@" 2>/dev/null | awk 'NF == 3 && $2 ~ /[tTwW]/ { print $3 }' | sort -u)
	bad=$($objdump -d "$elf" | forbidden_in | while IFS= read -r line; do
		fn=${line%%: *}
		printf '%s\n' "$own" | grep -qxF "$fn" || printf '%s\n' "$line"
	done)
	if [ -n "$bad" ]; then
		echo "musl: $elf: library code that would trap into the kernel or fault on M-profile:" >&2
		printf '%s\n' "$bad" >&2
		exit 1
	fi
}

# $1: the directory for the source package.  Leaves the unpacked, pristine
# source in $1/musl-VERSION and prints that path.
fetch() {
	src=$1
	dsc=$(ls "$src"/musl_*.dsc 2>/dev/null | head -n 1 || true)
	if [ -z "$dsc" ]; then
		"$ROOT/tools/setup.sh" >&2 || die "tools/setup.sh failed"
		mkdir -p "$src"
		say "fetching Debian's source package (apt-get source --download-only musl) into $src" >&2
		if ! (cd "$src" && apt-get source -q --download-only musl >fetch.log 2>&1); then
			# deb-src entries present but apt's lists not updated since.
			if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
			say "apt-get source failed; running apt-get update and trying again" >&2
			$sudo apt-get update -q >/dev/null 2>&1 || true
			(cd "$src" && apt-get source -q --download-only musl >fetch.log 2>&1) ||
				{ cat "$src/fetch.log" >&2; die "apt-get source musl failed (see above)"; }
		fi
		dsc=$(ls "$src"/musl_*.dsc | head -n 1)
	fi
	# musl_1.2.3-1.dsc -> upstream version 1.2.3
	version=$(basename "$dsc" .dsc | sed 's/^musl_//; s/-[^-]*$//; s/^[0-9]*://')
	printf '%s %s\n' "$dsc" "$version"
}

build() {
	[ $# -eq 4 ] || die "usage: tools/musl.sh build SRC OUT CC CFLAGS"
	src=$1 out=$2 cc=$3 cflags=$4
	case $src in /*) ;; *) src=$ROOT/$src ;; esac
	case $out in /*) ;; *) out=$ROOT/$out ;; esac

	fetched=$(fetch "$src") || exit 1
	set -- $fetched
	dsc=$1 version=$2
	patch=$PATCH_DIR/cos-musl-$version.patch
	[ -f "$patch" ] || die "Debian's musl is $version, and there is no $patch: port the patch (docs/libc.md)"
	patch_sum=$(sha256sum "$patch" | cut -d' ' -f1)
	cross=${cc%gcc}
	# What the library depends on; RECIPE counts changes to the steps below.
	key="recipe $RECIPE; musl $version; patch $patch_sum; cc $cc $($cc -dumpversion); cflags $cflags"
	if [ -f "$out/.stamp" ] && [ "$(cat "$out/.stamp")" = "$key" ] && [ -f "$out/lib/libc.a" ]; then
		say "$out is up to date (musl $version, patched)"
		return 0
	fi

	# The patched source: unpacked afresh whenever the patch changed.
	tree=$src/musl-$version
	if [ ! -f "$tree/.cos-patch" ] || [ "$(cat "$tree/.cos-patch")" != "$patch_sum" ]; then
		rm -rf "$tree"
		(cd "$src" && dpkg-source -x "$(basename "$dsc")" "musl-$version" >unpack.log 2>&1) ||
			die "unpacking $dsc failed"
		say "applying $(basename "$patch") to $tree"
		patch -d "$tree" -p1 -E -s --no-backup-if-mismatch <"$patch" || die "$patch does not apply to $tree"
		echo "$patch_sum" >"$tree/.cos-patch"
	fi

	say "building musl $version for $cflags into $out (about a minute; log: $out/build.log)"
	start=$(date +%s)
	rm -rf "$out"
	mkdir -p "$out/obj"
	# A make of its own: not a part of the caller's job server.
	unset MAKEFLAGS MFLAGS MAKELEVEL || true
	jobs=$(nproc 2>/dev/null || echo 2)
	if ! (cd "$out/obj" &&
	      "$tree/configure" --target=arm-none-eabi --prefix="$out" --disable-shared \
		CC="$cc" CROSS_COMPILE="$cross" CFLAGS="$cflags -Os" &&
	      make -j"$jobs" &&
	      make install-headers install-libs) >"$out/build.log" 2>&1; then
		tail -n 30 "$out/build.log" >&2
		die "building musl failed (whole log: $out/build.log)"
	fi
	rm -rf "$out/obj"

	# Nothing in the library may trap as a Linux call or touch cp15.
	bad=$(${cross}objdump -d "$out/lib/libc.a" | forbidden_in)
	if [ -n "$bad" ]; then
		printf '%s\n' "$bad" >&2
		die "$out/lib/libc.a still has svc 0, cp15 or kuser-helper code (above): the patch misses it"
	fi
	echo "$key" >"$out/.stamp"
	say "built $out/lib/libc.a in $(( $(date +%s) - start )) s"
}

cmd=${1:-}
[ $# -gt 0 ] && shift
case $cmd in
build) build "$@" ;;
check) [ $# -ge 1 ] || die "usage: tools/musl.sh check ELF OBJ..."; check_elf "$@" ;;
*) die "usage: tools/musl.sh build SRC OUT CC CFLAGS | check ELF OBJ..." ;;
esac
