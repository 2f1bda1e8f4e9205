#!/usr/bin/env python3
"""Run every test: host unit-test binaries and QEMU system-test images.

Unit binaries print a line "<name>: N passed, N failed".  A system image
prints "PASS: ..." / "FAIL: ..." lines and ends QEMU through semihosting with
its failure count as the exit code; an image passes when QEMU exits 0 within
the time bound, no FAIL line was printed, at least one PASS line was, and
every line of the image folder's `expect` file (if any) appears in order
(a line that starts with "* " may appear anywhere).
Output framed by the UART mux (docs/uart.md, section 4) is first split into
its streams with tools/uartmux.py's decoder, so that the clients' PASS/FAIL
lines count like the kernel console's.
Static analysis (--lint) counts as one test that passes when it prints
nothing.  Each PASS/FAIL line and each image verdict counts.  The last line printed is
"N passed, N failed"; the exit status is non-zero on any failure.
"""
import argparse
import importlib.util
import io
import os
import re
import shlex
import subprocess
import sys
import time

SUMMARY = re.compile(r"(\d+) passed, (\d+) failed")


def load_uartmux():
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools", "uartmux.py")
    spec = importlib.util.spec_from_file_location("uartmux", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


UARTMUX = load_uartmux()
STREAM_PREFIX = re.compile(r"^\[(k|mux|\d+)\] ")


def output_lines(raw):
    """The image's lines; mux frames, if any, decoded into lines of their own."""
    dec = UARTMUX.Decoder()
    pieces = dec.feed(raw) + dec.flush()
    if dec.frames == 0:
        return raw.decode(errors="replace").replace("\r", "").splitlines()
    out = io.StringIO()
    streams = UARTMUX.Streams(out=out)
    for ch, data in pieces:
        streams.add(ch, data)
    streams.finish()
    return [STREAM_PREFIX.sub("", l) for l in out.getvalue().splitlines()]


def run_lint(cmd):
    p = subprocess.run(cmd, shell=True, capture_output=True, text=True)
    out = (p.stdout + p.stderr).strip()
    if p.returncode == 0 and not out:
        print("PASS: lint (cppcheck reports nothing)")
        return 1, 0
    print(out)
    print(f"FAIL: lint: cppcheck reported problems (exit {p.returncode})")
    return 0, 1


def run_unit(binary):
    try:
        p = subprocess.run([binary], capture_output=True, text=True, timeout=120)
    except subprocess.TimeoutExpired:
        print(f"FAIL: unit {binary}: timed out")
        return 0, 1
    out = p.stdout + p.stderr
    matches = SUMMARY.findall(out)
    if not matches:
        sys.stdout.write(out)
        print(f"FAIL: unit {binary}: no summary line (exit {p.returncode})")
        return 0, 1
    passed, failed = (int(x) for x in matches[-1])
    if p.returncode != 0 and failed == 0:
        failed = 1
    if failed:
        sys.stdout.write(out)
    print(f"{'PASS' if not failed else 'FAIL'}: unit {os.path.basename(binary)}: "
          f"{passed} passed, {failed} failed")
    return passed, failed


def run_image(name, elf, qemu, timeout, tests_dir, verbose):
    cmd = shlex.split(qemu) + ["-kernel", elf]
    start = time.monotonic()
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL)
        raw = p.stdout
        code = p.returncode
        timed_out = False
    except subprocess.TimeoutExpired as e:
        raw = e.stdout or b""
        code = None
        timed_out = True
    elapsed = time.monotonic() - start
    lines = output_lines(raw)
    passes = [l for l in lines if l.startswith("PASS:")]
    fails = [l for l in lines if l.startswith("FAIL:")]
    problems = []
    if timed_out:
        problems.append(f"no exit within {timeout} s")
    elif code != 0:
        problems.append(f"exit code {code}")
    if fails:
        problems.append(f"{len(fails)} FAIL lines")
    if not passes:
        problems.append("no PASS line")
    expects = [os.path.join(d, name, "expect") for d in tests_dir]
    expect = next((e for e in expects if os.path.exists(e)), None)
    if expect:
        pos = 0
        for want in open(expect).read().splitlines():
            if not want.strip():
                continue
            if want.startswith("* "):  # anywhere: the order of other streams' lines is not fixed
                if not any(want[2:] in l for l in lines):
                    problems.append(f"expected line missing: {want[2:]!r}")
                continue
            while pos < len(lines) and want not in lines[pos]:
                pos += 1
            if pos == len(lines):
                problems.append(f"expected line missing (in order): {want!r}")
                break
            pos += 1
    if verbose or problems:
        for l in lines:
            print(f"  [{name}] {l}")
    for l in passes:
        print(f"PASS: {name}: {l[5:].strip()}")
    for l in fails:
        print(f"FAIL: {name}: {l[5:].strip()}")
    verdict = "PASS" if not problems else "FAIL"
    print(f"{verdict}: image {name} ({elapsed:.1f} s){': ' + '; '.join(problems) if problems else ''}")
    return len(passes) + (not problems), len(fails) + bool(problems)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--qemu", required=True)
    ap.add_argument("--timeout", type=int, default=60)
    ap.add_argument("--unit", default="")
    ap.add_argument("--lint", default="")
    ap.add_argument("--images", default="")
    ap.add_argument("--tests-dir", action="append", default=[],
                    help="folders holding <image>/expect files (repeatable)")
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args()
    total_pass = total_fail = 0
    if a.lint:
        p, f = run_lint(a.lint)
        total_pass += p
        total_fail += f
    for b in a.unit.split():
        p, f = run_unit(b)
        total_pass += p
        total_fail += f
    for item in a.images.split():
        name, elf = item.split("=", 1)
        p, f = run_image(name, elf, a.qemu, a.timeout, a.tests_dir, a.verbose)
        total_pass += p
        total_fail += f
    print(f"{total_pass} passed, {total_fail} failed")
    return 1 if total_fail or total_pass == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
