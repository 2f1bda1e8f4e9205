#!/usr/bin/env python3
"""uartmux.py - the host side of the UART mux (docs/uart.md, section 6).

The target's USART1 carries frames of the UART mux (components/uart_mux),
mixed with the kernel's console text. This tool attaches to that serial
line, splits it into one stream per client (and one for the kernel's text and
one for the mux's own channel), and turns what you type into frames for the
client you choose, so that you can talk to each component on its own.

Frame (interfaces/console/console.h), both directions:
    SOH (0x01) | channel | length (1..255) | check | payload
    check = ~(channel + length + sum(payload)) & 0xff
Channel 255 is the mux's own: it says "uart_mux: N clients" when it starts,
and answers a frame "s" with its status line.

Start QEMU with its first serial port on a socket, then attach:
    qemu-system-arm -M netduinoplus2 -nographic -monitor none \\
        -semihosting-config enable=on,target=native \\
        -serial unix:/tmp/cos-uart.sock,server=on,wait=on -kernel IMAGE.elf
    python3 tools/uartmux.py --connect unix:/tmp/cos-uart.sock
(or -serial tcp:127.0.0.1:4321,server=on,wait=on and --connect tcp:127.0.0.1:4321;
with wait=on QEMU starts the guest only once the tool is attached.)

Interactive (the default): every stream is printed line by line with a
prefix ([k] the kernel's text, [0], [1], ... the clients, [mux] the mux).
Typed lines go to the current client with a newline; a line "/N" makes N
current; "N:text" sends text to N once; "/s" asks the mux for its status;
"/q" quits.  --split DIR also writes each stream to DIR/kernel.txt,
DIR/ch<N>.txt and DIR/mux.txt.

Non-interactive: --send N:TEXT (repeatable; TEXT is sent as it is, no newline
added), --send-hex N:HEX (a payload in hexadecimal), --raw-hex HEX (bytes put
on the wire as they are: bad frames, stray bytes) are sent in the order given
once the mux's hello has arrived (--no-wait-hello: at once); the tool then
reads until QEMU closes the line (the guest halted) or --timeout seconds, and
prints every stream (or writes them with --split).  --selftest checks the
codec and exits.  decode FILE splits a saved capture.

Python 3 standard library only.
"""
import argparse
import os
import select
import socket
import sys
import time

SOH = 0x01
MUX = 0xFF
HDR = 4
HELLO = b"uart_mux: "


def check(channel, payload):
    return ~(channel + len(payload) + sum(payload)) & 0xFF


def frame(channel, payload):
    """One frame, or several when the payload is longer than 255 bytes."""
    payload = bytes(payload)
    if not 0 <= channel <= 255:
        raise ValueError(f"channel {channel} is not 0..255")
    out = b""
    for i in range(0, len(payload), 255):
        p = payload[i:i + 255]
        out += bytes([SOH, channel, len(p), check(channel, p)]) + p
    return out


class Decoder:
    """Splits the wire into frames and unframed bytes.

    feed(data) returns a list of (channel, bytes): channel is None for bytes
    outside frames (the kernel's text, noise).  A frame with a zero length or
    a wrong check is not a frame: its SOH goes to the unframed bytes and
    parsing starts again at the byte after it, so kernel text written into
    the middle of a frame loses nothing and the next good frame is found.
    """

    def __init__(self):
        self.buf = bytearray()
        self.bad = 0
        self.frames = 0

    def feed(self, data):
        self.buf += data
        out = []
        text = bytearray()
        i = 0
        b = self.buf
        while i < len(b):
            if b[i] != SOH:
                text.append(b[i])
                i += 1
                continue
            if len(b) - i < HDR:
                break  # wait for the header
            ch, ln, ck = b[i + 1], b[i + 2], b[i + 3]
            if ln == 0:
                self.bad += 1
                text.append(b[i])
                i += 1
                continue
            if len(b) - i < HDR + ln:
                break  # wait for the payload
            p = bytes(b[i + HDR:i + HDR + ln])
            if check(ch, p) != ck:
                self.bad += 1
                text.append(b[i])
                i += 1
                continue
            if text:
                out.append((None, bytes(text)))
                text = bytearray()
            out.append((ch, p))
            self.frames += 1
            i += HDR + ln
        if text:
            out.append((None, bytes(text)))
        del self.buf[:i]
        return out

    def flush(self):
        """What is left at the end (an incomplete frame): unframed bytes."""
        rest, self.buf = bytes(self.buf), bytearray()
        return [(None, rest)] if rest else []


def stream_name(ch):
    return "k" if ch is None else "mux" if ch == MUX else str(ch)


class Streams:
    """Per-stream bytes, and line-by-line printing with a prefix."""

    def __init__(self, out=None, split=None):
        self.data = {}
        self.partial = {}
        self.out = out
        self.files = {}
        self.split = split
        if split:
            os.makedirs(split, exist_ok=True)

    def file_for(self, ch):
        name = "kernel.txt" if ch is None else "mux.txt" if ch == MUX else f"ch{ch}.txt"
        if name not in self.files:
            self.files[name] = open(os.path.join(self.split, name), "wb")
        return self.files[name]

    def add(self, ch, data):
        if ch is None:
            data = data.replace(b"\r", b"")
        self.data[ch] = self.data.get(ch, b"") + data
        if self.split:
            f = self.file_for(ch)
            f.write(data)
            f.flush()
        if self.out:
            buf = self.partial.get(ch, b"") + data
            *lines, rest = buf.split(b"\n")
            for line in lines:
                self.show(ch, line)
            self.partial[ch] = rest

    def show(self, ch, line):
        self.out.write(f"[{stream_name(ch)}] {line.decode(errors='replace')}\n")
        self.out.flush()

    def finish(self):
        if self.out:
            for ch, rest in self.partial.items():
                if rest:
                    self.show(ch, rest)
            self.partial = {}
        for f in self.files.values():
            f.close()

    def text(self, ch):
        return self.data.get(ch, b"").decode(errors="replace")


def connect(where, wait):
    """A socket to unix:PATH or tcp:HOST:PORT, retried for `wait` seconds."""
    kind, _, rest = where.partition(":")
    deadline = time.monotonic() + wait
    while True:
        try:
            if kind == "unix":
                s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                s.connect(rest)
            elif kind == "tcp":
                host, _, port = rest.rpartition(":")
                s = socket.create_connection((host or "127.0.0.1", int(port)))
            else:
                raise SystemExit(f"uartmux: --connect unix:PATH or tcp:HOST:PORT, not {where!r}")
            return s
        except OSError as e:
            if time.monotonic() >= deadline:
                raise SystemExit(f"uartmux: cannot connect to {where}: {e}")
            time.sleep(0.05)


def parse_sends(a):
    """The non-interactive sends, in command-line order, as bytes for the wire."""
    sends = []
    for kind, value in a.sends:
        if kind == "raw":
            sends.append(bytes.fromhex(value))
            continue
        ch, sep, text = value.partition(":")
        if not sep or not ch.strip().isdigit():
            raise SystemExit(f"uartmux: --send wants CHANNEL:TEXT, not {value!r}")
        payload = bytes.fromhex(text) if kind == "hex" else text.encode()
        if not payload:
            raise SystemExit(f"uartmux: empty payload in {value!r}")
        sends.append(frame(int(ch), payload))
    return sends


def batch(a):
    """Send the given frames once the mux is up, read until EOF or the timeout."""
    sends = parse_sends(a)
    s = connect(a.connect, a.connect_wait)
    dec = Decoder()
    st = Streams(out=None if a.quiet else sys.stdout, split=a.split)
    hello = not a.wait_hello
    if hello:
        s.sendall(b"".join(sends))
    deadline = time.monotonic() + a.timeout
    eof = False
    while time.monotonic() < deadline:
        r, _, _ = select.select([s], [], [], 0.1)
        if not r:
            continue
        data = s.recv(4096)
        if not data:
            eof = True
            break
        for ch, p in dec.feed(data):
            st.add(ch, p)
            if not hello and ch == MUX and p.startswith(HELLO):
                hello = True
                s.sendall(b"".join(sends))
    for ch, p in dec.flush():
        st.add(ch, p)
    st.finish()
    s.close()
    if not a.quiet:
        print(f"uartmux: {dec.frames} frames, {dec.bad} bad; "
              f"{'the line closed' if eof else f'timed out after {a.timeout} s'}; "
              f"{'sent' if hello else 'never saw the mux hello: sent nothing'}", file=sys.stderr)
    return 0 if eof and hello else 1


def interactive(a):
    s = connect(a.connect, a.connect_wait)
    dec = Decoder()
    st = Streams(out=sys.stdout, split=a.split)
    current = a.channel
    print(f"uartmux: attached to {a.connect}; typing goes to client {current} "
          "(/N: another client, N:text: once, /s: status, /q: quit)", file=sys.stderr)
    try:
        while True:
            r, _, _ = select.select([s, sys.stdin], [], [])
            if s in r:
                data = s.recv(4096)
                if not data:
                    print("uartmux: the line closed", file=sys.stderr)
                    break
                for ch, p in dec.feed(data):
                    st.add(ch, p)
            if sys.stdin in r:
                line = sys.stdin.readline()
                if not line or line.strip() == "/q":
                    break
                line = line.rstrip("\n")
                if line == "/s":
                    s.sendall(frame(MUX, b"s"))
                elif line.startswith("/") and line[1:].isdigit():
                    current = int(line[1:])
                    print(f"uartmux: typing goes to client {current}", file=sys.stderr)
                elif ":" in line and line.split(":", 1)[0].isdigit():
                    ch, text = line.split(":", 1)
                    s.sendall(frame(int(ch), (text + "\n").encode()))
                else:
                    s.sendall(frame(current, (line + "\n").encode()))
    except KeyboardInterrupt:
        pass
    for ch, p in dec.flush():
        st.add(ch, p)
    st.finish()
    s.close()
    return 0


def decode_file(a):
    dec = Decoder()
    st = Streams(out=sys.stdout, split=a.split)
    # "-": standard input, shown as it comes (make run pipes QEMU into it)
    f = sys.stdin.buffer if a.file == "-" else open(a.file, "rb")
    with f:
        while True:
            data = os.read(f.fileno(), 4096)
            if not data:
                break
            for ch, p in dec.feed(data):
                st.add(ch, p)
        for ch, p in dec.flush():
            st.add(ch, p)
    st.finish()
    print(f"uartmux: {dec.frames} frames, {dec.bad} bad", file=sys.stderr)
    return 0


def selftest():
    """Checks of the codec; prints `uartmux selftest: N passed, N failed`."""
    results = []

    def ok(name, cond):
        results.append(bool(cond))
        if not cond:
            print(f"FAIL: uartmux selftest: {name}")

    f = frame(1, b"hi")
    ok("frame layout", f == bytes([1, 1, 2, (~(1 + 2 + ord("h") + ord("i"))) & 0xFF]) + b"hi")
    d = Decoder()
    ok("one frame", d.feed(f) == [(1, b"hi")])
    ok("split anywhere", [x for i in range(len(f)) for x in Decoder().feed(f[:i])] == [])
    d = Decoder()
    got = []
    for byte in b"text" + f + b"more":
        got += d.feed(bytes([byte]))
    ok("byte by byte, text around", b"".join(p for c, p in got if c is None) == b"textmore"
       and [(c, p) for c, p in got if c is not None] == [(1, b"hi")])
    bad = bytearray(frame(2, b"abc"))
    bad[3] ^= 0xFF
    d = Decoder()
    got = d.feed(bytes(bad) + frame(3, b"ok"))
    ok("a bad check is not a frame, the next one is found", [(c, p) for c, p in got if c is not None] == [(3, b"ok")]
       and d.bad == 1)
    # kernel text in the middle of a frame: the frame is lost, the text and the next frame are not
    f2 = frame(0, b"payload")
    d = Decoder()
    got = d.feed(f2[:6] + b"kernel: fault\r\n" + f2[6:] + frame(1, b"next"))
    ok("kernel text inside a frame", [(c, p) for c, p in got if c is not None] == [(1, b"next")]
       and b"kernel: fault" in b"".join(p for c, p in got if c is None))
    ok("long payloads are cut into frames", len(Decoder().feed(frame(4, bytes(600)))) == 3)
    ok("zero length is not a frame", Decoder().feed(bytes([1, 0, 0, 0xFF])) == [(None, bytes([1, 0, 0, 0xFF]))])
    ok("hello", Decoder().feed(frame(MUX, b"uart_mux: 3 clients\n")) == [(MUX, b"uart_mux: 3 clients\n")])
    passed, failed = sum(results), len(results) - sum(results)
    print(f"uartmux selftest: {passed} passed, {failed} failed")
    return 1 if failed else 0


class Append(argparse.Action):
    def __call__(self, parser, ns, value, option):
        kind = {"--send": "text", "--send-hex": "hex", "--raw-hex": "raw"}[option]
        ns.sends = (ns.sends or []) + [(kind, value)]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    ap.add_argument("mode", nargs="?", choices=["attach", "decode"], default="attach")
    ap.add_argument("file", nargs="?", help="decode: a saved capture of the serial line, or - for standard input")
    ap.add_argument("--connect", default="tcp:127.0.0.1:4321", help="unix:PATH or tcp:HOST:PORT")
    ap.add_argument("--connect-wait", type=float, default=10.0, help="seconds to retry the connection")
    ap.add_argument("--channel", type=int, default=0, help="interactive: the client typing goes to first")
    ap.add_argument("--split", metavar="DIR", help="also write each stream to DIR/<stream>.txt")
    ap.add_argument("--send", action=Append, dest="sends", metavar="N:TEXT")
    ap.add_argument("--send-hex", action=Append, dest="sends", metavar="N:HEX")
    ap.add_argument("--raw-hex", action=Append, dest="sends", metavar="HEX")
    ap.add_argument("--batch", action="store_true", help="non-interactive even with nothing to send")
    ap.add_argument("--no-wait-hello", dest="wait_hello", action="store_false",
                    help="send at once, not after the mux's hello")
    ap.add_argument("--timeout", type=float, default=30.0, help="non-interactive: seconds at most")
    ap.add_argument("--quiet", action="store_true", help="non-interactive: print nothing (use --split)")
    ap.add_argument("--selftest", action="store_true")
    ap.set_defaults(sends=[])
    a = ap.parse_args()
    if a.selftest:
        return selftest()
    if a.mode == "decode":
        if not a.file:
            ap.error("decode needs a FILE")
        return decode_file(a)
    if a.sends or a.batch:
        return batch(a)
    return interactive(a)


if __name__ == "__main__":
    sys.exit(main())
