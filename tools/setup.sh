#!/bin/sh
# setup.sh - make sure this Debian machine has what the build and the tests need.
# Installs missing packages with apt-get (as root, or through sudo) and says
# what it does; exits non-zero, naming the package, if an install fails.
# musl comes from Debian's source package (tools/musl.sh), so apt must know
# deb-src entries: when none are configured this adds them (the same
# archives as the existing deb entries, in a file of its own) and says so.
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
have dpkg-source         || need="$need dpkg-dev"     # apt-get source unpacks with it
# libgcc for the Cortex-M multilib comes with the cross compiler; newlib's
# headers are not used (components link musl, built by tools/musl.sh).

# deb-src entries: an uncommented deb-src line in a one-line-style list, or a
# "Types:" field naming deb-src in a deb822 .sources file.
APT_DIR=/etc/apt
SRC_FILE_822=$APT_DIR/sources.list.d/cos-deb-src.sources
SRC_FILE_LIST=$APT_DIR/sources.list.d/cos-deb-src.list
has_deb_src() {
	for f in $APT_DIR/sources.list $APT_DIR/sources.list.d/*.list; do
		[ -f "$f" ] && grep -Eq '^[[:space:]]*deb-src[[:space:]]' "$f" && return 0
	done
	for f in $APT_DIR/sources.list.d/*.sources; do
		[ -f "$f" ] && grep -Eiq '^Types:.*deb-src' "$f" && return 0
	done
	return 1
}
need_src=""
has_deb_src || need_src=yes

[ -z "$need" ] && [ -z "$need_src" ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
	sudo=""
elif have sudo; then
	sudo="sudo"
else
	echo "setup: missing:$need${need_src:+ deb-src entries in apt's sources}; run this as root or install sudo" >&2
	exit 1
fi

if [ -n "$need_src" ]; then
	# deb822 stanzas of type deb become stanzas of type deb-src (comments
	# dropped); one-line "deb ..." entries become "deb-src ...".
	out822=$(for f in $APT_DIR/sources.list.d/*.sources; do
		[ -f "$f" ] || continue
		awk 'function flush() { if (n && isdeb) { for (i = 1; i <= n; i++) print s[i]; print "" } n = 0; isdeb = 0 }
		     /^[[:space:]]*$/ { flush(); next }
		     /^#/ { next }
		     tolower($1) == "types:" { for (i = 2; i <= NF; i++) if ($i == "deb") isdeb = 1;
					     s[++n] = "Types: deb-src"; next }
		     { s[++n] = $0 }
		     END { flush() }' "$f"
	done)
	outlist=$(for f in $APT_DIR/sources.list $APT_DIR/sources.list.d/*.list; do
		[ -f "$f" ] || continue
		sed -n 's/^[[:space:]]*deb[[:space:]]\{1,\}/deb-src /p' "$f"
	done)
	if [ -z "$out822$outlist" ]; then
		echo "setup: apt has no deb entries to derive deb-src entries from; add deb-src entries for Debian's archive (musl's source package needs them)" >&2
		exit 1
	fi
	if [ -n "$out822" ]; then
		echo "setup: apt has no deb-src entries (musl comes from Debian's source package): adding $SRC_FILE_822 (the deb entries of $APT_DIR/sources.list.d/*.sources with Types: deb-src)"
		printf '# Added by cos tools/setup.sh: source packages (apt-get source musl).\n%s\n' "$out822" |
			$sudo tee "$SRC_FILE_822" >/dev/null || { echo "setup: writing $SRC_FILE_822 failed" >&2; exit 1; }
	fi
	if [ -n "$outlist" ]; then
		echo "setup: apt has no deb-src entries (musl comes from Debian's source package): adding $SRC_FILE_LIST (the deb lines of apt's .list files as deb-src)"
		printf '# Added by cos tools/setup.sh: source packages (apt-get source musl).\n%s\n' "$outlist" |
			$sudo tee "$SRC_FILE_LIST" >/dev/null || { echo "setup: writing $SRC_FILE_LIST failed" >&2; exit 1; }
	fi
fi

echo "setup: apt-get update${need:+ (installing:$need)}${need_src:+ (new deb-src entries)}"
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
