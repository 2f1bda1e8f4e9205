#!/usr/bin/env python3
"""Run the benchmark images under QEMU with -icount shift=0 and print the figures.

Every figure is printed as `BENCH <name>: <N> instructions` (or bytes), the
image's own lines first, then the kernel's footprint read from its boot banner.
Targets from the issues are shown beside each figure for reading; they are
figures, not tests: the exit status is non-zero only when the image fails to
run or a figure is missing.
"""
import argparse
import os
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
    "sinv_stub_overhead": 30,  # generated stub round trip minus the bare gate's
    "kernel_text": 16384,
    "kernel_static_ram": 4096,
    "kernel_thread_memory": 128,
}
BANNER = re.compile(r"text (\d+) bytes, static RAM (\d+) bytes, thread (\d+) bytes")
FIGURE = re.compile(r"^BENCH (\w+): (\d+) (instructions|bytes)(.*)$")


def run(qemu, image, timeout):
    """The image's output, or None (after saying why) when it did not end well."""
    cmd = shlex.split(qemu) + ["-kernel", image]
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        print(f"bench: {image}: QEMU did not finish within {timeout} s", file=sys.stderr)
        return None
    out = p.stdout.decode(errors="replace").replace("\r", "")
    if p.returncode != 0:
        sys.stdout.write(out)
        print(f"bench: {image} exited with {p.returncode}", file=sys.stderr)
        return None
    return out


def graph_figures(folder):
    """Per component of a graph build: its image size (code and data in flash,
    from the sizing link), and the layout's bytes wasted to alignment."""
    figures = []
    name = os.path.basename(folder.rstrip("/"))
    for comp in sorted(os.listdir(folder)):
        size = os.path.join(folder, comp, "size.txt")
        if not os.path.exists(size):
            continue
        sec = {}
        for line in open(size):
            parts = line.split()
            if len(parts) >= 2 and parts[0].startswith(".") and parts[1].isdigit():
                sec[parts[0]] = int(parts[1])
        figures.append((f"image_{name}_{comp}", sec.get(".text", 0) + sec.get(".data", 0), "bytes",
                        f" (RAM: {sec.get('.data', 0) + sec.get('.bss', 0)} bytes of data and bss)"))
    layout = os.path.join(folder, "layout.txt")
    if os.path.exists(layout):
        for line in open(layout):
            if line.startswith("bytes wasted to alignment:"):
                figures.append((f"layout_waste_{name}", int(line.split(":")[1]), "bytes", ""))
    return figures


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--qemu", required=True)
    ap.add_argument("--image", action="append", required=True)
    ap.add_argument("--graph", action="append", default=[],
                    help="a graph's build folder: print its component sizes and layout waste")
    ap.add_argument("--timeout", type=int, default=60)
    a = ap.parse_args()
    out = ""
    for image in a.image:
        o = run(a.qemu, image, a.timeout)
        if o is None:
            return 1
        out += o
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
    figures = list(dict.fromkeys(figures))  # the banner comes once per image
    value = {f[0]: f[1] for f in figures}
    if "sinv_roundtrip_stub" in value and "sinv_roundtrip_gate" in value:
        figures.append(("sinv_stub_overhead", value["sinv_roundtrip_stub"] - value["sinv_roundtrip_gate"],
                        "instructions", " (generated stub minus the bare gate, same call)"))
    for g in a.graph:
        figures += graph_figures(g)
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
