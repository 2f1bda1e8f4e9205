#!/usr/bin/env python3
"""test_uartmux.py - tests of tools/uartmux.py (docs/uart.md, section 6).

1. The tool's own codec checks (uartmux.py --selftest).
2. End to end: QEMU boots the uart_echo graph image with its serial port on
   a Unix socket (build/<board>/graph/uart_echo/image.elf, built by make
   test); the tool attaches, waits for the mux's hello, sends frames for
   clients 0, 1 and 2 (which echo them), one for a client that does not
   exist, one with a wrong check, one too long, stray bytes, a status
   request, and "quit" to client 3; it splits the line into one file per
   stream.  Five 60-byte frames for another missing client come in one burst
   first: more than the driver's receive ring, so its flow control must hold
   QEMU's input back without losing a byte.  Each client's stream must hold its own echo and nobody else's;
   the mux's status line and the kernel's summary must count the drops.
   Skipped (not failed) when the image or QEMU is missing, as when unit.mk is
   run alone.

Prints `test_uartmux.py: N passed, N failed`; exit status 1 on any failure.
Bounded: QEMU and the tool each get 30 seconds.
"""
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
TOOL = os.path.join(ROOT, "tools", "uartmux.py")
BOARD = os.environ.get("BOARD", "netduinoplus2")
IMAGE = os.path.join(ROOT, "build", BOARD, "graph", "uart_echo", "image.elf")
QEMU = ["qemu-system-arm", "-M", BOARD, "-nographic", "-monitor", "none",
        "-semihosting-config", "enable=on,target=native"]
LIMIT = 30

passed = failed = 0


def check(name, cond, detail=""):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print(f"FAIL: uartmux: {name}{': ' + detail if detail else ''}")


def frame(ch, payload):
    return bytes([1, ch, len(payload), ~(ch + len(payload) + sum(payload)) & 0xFF]) + payload


def selftest():
    p = subprocess.run([sys.executable, TOOL, "--selftest"], capture_output=True, text=True, timeout=LIMIT)
    out = p.stdout + p.stderr
    check("the codec self-check passes", p.returncode == 0 and " 0 failed" in out, out.strip())


def decode_stdin():
    """decode -: standard input, split as it comes (make run pipes QEMU into it)."""
    wire = b"kernel: boot\r\n" + frame(0, b"zero ") + frame(1, b"one\n") + frame(0, b"says hi\n") + b"bye\r\n"
    p = subprocess.run([sys.executable, TOOL, "decode", "-"], input=wire, capture_output=True, timeout=LIMIT)
    out = p.stdout.decode()
    want = "[k] kernel: boot\n[1] one\n[0] zero says hi\n[k] bye\n"
    check("decode - splits standard input into streams", p.returncode == 0 and out == want, repr(out))


def end_to_end():
    if not os.path.exists(IMAGE) or not shutil.which(QEMU[0]):
        print(f"test_uartmux.py: skipped the QEMU run ({IMAGE} or {QEMU[0]} missing)")
        return
    tmp = tempfile.mkdtemp(prefix="cos-uartmux-")
    sock = os.path.join(tmp, "serial.sock")
    split = os.path.join(tmp, "streams")
    bad = bytearray(frame(0, b"evil"))
    bad[3] ^= 0x5A
    qemu = subprocess.Popen(QEMU + ["-serial", f"unix:{sock},server=on,wait=on", "-kernel", IMAGE],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    try:
        tool = subprocess.run(
            [sys.executable, TOOL, "--connect", f"unix:{sock}", "--connect-wait", "10", "--timeout", str(LIMIT),
             "--quiet", "--split", split,
             "--send", "3:hold"] + ["--send", "9:" + "z" * 60] * 5 + ["--send", "0:alpha", "--send", "1:bravo", "--send", "2:charlie",
             "--send", "7:nobody", "--raw-hex", bytes(bad).hex(), "--raw-hex", "7a7a",
             "--send-hex", "1:" + "41" * 100, "--send", "255:s", "--send", "3:quit"],
            capture_output=True, text=True, timeout=LIMIT + 10)
        try:
            code = qemu.wait(timeout=LIMIT)
        except subprocess.TimeoutExpired:
            qemu.kill()
            code = None
        check("the tool saw the hello, sent, and the line closed", tool.returncode == 0,
              (tool.stdout + tool.stderr).strip())
        check("QEMU ended with exit code 0 (the image's checks passed)", code == 0, f"exit code {code}")

        def stream(name):
            try:
                with open(os.path.join(split, name), "rb") as f:
                    return f.read().decode(errors="replace")
            except OSError:
                return ""
        ch = [stream(f"ch{i}.txt") for i in range(4)]
        mux, kernel = stream("mux.txt"), stream("kernel.txt")
        words = ["alpha", "bravo", "charlie"]
        for i, w in enumerate(words):
            check(f"client {i} said hello through the mux", f"echo{i}: hello from client {i}" in ch[i], ch[i])
            check(f"client {i} got its frame", f"echo{i} got: {w}" in ch[i], ch[i])
            others = [x for x in words if x != w] + ["evil", "nobody", "AAAA"]
            check(f"client {i}'s stream holds nothing of the others'", not any(x in ch[i] for x in others), ch[i])
        check("the mux said hello", "uart_mux: 4 clients\n" in mux, mux)
        check("the mux's status counts the drops",
              "dropped: 6 unknown, 1 bad, 1 too long, 2 stray" in mux, mux)
        check("the kernel's console is a stream of its own, with the image's summary",
              "uart_echo: mux dropped: 6 unknown, 1 bad, 1 too long, 2 stray" in kernel, kernel)
        check("no check of the image failed", "PASS:" in kernel and "FAIL" not in kernel, kernel)
        check("no frame bytes in the kernel's stream", "\x01" not in kernel)
    finally:
        if qemu.poll() is None:
            qemu.kill()
            qemu.wait()
        shutil.rmtree(tmp, ignore_errors=True)


def main():
    selftest()
    decode_stdin()
    end_to_end()
    print(f"test_uartmux.py: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
