#!/usr/bin/env python3
"""Run the benchmark image under QEMU with -icount shift=0 and print the figures.

Every figure is printed as `BENCH <name>: <N> instructions` (or bytes), the
image's own lines first, then the kernel's footprint read from its boot banner.
Targets from the issues are shown beside each figure for reading; they are
figures, not tests: the exit status is non-zero only when the image fails to
run or a figure is missing.
"""
import argparse
import re
import shlex
import subprocess
import sys

TARGETS = {
    "sinv_roundtrip": 150,
    "asnd_to_arcv": 250,
    "irq_to_thread": 200,
    "thread_dispatch": 100,
    "sched_block_wakeup": 400,
    "kernel_text": 16384,
    "kernel_static_ram": 4096,
    "kernel_thread_memory": 128,
}
BANNER = re.compile(r"text (\d+) bytes, static RAM (\d+) bytes, thread (\d+) bytes")
FIGURE = re.compile(r"^BENCH (\w+): (\d+) (instructions|bytes)(.*)$")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--qemu", required=True)
    ap.add_argument("--image", required=True)
    ap.add_argument("--timeout", type=int, default=60)
    a = ap.parse_args()
    cmd = shlex.split(a.qemu) + ["-kernel", a.image]
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=a.timeout, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        print(f"bench: QEMU did not finish within {a.timeout} s", file=sys.stderr)
        return 1
    out = p.stdout.decode(errors="replace").replace("\r", "")
    figures = []
    for line in out.splitlines():
        m = FIGURE.match(line)
        if m:
            figures.append((m.group(1), int(m.group(2)), m.group(3), m.group(4)))
        m = BANNER.search(line)
        if m:
            figures.append(("kernel_text", int(m.group(1)), "bytes", ""))
            figures.append(("kernel_static_ram", int(m.group(2)), "bytes", ""))
            figures.append(("kernel_thread_memory", int(m.group(3)), "bytes", ""))
    if p.returncode != 0:
        sys.stdout.write(out)
        print(f"bench: the image exited with {p.returncode}", file=sys.stderr)
        return 1
    missing = [n for n in TARGETS if n not in {f[0] for f in figures}]
    for name, value, unit, rest in figures:
        target = TARGETS.get(name)
        note = ""
        if target is not None:
            note = f"  (target <= {target}: {'met' if value <= target else 'NOT met'})"
        print(f"BENCH {name}: {value} {unit}{rest}{note}")
    if missing:
        print(f"bench: figures missing: {', '.join(missing)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
