#!/usr/bin/env python3
"""Tests of the component-graph compiler, tools/compgraph (README.md here).

  valid/*.toml     generated, then every output checked against the
                   specification itself (recomputed here, independently of the
                   compiler's own model): layout, stubs, server dispatch,
                   threads, server stacks, gates, the boot description; and the
                   generated C compiled (-c -O2 -Wall -Wextra -Werror) when a
                   compiler for the target is there (arm-none-eabi-gcc or
                   clang), skipped otherwise
  invalid/*.toml   one broken rule each; line 1 says `# expect: LINE: TEXT`:
                   check must exit 1 with exactly one `FILE:LINE: error: ...TEXT`
  and check-size with fake `size -A` outputs, interface files with errors,
  and the layout primitives.

Prints failures (everything with -v), then `compgraph: N passed, N failed`;
exits 1 on any failure.  Python 3 standard library only.
"""
import contextlib
import io
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
import traceback
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT / "tools"))
sys.dont_write_bytecode = True  # no __pycache__ in tools/compgraph

import compgraph.__main__ as cli  # noqa: E402
from compgraph.errors import Errors, GraphError, GraphErrors  # noqa: E402
from compgraph.interfaces import load_interface  # noqa: E402
from compgraph.layout import Region, Space, place_all  # noqa: E402
from compgraph.model import System  # noqa: E402
from compgraph.plan import Plan  # noqa: E402
from compgraph.source import Source  # noqa: E402

# These, and every specification of the repository.
VALID = sorted(HERE.glob("valid/*.toml")) + sorted(ROOT.glob("compgraph/*.toml")) + \
    sorted(ROOT.glob("tests/graph/*/system.toml")) + sorted(ROOT.glob("tests/bench/*/system.toml"))
INVALID = sorted(HERE.glob("invalid/*.toml"))
VERBOSE = "-v" in sys.argv[1:]
TMP = Path(tempfile.mkdtemp(prefix="compgraph-tests-"))


# ---- running the compiler ----

def run_cli(*argv):
    """The command line, in this process: (exit status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = cli.main([str(a) for a in argv])
    return status, out.getvalue(), err.getvalue()


def run_process(*argv):
    """The command line as make runs it, in a process of its own."""
    p = subprocess.run([sys.executable, str(ROOT / "tools/compgraph")] + [str(a) for a in argv],
                       capture_output=True, text=True, cwd=ROOT, timeout=60)
    return p.returncode, p.stdout, p.stderr


# ---- what the board and the kernel say (read here, not through compgraph) ----

def defines(path):
    out = {}
    for line in (ROOT / path).read_text().splitlines():
        m = re.match(r"\s*#define\s+(\w+)\s+\(?(-?(?:0x[0-9a-fA-F]+|\d+))u?\)?\s*(/\*.*)?$", line)
        if m:
            out[m.group(1)] = int(m.group(2), 0)
    return out


BOARD_H = defines("boards/netduinoplus2/board.h")
LAYOUT_H = defines("boards/netduinoplus2/layout.h")
KABI = defines("kernel/include/cos/kabi.h")
DEVICES = [(m.group(1), int(m.group(2), 0), int(m.group(3), 0), int(m.group(4))) for m in re.finditer(
    r"X\(\s*(\w+)\s*,\s*(0x[0-9a-fA-F]+)\s*,\s*(0x[0-9a-fA-F]+)\s*,\s*(-?\d+)\s*\)",
    (ROOT / "boards/netduinoplus2/board.h").read_text())]
DEV = {d[0]: (i, d[1], d[2], d[3]) for i, d in enumerate(DEVICES)}
BOARD_TOML = tomllib.loads((ROOT / "boards/netduinoplus2/board.toml").read_text())
BLOCK = 128
MPU_REGIONS = 8
FLASH_LO = LAYOUT_H["LAYOUT_BOOTER_FLASH"] + LAYOUT_H["LAYOUT_BOOTER_FLASH_SIZE"]
# The booter reads component headers through 512 KiB from the start of flash (booter.c).
FLASH_HI = min(BOARD_H["BOARD_USER_FLASH_BASE"] + BOARD_H["BOARD_USER_FLASH_SIZE"],
               BOARD_H["BOARD_FLASH_BASE"] + (1 << 19))
POOL_LO = BOARD_H["BOARD_POOL_BASE"]
POOL_HI = POOL_LO + BOARD_H["BOARD_POOL_SIZE"] - 19 * BLOCK  # the kernel's objects for the booter
BOOTER_RAM = (LAYOUT_H["LAYOUT_BOOTER_RAM"], LAYOUT_H["LAYOUT_BOOTER_RAM"] + LAYOUT_H["LAYOUT_BOOTER_RAM_SIZE"])
BOOT_SLOTS = (16 * BLOCK - 16) // 16  # the booter's capability table, 16 blocks (kernel/boot.c)
WORDS = {"u32": 1, "i32": 1, "buffer": 2}
CTYPE = {"u32": "uint32_t", "i32": "int32_t", "u64": "uint64_t", "void": "int32_t"}


# ---- the specification, recomputed ----

class Spec:
    """A valid specification read with tomllib, and what follows from it."""

    def __init__(self, path):
        self.path = Path(path)
        d = tomllib.loads(self.path.read_text())
        self.name = self.path.parent.name if self.path.stem == "system" else self.path.stem
        self.comps = d["component"]
        for c in self.comps:  # a thread pool is that many more threads, after the declared ones
            pool = c.get("thread_pool")
            if pool:
                c["threads"] = c.get("threads", []) + [
                    {"name": f"pool{k}", "priority": pool["priority"], "stack": pool.get("stack", 1024)}
                    for k in range(pool["count"])]
        for c in self.comps:  # passthrough = ["DEV", { device = "DEV", thread = "t" }]: as tables
            c["passthrough"] = [{"device": p} if isinstance(p, str) else p for p in c.get("passthrough", [])]
        self.index = {c["name"]: i for i, c in enumerate(self.comps)}
        self.by_name = {c["name"]: c for c in self.comps}
        self.scheduler = d.get("scheduler")
        self.ifaces = {}
        for c in self.comps:
            for i in c.get("exports", []) + [x["interface"] for x in c.get("depends", [])]:
                if i not in self.ifaces:
                    self.ifaces[i] = tomllib.loads((ROOT / "interfaces" / i / "interface.toml").read_text())["function"]
        self.tid = {}
        for c in self.comps:
            for t in c.get("threads", []):
                self.tid[(c["name"], t["name"])] = len(self.tid) + 1

    def identify(self, iface):
        return tomllib.loads((ROOT / "interfaces" / iface / "interface.toml").read_text()).get("identify", False)

    def exports(self, name):
        """(interface, function) pairs of a component, in export-table order."""
        return [(i, f) for i in self.by_name[name].get("exports", []) for f in self.ifaces[i]]

    def calls(self, name):
        c = self.by_name[name]
        return [x["server"] for x in c.get("depends", [])] + ([c["fault_handler"]] if "fault_handler" in c else [])

    def reach(self, name):
        seen, todo = set(), list(self.calls(name))
        while todo:
            s = todo.pop()
            if s not in seen:
                seen.add(s)
                todo += self.calls(s)
        return seen

    def depth(self, name):
        return max((1 + self.depth(s) for s in self.calls(name)), default=0)

    def shares(self, name):
        """Shared buffers a component is in: (client, server, size, direction)."""
        out = []
        for c in self.comps:
            for sh in c.get("shared", []):
                if name in (c["name"], sh["with"]):
                    out.append((c["name"], sh["with"], sh["size"], sh.get("direction", "both")))
        return out


# ---- reading the generated C ----

def strip_comments(text):
    return re.sub(r"/\*.*?\*/", "", text, flags=re.S)


def parse_init(s):
    """A C initializer: nested lists of atoms (strings)."""
    pos = 0

    def ws():
        nonlocal pos
        while pos < len(s) and s[pos].isspace():
            pos += 1

    def value():
        nonlocal pos
        ws()
        if s[pos] == "{":
            pos += 1
            items = []
            while True:
                ws()
                if s[pos] == "}":
                    pos += 1
                    return items
                items.append(value())
                ws()
                if s[pos] == ",":
                    pos += 1
        start, depth = pos, 0
        while pos < len(s):
            ch = s[pos]
            if ch == '"':
                pos = s.index('"', pos + 1)
            elif ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
            elif depth == 0 and ch in ",}":
                break
            pos += 1
        return s[start:pos].strip()

    return value()


def struct_fields(name):
    """Field names of `struct name` in components/booter/bootdesc.h, in order."""
    text = strip_comments((ROOT / "components/booter/bootdesc.h").read_text())
    body = re.search(r"struct " + name + r"\s*\{(.*?)\};", text, re.S).group(1)
    fields = []
    for decl in body.split(";"):
        decl = decl.strip()
        if not decl:
            continue
        m = re.match(r"(?:const\s+)?(?:struct\s+)?\w+\s+(.*)$", decl, re.S)
        for n in m.group(1).split(","):
            fields.append(re.sub(r"[*\s]|\[.*\]", "", n))
    return fields


def num(atom):
    if atom == "BD_NONE":
        return None
    return int(atom.rstrip("u"), 0)


def parse_bootdesc(path):
    text = strip_comments(Path(path).read_text())
    arrays = {}
    for m in re.finditer(r"static const (?:struct (\w+)|uint32_t) (\w+)\[\] = (\{.*?\});", text, re.S):
        arrays[m.group(2)] = (m.group(1), parse_init(m.group(3)))
    m = re.search(r"const struct bd_system bd_system = (\{.*?\});", text, re.S)
    system = dict(zip(struct_fields("bd_system"), parse_init(m.group(1))))
    return arrays, system


def region_attr(atom):
    m = re.match(r"COS_REGION_ATTR\((\d+),\s*(0x[0-9a-f]+|\d+),\s*([\w |]+)\)$", atom)
    assert m, f"region attribute {atom!r}"
    perms = {p.strip() for p in m.group(3).split("|")}
    return int(m.group(1)), int(m.group(2), 0), perms


def enabled_bytes(log2, srd):
    """Bytes an MPU region maps: only trailing subregions may be disabled."""
    size = 1 << log2
    if srd == 0:
        return size
    assert log2 >= 8, f"subregions in a region of {size} bytes"
    n = 0
    while n < 8 and not srd & (1 << n):
        n += 1
    assert srd == (0xff << n) & 0xff, f"srd {srd:#x} disables subregions that are not the last ones"
    return n * size // 8


def overlaps(ranges):
    """Pairs of overlapping (lo, hi, what) ranges."""
    rs = sorted(ranges)
    return [(a, b) for a, b in zip(rs, rs[1:]) if b[0] < a[1]]


class Out:
    """The outputs of one valid specification."""

    def __init__(self, spec_path):
        self.spec = Spec(spec_path)
        self.dir = TMP / "valid" / self.spec.name
        status, out, err = run_cli("gen", spec_path, self.dir)
        assert status == 0, f"gen failed: {err}"
        self.arrays, self.system = parse_bootdesc(self.dir / "booter/bootdesc.c")
        fields = struct_fields("bd_component")
        comps = self.arrays["components"][1]
        assert len(comps) == len(self.spec.comps), "one bd_component per component"
        self.bd = {}
        for c, init in zip(self.spec.comps, comps):
            assert len(init) == len(fields), f"{c['name']}: {len(init)} values for {len(fields)} fields"
            self.bd[c["name"]] = dict(zip(fields, init))

    def rows(self, kind, name, n):
        """The first n entries of threads_/gates_/binds_<name>, as dicts of numbers."""
        struct, init = self.arrays[f"{kind}_{name}"]
        fields = struct_fields(struct)
        assert len(init) >= n, f"{kind}_{name} has {len(init)} entries, {n} used"
        return [dict(zip(fields, (num(a) for a in e))) for e in init[:n]]

    def caps(self, name):
        """caps_<name> of the boot description, as dicts of atoms ([] when none)."""
        bd = self.bd[name]
        if num(bd["ncaps"]) == 0:
            assert bd["caps"] == "0", f"{name}: no capabilities, but caps = {bd['caps']}"
            return []
        assert bd["caps"] == f"caps_{name}", f"{name}: caps points to {bd['caps']}"
        struct, init = self.arrays[f"caps_{name}"]
        assert struct == "bd_cap" and len(init) == num(bd["ncaps"]), f"{name}: {len(init)} capabilities"
        return [dict(zip(struct_fields("bd_cap"), e)) for e in init]

    def passthrough(self, name):
        """passthrough_<name> of the boot description, as dicts of atoms ([] when none)."""
        bd = self.bd[name]
        if num(bd["npassthrough"]) == 0:
            assert bd["passthrough"] == "0", f"{name}: no passthrough, but {bd['passthrough']}"
            return []
        assert bd["passthrough"] == f"passthrough_{name}"
        struct, init = self.arrays[f"passthrough_{name}"]
        assert struct == "bd_passthrough" and len(init) == num(bd["npassthrough"])
        return [dict(zip(struct_fields("bd_passthrough"), e)) for e in init]

    def regions(self, name):
        out = []
        for r in self.bd[name]["regions"][:num(self.bd[name]["nregions"])]:
            log2, srd, perms = region_attr(r[2])
            out.append({"kind": r[0], "base": num(r[1]), "log2": log2, "srd": srd, "perms": perms,
                        "device": num(r[3]), "size": 1 << log2, "used": enabled_bytes(log2, srd)})
        return out

    def buffer(self, client, server):
        """Address of a shared buffer, from the client's COS_SHARED_<server>."""
        m = re.fullmatch(r"\(\(void \*\)0x([0-9a-f]{8})u\)", self.macros(client)[f"COS_SHARED_{server}"])
        assert m, f"{client}: COS_SHARED_{server} is {self.macros(client)[f'COS_SHARED_{server}']!r}"
        return int(m.group(1), 16)

    def gen_h(self, name):
        return (self.dir / name / "cos_gen.h").read_text()

    def srv_c(self, name):
        return (self.dir / name / "cos_srv.c").read_text()

    def macros(self, name):
        return {m.group(1): m.group(2) for m in re.finditer(r"^#define (\w+) (.*?)\s*(?:/\*.*)?$",
                                                             self.gen_h(name), re.M)}

    def ld(self, name, sizing=False):
        text = (self.dir / name / f"comp{'-sizing' if sizing else ''}.ld").read_text()
        mem = {m.group(1): (int(m.group(2), 16), int(m.group(3), 16)) for m in re.finditer(
            r"(FLASH|RAM) \(\w+\)\s*: ORIGIN = 0x([0-9a-f]+), LENGTH = 0x([0-9a-f]+)", text)}
        return mem


# ---- checks of a valid specification ----

def check_layout(o):
    s = o.spec
    flash, ram = [], {}
    for c in s.comps:
        n = c["name"]
        regs = o.regions(n)
        assert len(regs) + len(c["passthrough"]) <= MPU_REGIONS, \
            f"{n}: {len(regs)} MPU regions and {len(c['passthrough'])} reserved for passthrough"
        kinds = [r["kind"] for r in regs]
        shares = s.shares(n)
        assert kinds.count("BD_CODE") == 1 and kinds.count("BD_RAM") == 1, f"{n}: {kinds}"
        assert kinds.count("BD_SHARED") == len(shares), f"{n}: {kinds.count('BD_SHARED')} shared regions, " \
            f"{len(shares)} buffers"
        assert kinds.count("BD_DEVICE") == len(c.get("devices", [])), f"{n}: device regions"
        for r in regs:
            assert r["base"] % r["size"] == 0, f"{n}: {r['kind']} at {r['base']:#x} not aligned to {r['size']}"
        shared = {r["base"]: r for r in regs if r["kind"] == "BD_SHARED"}
        assert len(shared) == len(shares), f"{n}: two buffers at one address"
        for client, server, size, direction in shares:
            # Where the client's cos_gen.h says the buffer is, both map it.
            base = o.buffer(client, server)
            r = shared.get(base)
            assert r, f"{n}: no region for the buffer {client}-{server} at {base:#x}"
            assert r["size"] == size and r["srd"] == 0, f"{n}: buffer {client}-{server} is {r['size']} bytes"
            writes = direction == "both" or (direction == "to_server") == (client == n)
            want = {"COS_R_READ", "COS_R_WRITE"} if writes else {"COS_R_READ"}
            assert r["perms"] == want, f"{n}: buffer {client}-{server} ({direction}) mapped {r['perms']}"
            ram[(client, server)] = (base, base + size, f"buffer {client}-{server}")
        for r, dev in zip([r for r in regs if r["kind"] == "BD_DEVICE"], c.get("devices", [])):
            idx, base, size, _ = DEV[dev]
            assert (r["device"], r["base"], r["size"]) == (idx, base, size), f"{n}: device {dev}"
            assert r["perms"] == {"COS_R_READ", "COS_R_WRITE"}
        for r, need in ((regs[kinds.index("BD_CODE")], c["code"]), (regs[kinds.index("BD_RAM")], c["memory"])):
            what = f"{n}: {r['kind']} ({need} bytes in {r['size']}, {r['used']} enabled)"
            assert r["used"] >= need, what + ": too small"
            if r["log2"] >= 8:
                assert r["used"] - need < r["size"] // 8, what + ": wastes an eighth or more"
                assert r["size"] // 2 < need, what + ": not the smallest power of two"
            else:
                assert r["size"] == max(32, 1 << (need - 1).bit_length()), what + ": not the smallest region"
        code = regs[kinds.index("BD_CODE")]
        assert code["perms"] == {"COS_R_READ", "COS_R_EXEC"}, f"{n}: code mapped {code['perms']}"
        lo, hi = code["base"], code["base"] + code["used"]
        assert FLASH_LO <= lo and hi <= FLASH_HI, f"{n}: code {lo:#x}..{hi:#x} outside {FLASH_LO:#x}..{FLASH_HI:#x}"
        flash.append((lo, hi, n))
        r = regs[kinds.index("BD_RAM")]
        assert r["perms"] == {"COS_R_READ", "COS_R_WRITE"}, f"{n}: RAM mapped {r['perms']}"
        ram[n] = (r["base"], r["base"] + r["used"], f"{n} RAM")
        assert o.ld(n)["FLASH"] == (code["base"], code["used"]), f"{n}: comp.ld FLASH"
    kbase, ksize = num(o.system["kmem_base"]), num(o.system["kmem_size"])
    assert kbase % BLOCK == 0 and ksize % BLOCK == 0, "kernel objects not in whole blocks"
    ranges = list(ram.values()) + [(kbase, kbase + ksize, "kernel objects")]
    for lo, hi, what in ranges:
        assert POOL_LO <= lo and hi <= POOL_HI, f"{what} {lo:#x}..{hi:#x} outside the pool {POOL_LO:#x}..{POOL_HI:#x}"
        assert hi <= BOOTER_RAM[0] or lo >= BOOTER_RAM[1], f"{what} {lo:#x}..{hi:#x} overlaps the booter's RAM"
    assert not overlaps(flash), f"code overlaps: {overlaps(flash)}"
    assert not overlaps(ranges), f"RAM overlaps: {overlaps(ranges)}"
    image_ld = (o.dir / "image.ld").read_text()
    for c in s.comps:
        base = next(r["base"] for r in o.regions(c["name"]) if r["kind"] == "BD_CODE")
        assert f".comp_{c['name']} 0x{base:08x} :" in image_ld, f"image.ld: {c['name']}"


def check_stacks(o):
    s = o.spec
    for c in s.comps:
        n, bd = c["name"], o.bd[c["name"]]
        ram = next(r for r in o.regions(n) if r["kind"] == "BD_RAM")
        base, memory = ram["base"], c["memory"]
        srv, log2, count = num(bd["srv_stacks"]), num(bd["srv_stack_log2"]), num(bd["srv_stack_count"])
        nbinds = num(bd["nbinds"])
        assert 1 << log2 == c.get("server_stack", 512), f"{n}: server stacks of 2^{log2}"
        assert count == max(nbinds, 1), f"{n}: {count} server stacks for {nbinds} bound threads"
        assert srv % 8 == 0, f"{n}: server stacks at {srv:#x}"
        assert base <= srv and srv + (count << log2) <= base + memory, f"{n}: server stacks outside its memory"
        spans = [(srv, srv + (count << log2), "server stacks")]
        threads = o.rows("threads", n, num(bd["nthreads"]))
        for t, row in zip(c.get("threads", []), threads):
            top, size = row["stack_top"], t.get("stack", 1024)
            assert top % 8 == 0, f"{n}.{t['name']}: stack top {top:#x}"
            spans.append((top - size, top, f"stack of {t['name']}"))
        lo = min(a for a, _, _ in spans)
        for a, b, what in spans:
            assert base <= a and b <= base + memory, f"{n}: {what} outside its memory"
        assert not overlaps(spans), f"{n}: {overlaps(spans)}"
        data = o.ld(n)["RAM"]
        assert data[0] == base, f"{n}: comp.ld RAM at {data[0]:#x}"
        assert base + data[1] == lo, f"{n}: data and bss (comp.ld: {data[1]} bytes) do not end at the stacks ({lo:#x})"
        sizing = o.ld(n, sizing=True)
        assert sizing["FLASH"][0] == o.regions(n)[0]["base"] and sizing["RAM"][0] == base, f"{n}: comp-sizing.ld"


def check_threads(o):
    s = o.spec
    seen = []
    for c in s.comps:
        n, bd = c["name"], o.bd[c["name"]]
        ts = c.get("threads", [])
        assert num(bd["nthreads"]) == len(ts), f"{n}: nthreads"
        rows = o.rows("threads", n, len(ts))
        m = o.macros(n)
        irqs = {i["thread"]: i for i in c.get("irqs", [])}
        for k, (t, row) in enumerate(zip(ts, rows)):
            tid = s.tid[(n, t["name"])]
            assert row["tid"] == tid and row["priority"] == t["priority"] and row["index"] == k, f"{n}.{t['name']}: {row}"
            assert m[f"COS_TID_{t['name']}"] == str(tid) and m[f"COS_THREAD_{t['name']}"] == str(k), f"{n}.{t['name']}"
            irq = irqs.get(t["name"])
            if irq:
                line = DEV[irq["device"]][3] if "device" in irq else irq["line"]
                assert row["irq"] == line, f"{n}.{t['name']}: irq {row['irq']}, want {line}"
                assert m[f"COS_RCV_{t['name']}"] == str(row["rcv_slot"]), f"{n}.{t['name']}: receive slot"
            else:
                assert row["irq"] is None and row["rcv_slot"] is None, f"{n}.{t['name']}: {row}"
            seen.append(row["tid"])
        if c.get("threads"):
            assert s.depth(n) <= KABI["COS_INV_DEPTH"], f"{n}: {s.depth(n)} invocations deep"
    assert sorted(seen) == list(range(1, len(seen) + 1)), f"thread ids {seen}"
    assert len(seen) <= KABI["COS_MAX_TID"] - 2
    assert num(o.system["init_tid"]) == KABI["COS_MAX_TID"] - 1, "the initialisers' thread id"
    assert num(o.system["init_tid"]) not in seen


def check_binds(o):
    """A server stack exactly for each thread that can enter the component."""
    s = o.spec
    for c in s.comps:
        n, bd = c["name"], o.bd[c["name"]]
        want = {s.tid[(h["name"], t["name"])] for h in s.comps for t in h.get("threads", [])
                if n in s.reach(h["name"])}
        if s.scheduler == n:
            want.add(0)  # the booter configures its scheduler
        rows = o.rows("binds", n, num(bd["nbinds"]))
        tids = [r["tid"] for r in rows]
        assert sorted(tids) == sorted(want), f"{n}: stacks bound for {sorted(tids)}, want {sorted(want)}"
        assert sorted(r["stack"] for r in rows) == list(range(len(rows))), f"{n}: stack indices {rows}"


def check_gates(o):
    s = o.spec
    for c in s.comps:
        n, bd = c["name"], o.bd[c["name"]]
        m = o.macros(n)
        want = [(d["interface"], d["server"], f) for d in c.get("depends", []) for f in s.ifaces[d["interface"]]]
        rows = o.rows("gates", n, num(bd["ngates"]))
        assert len(rows) == len(want), f"{n}: {len(rows)} gates, want {len(want)}"
        slots = []
        for (iface, server, f), row in zip(want, rows):
            slot = int(m[f"COS_GATE_{iface}_{f['name']}"])
            assert row["slot"] == slot, f"{n}: gate {iface}.{f['name']} in slot {row['slot']}, cos_gen.h says {slot}"
            assert row["server"] == s.index[server], f"{n}: {iface}.{f['name']} to component {row['server']}"
            assert row["export"] == s.exports(server).index((iface, f)), f"{n}: {iface}.{f['name']} export index"
            slots.append(slot)
        rcv = [int(v) for k, v in m.items() if k.startswith("COS_RCV_") or k.startswith("COS_PT_RCV_")]
        rcv += [num(e["slot"]) for e in o.caps(n)]  # the passthrough manager's authority
        assert len(set(slots + rcv)) == len(slots + rcv), f"{n}: slots {slots} {rcv} not distinct"
        assert all(x >= 3 for x in slots + rcv), f"{n}: slots below 3 (console, halt)"
        assert ("COS_SLOT_HALT" in m) == bool(c.get("halt")) and num(bd["may_halt"]) == int(bool(c.get("halt")))
        assert m["COS_SLOT_CONSOLE"] == "1" and m["COS_COMPONENT_ID"] == str(s.index[n] + 1)
        nslots = max(slots + rcv + [2]) + 1
        assert num(bd["captbl_blocks"]) * BLOCK >= 16 + 16 * nslots, f"{n}: table too small for {nslots} slots"
        fh = c.get("fault_handler")
        if fh:
            assert num(bd["fault_handler"]) == s.index[fh]
            assert num(bd["fault_export"]) == [(i, f["name"]) for i, f in s.exports(fh)].index(("fault", "handle"))
        else:
            assert bd["fault_handler"] == bd["fault_export"] == "BD_NONE"


def check_stubs(o):
    s = o.spec
    for c in s.comps:
        n = c["name"]
        h = o.gen_h(n)
        m = o.macros(n)
        for d in c.get("depends", []):
            for f in s.ifaces[d["interface"]]:
                fn = f"{d['interface']}_{f['name']}"
                slot = m[f"COS_GATE_{fn}"]
                st = re.search(r"static inline (\w+) " + fn + r"\((.*?)\)\s*\{\s*return \((\w+)\)(cos_sinv2?)\((.*?)\);\s*\}",
                               h, re.S)
                assert st, f"{n}: no stub {fn}"
                ret, params, cast, call, args = st.groups()
                args = [a.strip() for a in args.split(",")]
                words = sum(WORDS[a["type"]] for a in f.get("args", []))
                names = [p.split()[-1] for p in params.split(",")] if params != "void" else []
                want_ret = CTYPE[f.get("returns", "void")]
                assert ret == cast == want_ret, f"{n}: {fn} returns {ret}"
                assert call == ("cos_sinv2" if f.get("returns") == "u64" else "cos_sinv"), f"{n}: {fn} uses {call}"
                assert len(names) == words, f"{n}: {fn} takes {len(names)} words, want {words}"
                assert args == [slot] + names + ["0"] * (4 - words), f"{n}: {fn} calls {call}({', '.join(args)})"
        for sh in c.get("shared", []):  # the addresses: check_layout
            assert m[f"COS_SHARED_{sh['with']}_SIZE"] == f"{sh['size']}u", f"{n}: COS_SHARED_{sh['with']}_SIZE"
        assert len([k for k in m if re.fullmatch(r"COS_SHARED_\w+_SIZE", k)]) == len(c.get("shared", []))
        if s.scheduler == n:
            continue  # the scheduler implements and orders its exports itself
        for iface, f in s.exports(n):
            assert re.search(r"^\w+ " + f"{iface}_{f['name']}" + r"\(.*\);$", h, re.M), \
                f"{n}: no prototype of {iface}_{f['name']}"


def check_server(o):
    s = o.spec
    ncomp = len(s.comps)
    for c in s.comps:
        n = c["name"]
        src = o.srv_c(n)
        exports = s.exports(n)
        m = re.search(r"COS_EXPORTS\((.*)\);", src)
        if s.scheduler == n:
            assert not m, f"{n}: the scheduler's exports are its own, not generated"
            continue
        if not exports:
            assert not m, f"{n}: exports nothing, but has COS_EXPORTS"
            continue
        entries = re.findall(r"COS_ENTRY_ADDR\((\w+)\)", m.group(1))
        want = [f"{i}_{f['name']}" for i, f in exports]
        assert [e.replace("cos_srv_", "", 1) for e in entries] == want, f"{n}: exports {entries}, want {want}"
        table = {}
        tm = re.search(r"cos_shared_by_client\[(\d+)\] = \{(.*?)\};", src, re.S)
        if tm:
            assert int(tm.group(1)) == ncomp + 1, f"{n}: table of {tm.group(1)} clients"
            for e in re.finditer(r"\[(\d+)\] = \{ 0x([0-9a-f]+)u, (\d+)u \}", tm.group(2)):
                table[int(e.group(1))] = (int(e.group(2), 16), int(e.group(3)))
        clients = {s.index[cl] + 1: (size, cl) for cl, sv, size, _ in s.shares(n) if sv == n}
        for token, (size, cl) in clients.items():
            want = (o.buffer(cl, n), size)
            assert table.get(token) == want, f"{n}: buffer of {cl} (token {token}) is {table.get(token)}, want {want}"
        assert table.pop(0, (0, 0)) == (0, 0), f"{n}: a buffer for token 0 (the booter)"
        assert set(table) == set(clients), f"{n}: buffers for tokens {sorted(table)}, want {sorted(clients)}"
        for (iface, f), entry in zip(exports, entries):
            bufs = [k for k, a in enumerate(f.get("args", [])) if a["type"] == "buffer"]
            if not bufs:
                continue
            assert entry.startswith("cos_srv_"), f"{n}: {entry} has buffers but no checking stub"
            body = re.search(r"\n\w+ " + entry + r"\(.*?\)\n\{(.*?)\n\}", src, re.S)
            assert body, f"{n}: no body of {entry}"
            body = body.group(1)
            assert re.search(r"if \(token > " + str(ncomp) + r" \|\| !cos_shared_by_client\[token\]\.size\)", body), \
                f"{n}: {entry} does not check the caller's token"
            assert "cos_shared_by_client" in src.split(entry)[0], f"{n}: {entry} uses an undeclared table"
            word = 0
            for a in f["args"]:
                if a["type"] == "buffer":
                    i, j = word, word + 1
                    check = f"if (w[{i}] > size || w[{j}] > size - w[{i}])\n\t\treturn (uint32_t)COS_EINVAL;"
                    assert check in body, f"{n}: {entry} does not check {a['name']} (words {i}, {j})"
                    assert f"(void *)(base + w[{i}]), w[{j}]" in body, f"{n}: {entry} passes {a['name']}"
                word += WORDS[a["type"]]
            assert body.index("COS_EINVAL") < body.index(f"{iface}_{f['name']}("), f"{n}: {entry} calls before checking"


def check_passthrough(o):
    """Devices given at run time (docs/passthrough.md): the board's filter, the
    reserved regions, the receive ends, the manager's capabilities and its
    table of grants, recomputed from the specification and board.toml."""
    s = o.spec
    allowed = BOARD_TOML.get("passthrough", {})
    managers = [c["name"] for c in s.comps if "passthrough" in c.get("exports", [])]
    assert len(managers) <= 1, f"managers {managers}"
    clients = [c for c in s.comps if c["passthrough"]]
    entries = [(c, k, p) for c in clients for k, p in enumerate(c["passthrough"])]
    for c in s.comps:
        n, m = c["name"], o.macros(c["name"])
        rows = o.passthrough(n)
        assert len(rows) == len(c["passthrough"]), f"{n}: {len(rows)} passthrough rows"
        nreg = num(o.bd[n]["nregions"])
        for k, (p, row) in enumerate(zip(c["passthrough"], rows)):
            dev = p["device"]
            assert n in allowed.get(dev, []), f"{n}: {dev} passed through, but board.toml does not allow it"
            assert dev not in [d for x in s.comps for d in x.get("devices", [])], f"{dev} owned and passed through"
            assert row["name"] == f'"{dev}"' and num(row["device"]) == DEV[dev][0], f"{n}: {row}"
            assert num(row["region"]) == nreg + k, f"{n}: {dev} in region {row['region']}, want {nreg + k}"
            assert m[f"COS_PT_REGION_{dev}"] == str(nreg + k), f"{n}: COS_PT_REGION_{dev}"
            if "thread" in p:
                index = [t["name"] for t in c.get("threads", [])].index(p["thread"])
                assert num(row["thread"]) == index, f"{n}: {dev} to thread {row['thread']}, want {index}"
                assert m[f"COS_PT_RCV_{dev}"] == str(num(row["rcv_slot"])), f"{n}: COS_PT_RCV_{dev}"
            else:
                assert row["thread"] == row["rcv_slot"] == "BD_NONE", f"{n}: {dev}: {row}"
                assert f"COS_PT_RCV_{dev}" not in m
        if c["passthrough"]:
            assert {"interface": "passthrough", "server": managers[0]} in c.get("depends", []), \
                f"{n}: passthrough without depending on the manager"
        if n not in managers:
            assert not o.caps(n), f"{n}: capabilities, but not the passthrough manager"
    if not managers:
        assert not entries
        return
    mgr = managers[0]
    caps, m = o.caps(mgr), o.macros(mgr)
    if not entries:
        assert not caps and m["COS_PT_NGRANTS"] == "0", f"{mgr}: authority without passthrough entries"
        return
    # Its authority: one HW capability (attach, detach), each device's memory, each
    # client's memory table, each endpoint's send end; nothing else.
    by = {}
    for e in caps:
        by.setdefault(e["kind"], []).append(e)
    assert set(by) <= {"BD_CAP_HW", "BD_CAP_DEVICE", "BD_CAP_MEMTBL", "BD_CAP_PT_SND"}, f"{mgr}: {set(by)}"
    if any("thread" in p for _, _, p in entries):
        assert len(by["BD_CAP_HW"]) == 1 and by["BD_CAP_HW"][0]["rights"] == "COS_R_WRITE", \
            f"{mgr}: HW {by['BD_CAP_HW']}"
        assert m["COS_PT_SLOT_HW"] == by["BD_CAP_HW"][0]["slot"], f"{mgr}: COS_PT_SLOT_HW"
    else:  # no interrupt to attach: no HW capability
        assert "BD_CAP_HW" not in by and m["COS_PT_SLOT_HW"] == "0", f"{mgr}: a HW capability it does not need"
    devs = {DEV[p["device"]][0] for _, _, p in entries}
    dev_slot = {num(e["index"]): num(e["slot"]) for e in by["BD_CAP_DEVICE"]}
    assert set(dev_slot) == devs and len(by["BD_CAP_DEVICE"]) == len(devs), f"{mgr}: devices {dev_slot}"
    assert all(e["rights"] == "COS_R_READ | COS_R_WRITE" for e in by["BD_CAP_DEVICE"])
    mt_slot = {num(e["comp"]): num(e["slot"]) for e in by["BD_CAP_MEMTBL"]}
    assert set(mt_slot) == {s.index[c["name"]] for c in clients} and len(by["BD_CAP_MEMTBL"]) == len(clients), \
        f"{mgr}: memory tables {mt_slot}"
    assert all(e["rights"] == "COS_R_WRITE" for e in by["BD_CAP_MEMTBL"])
    snd_slot = {(num(e["comp"]), num(e["index"])): num(e["slot"]) for e in by.get("BD_CAP_PT_SND", [])}
    assert set(snd_slot) == {(s.index[c["name"]], k) for c, k, p in entries if "thread" in p}, f"{mgr}: {snd_slot}"
    # The grants: the board's filter as this system uses it.
    src = o.srv_c(mgr)
    t = re.search(r"const struct passthrough_grant cos_pt_grants\[\] = (\{.*?\});", strip_comments(src), re.S)
    assert t, f"{mgr}: no cos_pt_grants"
    grants = parse_init(t.group(1))
    assert m["COS_PT_NGRANTS"] == str(len(entries)) and len(grants) == len(entries), f"{mgr}: {len(grants)} grants"
    users = [x["name"] for x in s.comps if {"interface": "passthrough", "server": mgr} in x.get("depends", [])]
    for g, (c, k, p) in zip(grants, entries):
        dev = p["device"]
        idx, base, size, irq = DEV[dev]
        i = s.index[c["name"]]
        snd = snd_slot.get((i, k), 0)
        want = [f'"{c["name"]}"', f'"{dev}"', users.index(c["name"]), i + 1, idx, num(o.bd[c["name"]]["nregions"]) + k,
                base, None, dev_slot[idx], mt_slot[i], snd, irq if snd else 0]
        got = [g[0], g[1]] + [num(a) if j != 7 else None for j, a in enumerate(g) if j >= 2]
        assert got == want, f"{mgr}: grant {got}, want {want}"
        log2, srd, perms = region_attr(g[7])
        assert (1 << log2, srd, perms) == (size, 0, {"COS_R_READ", "COS_R_WRITE"}), f"{mgr}: grant attr {g[7]}"


def check_bootdesc(o):
    s = o.spec
    sysd = o.system
    assert sysd["name"] == f'"{s.name}"' and num(sysd["ncomponents"]) == len(s.comps)
    assert sysd["components"] == "components" and sysd["init_order"] == "init_order"
    assert sysd["scheduler"] == (str(s.index[s.scheduler]) if s.scheduler else "BD_NONE"), "scheduler"
    order = [num(a) for a in o.arrays["init_order"][1]]
    assert sorted(order) == list(range(len(s.comps))), f"init order {order}"
    for c in s.comps:
        n, bd = c["name"], o.bd[c["name"]]
        i = s.index[n]
        assert bd["name"] == f'"{n}"' and num(bd["id"]) == i + 1
        assert num(bd["init_order"]) == order.index(i), f"{n}: init_order field"
        for srv in s.calls(n):
            assert order.index(s.index[srv]) < order.index(i), f"{n} initialised before its server {srv}"
        assert num(bd["nregions"]) == len(bd["regions"]) <= MPU_REGIONS
        for k in ("threads", "gates", "binds"):
            assert bd[k] == f"{k}_{n}", f"{n}: {k} points to {bd[k]}"
    # Enough kernel memory and booter slots for what boot_graph.c makes.
    endpoints = {c["name"]: len([p for p in c["passthrough"] if "thread" in p]) for c in s.comps}
    blocks = sum(num(o.bd[c["name"]]["captbl_blocks"]) + 3 + len(c.get("threads", [])) + len(c.get("irqs", []))
                 + endpoints[c["name"]] for c in s.comps)
    assert num(sysd["kmem_size"]) >= blocks * BLOCK, f"{num(sysd['kmem_size'])} bytes of kernel objects, " \
        f"the booter makes {blocks} blocks"
    slots = KABI["COS_BOOT_DEV0"] + len(DEVICES) + sum(
        4 + ("fault_handler" in c) + len(c.get("threads", [])) + 2 * len(c.get("irqs", []))
        + 2 * endpoints[c["name"]] for c in s.comps)
    assert slots <= BOOT_SLOTS, f"the booter needs {slots} slots"


def target_cc():
    """A C compiler for the Cortex-M4 (the build's own, or clang), or None:
    the generated C is then not compiled (COMPGRAPH_NO_CC=1 says so too)."""
    if os.environ.get("COMPGRAPH_NO_CC"):
        return None
    if shutil.which("arm-none-eabi-gcc"):
        return ["arm-none-eabi-gcc", "-mcpu=cortex-m4", "-mthumb"]
    if shutil.which("clang"):
        return ["clang", "--target=thumbv7em-none-eabi", "-mcpu=cortex-m4", "-mthumb"]
    return None


def server_def(iface, f, identify=False):
    """A definition of an exported function, written from the interface (with
    identify = true the client's index comes last)."""
    params, uses = [], []
    for a in f.get("args", []):
        if a["type"] == "buffer":
            const = "const " if a.get("direction", "in") == "in" else ""
            params += [f"{const}void *{a['name']}", f"uint32_t {a['name']}_length"]
            uses += [a["name"], f"{a['name']}_length"]
        else:
            params.append(f"{CTYPE[a['type']]} {a['name']}")
            uses.append(a["name"])
    if identify:
        params.append("uint32_t client")
        uses.append("client")
    ret = f.get("returns", "void")
    rtype = "void" if ret == "void" else CTYPE[ret]
    body = "".join(f"(void){u}; " for u in uses) + ("" if ret == "void" else "return 0; ")
    return f"{rtype} {iface}_{f['name']}({', '.join(params) or 'void'}) {{ {body}}}"


def compile_jobs(o):
    """Compiling each component's cos_srv.c with its functions defined and every
    client stub called, and bootdesc.c, with the build's warnings."""
    s, jobs = o.spec, []
    inc = ["-Ilibcos/include", "-Ikernel/include", "-Iboards/netduinoplus2", "-Icomponents/booter", "-Iinterfaces"]
    for c in s.comps:
        n = c["name"]
        lines = ['#include "cos_srv.c"'] + [server_def(i, f, s.identify(i)) for i, f in s.exports(n)]
        calls = []
        for d in c.get("depends", []):
            for f in s.ifaces[d["interface"]]:
                zeros = ", ".join(["0"] * sum(WORDS[a["type"]] for a in f.get("args", [])))
                calls.append(f"(void){d['interface']}_{f['name']}({zeros});")
        lines += ["void cg_use(void);", "void cg_use(void)", "{"] + ["\t" + x for x in calls] + ["}"]
        tu = o.dir / n / "cg_test.c"
        tu.write_text("\n".join(lines) + "\n")
        jobs.append((f"{n}/cos_srv.c", inc + [f"-I{o.dir / n}", str(tu)]))
    jobs.append(("booter/bootdesc.c", inc + [str(o.dir / "booter/bootdesc.c")]))
    return jobs


def compile_c(cc, args, obj):
    p = subprocess.run(cc + ["-std=c11", "-Wall", "-Wextra", "-Werror", "-O2", "-ffreestanding", "-fno-common",
                             "-c", "-o", str(obj)] + args, capture_output=True, text=True, cwd=ROOT, timeout=60)
    return p.returncode, p.stderr


# ---- invalid specifications ----

def check_invalid(path):
    first = path.read_text().splitlines()[0]
    m = re.match(r"# expect: (\d+): (.+)$", first)
    assert m, f"line 1 must be `# expect: LINE: TEXT`, not {first!r}"
    line, fragment = int(m.group(1)), m.group(2)
    status, out, err = run_cli("check", path)
    errors = [e for e in err.splitlines() if ": error: " in e]
    assert status == 1, f"exit status {status}, stderr: {err!r}"
    assert len(errors) == 1, f"{len(errors)} errors (one rule each): {err!r}"
    m = re.match(re.escape(str(path)) + r":(\d+): error: (.*)$", errors[0])
    assert m, f"the error does not start with {path}:<line>: error: -- {errors[0]!r}"
    assert fragment in m.group(2), f"no {fragment!r} in {errors[0]!r}"
    assert int(m.group(1)) == line, f"reported at line {m.group(1)}, expected {line}: {errors[0]!r}"


# ---- check-size ----

SIZE_A = """{elf}  :
section             size        addr
.text              {text}   134283264
.data               {data}   536875008
.bss                {bss}   536875108
.ARM.attributes       46           0
.comment              69           0
Total              {total}
"""


def size_file(name, text, data, bss):
    p = TMP / f"size-{name}.txt"
    p.write_text(SIZE_A.format(elf=f"build/graph/kinds/{name}/size.elf", text=text, data=data, bss=bss,
                               total=text + data + bss))
    return p


def check_size_cases():
    spec = HERE / "valid/kinds.toml"
    system = System(ROOT, spec)
    Plan(system)
    app = system.by_name["app"]
    lines = Path(spec).read_text().splitlines()
    code_line = next(i + 1 for i, l in enumerate(lines) if l == "code = 20000")
    mem_line = next(i + 1 for i, l in enumerate(lines) if l == "memory = 5004")
    code_max, data_max = app.code_region.used, app.data_budget
    assert (code_max, data_max) == (20480, 3208), (code_max, data_max)
    # In the budget, at its very edge: .text and .data in flash, .data and .bss in RAM.
    st, _, err = run_cli("check-size", spec, "app", size_file("ok", code_max - 100, 100, data_max - 100))
    assert st == 0, f"in budget, but: {err}"
    st, _, err = run_cli("check-size", spec, "app", size_file("code", code_max - 99, 100, 0))
    assert st == 1 and f"{spec}:{code_line}: error: component 'app': code and constants are {code_max + 1} bytes, " \
        f"over its budget code = 20000" in err and err.count("error:") == 1, err
    st, _, err = run_cli("check-size", spec, "app", size_file("data", 1000, 8, data_max - 7))
    assert st == 1 and f"{spec}:{mem_line}: error: component 'app': data and bss are {data_max + 1} bytes, " \
        f"but memory = 5004 leaves {data_max} after 1280 bytes of thread stacks and 512 of server stacks" in err \
        and err.count("error:") == 1, err
    st, _, err = run_cli("check-size", spec, "app", size_file("both", code_max, 8, data_max))
    assert st == 1 and err.count("error:") == 2 and f":{code_line}: error:" in err and f":{mem_line}: error:" in err, err
    st, _, err = run_cli("check-size", spec, "nobody", size_file("ok", 1, 1, 1))
    assert st == 1 and "no component 'nobody'" in err, err
    # And as make runs it.
    st, _, err = run_process("check-size", spec, "app", size_file("code", code_max - 99, 100, 0))
    assert st == 1 and "over its budget code = 20000" in err, err


# ---- interfaces with errors (a temporary repository of interfaces) ----

BAD_INTERFACES = {
    "named": ('name = "other"\n\n[[function]]\nname = "f"\n', 1, "interface name 'other' differs from its folder 'named'"),
    "key": ('name = "key"\nfunctions = 1\n\n[[function]]\nname = "f"\n', 2, "unknown key 'functions' in interface 'key'"),
    "words": ('name = "words"\n\n[[function]]\nname = "f"\nargs = [ { name = "a", type = "buffer" }, '
              '{ name = "b", type = "buffer" },\n  { name = "c", type = "u32" } ]\n', 5,
              "words.f: 5 argument words, a call-gate carries 4"),
    "argtype": ('name = "argtype"\n\n[[function]]\nname = "f"\n\n[[function]]\nname = "g"\n'
                'args = [ { name = "a", type = "u16" } ]\n', 8, "argtype.g: argument 'a' has unknown type 'u16'"),
    "argname": ('name = "argname"\n\n[[function]]\nname = "f"\nargs = [ { type = "u32" } ]\n', 5,
                "argname.f: an argument needs a name"),
    "returns": ('name = "returns"\n\n[[function]]\nname = "f"\nreturns = "u8"\n', 5,
                "returns.f: unknown return type 'u8'"),
    "twice": ('name = "twice"\n\n[[function]]\nname = "f"\n\n[[function]]\nname = "f"\n', 6,
              "function 'f' declared twice in interface 'twice'"),
    "fname": ('name = "fname"\n\n[[function]]\nname = "f-1"\n', 3, "a function needs a name that is a C identifier"),
    "empty": ('name = "empty"\ndoc = "nothing"\n', 0, "interface 'empty' declares no function"),
    "header": ('name = "header"\nheader = "header.h"\n\n[[function]]\nname = "f"\n', 2,
               "interface 'header': header 'header.h' is not a file of interfaces/header"),
}


def check_bad_interface(name):
    text, line, fragment = BAD_INTERFACES[name]
    root = TMP / "ifroot"
    (root / "interfaces" / name).mkdir(parents=True, exist_ok=True)
    (root / "interfaces" / name / "interface.toml").write_text(text)
    errors = Errors()
    load_interface(root, name, errors)
    got = [str(e) for e in errors.items]
    assert len(got) == 1, f"{len(got)} errors: {got}"
    where = f"{root / 'interfaces' / name / 'interface.toml'}" + (f":{line}" if line else "")
    assert got[0].startswith(where + ": error: ") and fragment in got[0], f"{got[0]!r}, want {where}: ... {fragment}"


# ---- the board's passthrough filter (a temporary board with its own board.toml) ----

PT_SPEC = """board = "netduinoplus2"

[[component]]
name = "mgr"
impl = "x/stub"
memory = 2048
code = 256
exports = ["passthrough"]

[[component]]
name = "drv"
impl = "x/stub"
memory = 2048
code = 256
threads = [ { name = "main", priority = 10 } ]
depends = [ { interface = "passthrough", server = "mgr" } ]
passthrough = [ PT ]
"""
# board.toml's [passthrough] table, the entry of drv, and the error expected
# (file, line, text), or None for a valid graph.
BAD_FILTERS = {
    "unknown device": ('UART9 = ["drv"]', '"TIM3"', ("board.toml", 2, "[passthrough] names unknown device 'UART9'")),
    "not a list": ('TIM3 = "drv"', '"TIM3"', ("board.toml", 2, "[passthrough] TIM3 must be a list of component names")),
    "not names": ('TIM3 = ["drv", 7]', '"TIM3"', ("board.toml", 2, "[passthrough] TIM3 must be a list of component names")),
    "not a table": (None, '"TIM3"', ("board.toml", 1, "[passthrough] must be a table of device = [components]")),
    "no interrupt line": ('GPIOA = ["drv"]', '{ device = "GPIOA", thread = "main" }',
                          ("system.toml", 17, "component 'drv': device 'GPIOA' has no interrupt line on this board, "
                                              "so no thread receives it")),
    "memory only": ('GPIOA = ["drv"]', '"GPIOA"', None),
    "another component": ('TIM3 = ["other"]', '"TIM3"',
                          ("system.toml", 17, "board netduinoplus2 does not allow passing 'TIM3' through to 'drv'")),
    "none (the default)": ("", '"TIM3"',
                           ("system.toml", 17, "board netduinoplus2 does not allow passing 'TIM3' through to 'drv'")),
}


def check_filter(name):
    table, entry, want = BAD_FILTERS[name]
    root = TMP / "boardroot" / name.replace(" ", "_")
    if not root.exists():
        shutil.copytree(ROOT / "boards/netduinoplus2", root / "boards/netduinoplus2")
        for f in ("kernel/include/cos/kabi.h", "interfaces/sched/sched.h"):
            (root / f).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(ROOT / f, root / f)
        shutil.copytree(ROOT / "interfaces/passthrough", root / "interfaces/passthrough")
        (root / "x/stub").mkdir(parents=True)
    board = root / "boards/netduinoplus2/board.toml"
    board.write_text("passthrough = 3\n" if table is None else f"[passthrough]\n{table}\n")
    spec = root / "t" / "system.toml"
    spec.parent.mkdir(exist_ok=True)
    spec.write_text(PT_SPEC.replace("PT", entry))
    try:
        Plan(System(root, spec))
    except GraphErrors as e:
        got = [str(x) for x in e.items]
    except GraphError as e:
        got = [str(e)]
    else:
        got = []
    if want is None:
        assert not got, f"errors: {got}"
        return
    where = f"{board if want[0] == 'board.toml' else spec}:{want[1]}: error: "
    assert len(got) == 1 and got[0].startswith(where) and want[2] in got[0], f"{got}, want {where}{want[2]}"


# ---- the layout primitives and the source positions ----

def check_regions():
    for need in list(range(1, 2100)) + [random.Random(need).randrange(1, 1 << 18) for need in range(500)]:
        r = Region("x", "code", need, 5, 8)
        assert r.size == max(32, 1 << (need - 1).bit_length()), (need, r.size)
        assert r.used >= need and r.used == enabled_bytes(r.log2, r.srd), (need, r.used, r.srd)
        if r.log2 >= 8:
            assert r.used - need < r.size // 8, (need, r.used)


def check_placement():
    """Random requests into a small space with a hole: aligned, inside, apart."""
    rnd = random.Random(1)
    placed = 0
    for _ in range(300):
        lo, hi, hole = 0x20001000, 0x20007000, (0x20002000, 0x20003000)
        space = Space("test", lo, hi)
        space.take(*hole)
        regs = [Region(f"r{i}", "RAM", rnd.choice([32, 64, 100, 200, 256, 300, 700, 1000, 1500, 2048, 3000, 5000]),
                       5, 8) for i in range(rnd.randrange(1, 16))]
        try:
            place_all(space, regs, "test")
        except GraphError:
            continue  # full
        placed += 1
        spans = [hole + ("hole",)]
        for r in regs:
            assert r.base % r.size == 0, r
            assert lo <= r.base and r.base + r.used <= hi, r
            spans.append((r.base, r.base + r.used, r.owner))
        assert not overlaps(spans), overlaps(spans)
    assert placed > 100, f"only {placed} of 300 trials fit"


def check_item_line():
    p = TMP / "items.toml"
    p.write_text('[[component]]\nname = "a"\ndepends = [ { interface = "x", server = "y" },\n'
                 '  # a comment, { with braces ]\n  { interface = "z", server = "]" }, "s,t",\n'
                 '  [1, 2],\n  { a = [3,\n        4] }, 7\n]\nexports = ["a", "b"]\nthreads = []\n')
    s = Source(p)
    assert [s.item_line("depends", 1, i) for i in range(7)] == [3, 5, 5, 6, 7, 8, 3]
    assert s.item_line("threads", 1, 0) == 11 and s.item_line("name", 1, 0) == 2


def check_many_errors():
    """Problems are reported together, each at its line: those of loading,
    then (once they are fixed) those of the graph."""
    head = 'board = "netduinoplus2"\n\n[[component]]\nname = "a"\nimpl = "tests/compgraph/impl/stub"\nmemory = 1024\n'
    for tail, lines in (('code = 256\nhalt = "no"\nthreads = [ { name = "t", priority = 999 } ]\ncolour = 1\n',
                         [8, 9, 10]),
                        ('code = 256\ndevices = ["NOPE"]\nfault_handler = "ghost"\n'
                         'depends = [ { interface = "t_echo", server = "ghost" } ]\n', [8, 9, 10])):
        p = TMP / "many.toml"
        p.write_text(head + tail)
        st, _, err = run_cli("check", p)
        got = sorted(int(m) for m in re.findall(re.escape(str(p)) + r":(\d+): error:", err))
        assert st == 1 and got == lines, err


def check_process():
    """The command line as make runs it: gen, check, usage."""
    out = TMP / "process"
    st, so, se = run_process("gen", "tests/graph/basic/system.toml", out)
    assert st == 0 and "compgraph: basic: 3 components" in so and (out / "build.mk").exists(), se
    st, _, se = run_process("check", "tests/compgraph/invalid/cycle.toml")
    assert st == 1 and "tests/compgraph/invalid/cycle.toml:19: error: invocation cycle" in se, se
    st, _, se = run_process("frobnicate")
    assert st == 2 and "gen SPEC OUTDIR" in se, se


def check_stable():
    """gen writes the same outputs twice, and leaves unchanged files alone (make)."""
    spec = HERE / "valid/kinds.toml"
    a, b = TMP / "stable-a", TMP / "stable-b"
    assert run_cli("gen", spec, a)[0] == 0 and run_cli("gen", spec, b)[0] == 0
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file() and p.suffix != ".svg")
    assert files == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file() and p.suffix != ".svg")
    for f in files:
        assert (a / f).read_text() == (b / f).read_text().replace(str(b), str(a)), f"{f} differs"
    os.utime(a / files[0], ns=(1, 1))
    run_cli("gen", spec, a)
    assert (a / files[0]).stat().st_mtime_ns == 1, "an unchanged output was rewritten"


def check_count():
    assert len(INVALID) >= 25, f"{len(INVALID)} invalid cases"
    assert len(VALID) >= 6, f"{len(VALID)} valid cases"


# ---- the runner ----

class Runner:
    def __init__(self):
        self.passed = self.failed = 0

    def run(self, name, fn, *args):
        try:
            fn(*args)
        except Exception as e:  # noqa: BLE001 -- every failure is reported and counted
            self.failed += 1
            detail = str(e) if isinstance(e, AssertionError) and str(e) else traceback.format_exc().strip()
            print(f"FAIL: {name}: {detail}")
            return False
        self.passed += 1
        if VERBOSE:
            print(f"PASS: {name}")
        return True


def main():
    try:
        return run_all()
    finally:
        shutil.rmtree(TMP, ignore_errors=True)


def run_all():
    r = Runner()
    outs = []
    for spec in VALID:
        rel = spec.relative_to(ROOT)
        holder = []
        if r.run(f"valid {rel}: gen", lambda: holder.append(Out(spec))):
            o = holder[0]
            outs.append(o)
            for what, fn in (("layout", check_layout), ("stacks", check_stacks), ("threads", check_threads),
                             ("server stacks", check_binds), ("gates", check_gates), ("stubs", check_stubs),
                             ("server dispatch", check_server), ("boot description", check_bootdesc),
                             ("passthrough", check_passthrough)):
                r.run(f"valid {rel}: {what}", fn, o)
    cc = target_cc()
    if cc:
        jobs = [(o, name, args) for o in outs for name, args in compile_jobs(o)]
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
            results = list(pool.map(lambda k: compile_c(cc, jobs[k][2], TMP / f"cc{k}.o"), range(len(jobs))))
        for (o, name, _), (status, err) in zip(jobs, results):
            def ok(status=status, err=err):
                assert status == 0, err.strip()
            r.run(f"valid {o.spec.path.relative_to(ROOT)}: {name} compiles ({cc[0]})", ok)
    else:
        print("compgraph: no compiler for the target (arm-none-eabi-gcc or clang): the generated C is not compiled")
    for spec in INVALID:
        r.run(f"invalid {spec.relative_to(ROOT)}", check_invalid, spec)
    r.run("check-size", check_size_cases)
    for name in sorted(BAD_INTERFACES):
        r.run(f"interface with an error: {name}", check_bad_interface, name)
    for name in BAD_FILTERS:
        r.run(f"board passthrough filter: {name}", check_filter, name)
    r.run("regions: sizes and subregions", check_regions)
    r.run("regions: placement", check_placement)
    r.run("source: lines of array elements", check_item_line)
    r.run("all problems reported together", check_many_errors)
    r.run("gen is stable", check_stable)
    r.run("command line in a process", check_process)
    r.run("at least 25 invalid cases", check_count)
    print(f"compgraph: {r.passed} passed, {r.failed} failed")
    return 1 if r.failed else 0


if __name__ == "__main__":
    sys.exit(main())
