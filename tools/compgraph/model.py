"""The component graph: loading a specification and checking every rule.

Each rule's error names the file, the line where it can, and what to change
(docs/compgraph.md lists the rules).  All problems are collected and reported
together."""
from pathlib import Path

from .board import Board
from .errors import Errors, GraphError
from .interfaces import load_interface
from .source import Source

COMPONENT_KEYS = {"name", "impl", "memory", "code", "threads", "exports", "depends", "shared",
                  "irqs", "devices", "passthrough", "fault_handler", "server_stack", "halt", "sources",
                  "thread_pool", "doc"}
TOP_KEYS = {"system", "board", "scheduler", "component", "doc"}
# The keys of each kind of inline table, and the type of those that must be strings
# (None: checked by the rule that reads it).
THREAD_KEYS = {"name": None, "priority": None, "stack": None}
DEPEND_KEYS = {"interface": str, "server": str}
SHARED_KEYS = {"with": str, "size": None, "direction": str}
IRQ_KEYS = {"device": str, "line": None, "thread": str}
PASSTHROUGH_KEYS = {"device": str, "thread": str}
# The interfaces of device passthrough (docs/passthrough.md): its clients call the
# first, the component that may revoke calls the second; one component exports both.
PASSTHROUGH = "passthrough"
PASSTHROUGH_CTL = "passthrough_ctl"
DIRECTIONS = {"to_server", "from_server", "both"}
PRIORITY_MAX = 255
POOL_MAX = 8  # libcos' table of pool threads (libcos/thread.c)
STACK_MIN = 256
SERVER_STACK_DEFAULT = 512
BOOTER_TID = 0


def is_pow2(v):
    return isinstance(v, int) and v > 0 and v & (v - 1) == 0


class Thread:
    def __init__(self, comp, index, name, priority, stack, line):
        self.comp, self.index, self.name = comp, index, name
        self.priority, self.stack, self.line = priority, stack, line
        self.tid = None


class Dependency:
    def __init__(self, interface, server, line):
        self.interface, self.server, self.line = interface, server, line


class Shared:
    def __init__(self, client, server, size, direction, line):
        self.client, self.server, self.size, self.direction, self.line = client, server, size, direction, line
        self.base = None


class Irq:
    def __init__(self, comp, device, line_no, thread, line):
        self.comp, self.device, self.irq, self.thread, self.line = comp, device, line_no, thread, line


class Passthrough:
    """A device a component may be given at run time by the passthrough manager,
    and the thread (or None) whose endpoint receives its interrupt."""

    def __init__(self, comp, device, thread, line):
        self.comp, self.device, self.thread, self.line = comp, device, thread, line


class Component:
    def __init__(self, index, name, line):
        self.index, self.name, self.line = index, name, line
        self.id = index + 1  # 0 is the booter
        self.threads, self.depends, self.shared, self.irqs = [], [], [], []
        self.exports, self.devices, self.passthrough = [], [], []
        self.fault_handler = None
        self.impl = None
        self.memory = self.code = 0
        self.server_stack = SERVER_STACK_DEFAULT

    def servers(self):
        return [d.server for d in self.depends if d.server is not None]


class System:
    """A checked specification."""

    def __init__(self, root, path):
        self.root = Path(root)
        self.src = Source(path)
        self.path = self.src.path
        self.errors = Errors()
        self.components, self.by_name, self.interfaces = [], {}, {}
        self.scheduler = None
        self.pt_manager = None
        self._load()
        self.errors.check()
        self._check_graph()
        self.errors.check()

    # ---- loading ----

    def _where(self, line=0):
        return self.src.where(line)

    def _load(self):
        d, src, err = self.src.data, self.src, self.errors
        for key in d:
            if key not in TOP_KEYS:
                err.add(self._where(src.key_line(key)), f"unknown key '{key}'",
                        f"a system has {', '.join(sorted(TOP_KEYS))}")
        # The image's name comes from the file: compgraph/<name>.toml, or <name>/system.toml.
        p = Path(self.path)
        self.name = p.parent.name if p.stem == "system" else p.stem
        if "system" in d and d["system"] != self.name:
            err.add(self._where(src.key_line("system")), f"system = \"{d['system']}\" differs from the name its "
                    f"file gives, '{self.name}'", f"write system = \"{self.name}\" or rename the file")
        if not isinstance(d.get("board"), str):
            raise GraphError(self._where(src.key_line("board") if "board" in d else 1), "no board named",
                             "add board = \"netduinoplus2\" before the first table")
        self.board = Board(self.root, d["board"], self._where(src.key_line("board")))
        comps = d.get("component", [])
        if not isinstance(comps, list):
            err.add(self._where(src.table_line("component") or src.key_line("component")),
                    "'component' must be an array of tables", "write each header as [[component]]")
            comps = []
        for i, c in enumerate(comps):
            self._load_component(i, c)
        if not self.components and not err.items:
            err.add(self._where(1), "no component", "add [[component]] tables")
        sched = d.get("scheduler")
        if sched is not None:
            if not isinstance(sched, str) or sched not in self.by_name:
                err.add(self._where(src.key_line("scheduler")), f"scheduler '{sched}' is not a component",
                        f"name one of: {', '.join(self.by_name)}")
            else:
                self.scheduler = self.by_name[sched]

    def _int(self, c, key, line, default=None, minimum=0):
        v = c.get(key, default)
        if v is None:
            self.errors.add(self._where(line), f"'{key}' is missing", f"give {key} in bytes")
            return 0
        if not isinstance(v, int) or isinstance(v, bool) or v < minimum:
            self.errors.add(self._where(self.src.key_line(key, line)), f"'{key}' must be a whole number >= {minimum}")
            return 0
        return v

    def _entries(self, c, key, line, name, kind):
        """The elements of the array `key` of a component that are of `kind`
        (dict: inline tables, str: names), each with its index and line."""
        v = c.get(key, [])
        what = {dict: "tables { ... }", str: "strings"}.get(kind, "device names or tables { device, thread }")
        if not isinstance(v, list):
            self.errors.add(self._where(self.src.key_line(key, line)),
                            f"component '{name}': {key} must be an array of {what}")
            return []
        out = []
        for k, e in enumerate(v):
            eline = self.src.item_line(key, line, k)
            if not isinstance(e, kind):
                self.errors.add(self._where(eline), f"component '{name}': {key} must be an array of {what}; "
                                f"entry {k + 1} is {e!r}")
                continue
            out.append((k, e, eline))
        return out

    def _table_keys(self, t, keys, tline, what, name, hint):
        """Unknown keys and string-typed values of an inline table; False if one is wrong."""
        ok = True
        for key, v in t.items():
            if key not in keys:
                self.errors.add(self._where(tline), f"unknown key '{key}' in {what} of '{name}'", hint)
            elif keys[key] is str and not isinstance(v, str):
                self.errors.add(self._where(tline), f"'{key}' in {what} of '{name}' must be a string")
                ok = False
        return ok

    def _load_component(self, i, c):
        src, err = self.src, self.errors
        line = src.header_line("component", i)
        if not isinstance(c, dict):
            err.add(self._where(src.key_line("component")), "'component' must be an array of tables",
                    "write each header as [[component]]")
            return
        name = c.get("name")
        if not isinstance(name, str) or not name.isidentifier():
            err.add(self._where(src.key_line("name", line) if "name" in c else line),
                    "a component needs a name that is a C identifier", "add name = \"...\"")
            return
        for key in c:
            if key not in COMPONENT_KEYS:
                err.add(self._where(src.key_line(key, line)), f"unknown key '{key}' in component '{name}'",
                        f"a component has {', '.join(sorted(COMPONENT_KEYS))}")
        if name in self.by_name:
            err.add(self._where(line), f"component '{name}' is declared twice",
                    f"the first is at line {self.by_name[name].line}; rename one")
            return
        comp = Component(len(self.components), name, line)
        self.components.append(comp)
        self.by_name[name] = comp
        impl = c.get("impl", name)
        if not isinstance(impl, str):
            err.add(self._where(src.key_line("impl", line)), f"component '{name}': impl must be a string")
            impl = name
        # A bare name is a folder of components/; a path is relative to the repository.
        comp.impl = impl if "/" in impl else f"components/{impl}"
        if not (self.root / comp.impl).is_dir():
            err.add(self._where(src.key_line("impl", line) if "impl" in c else line),
                    f"component '{name}': no implementation folder {comp.impl}",
                    "create it or set impl to an existing folder")
        comp.memory = self._int(c, "memory", line, minimum=1)
        comp.code = self._int(c, "code", line, minimum=1)
        comp.server_stack = self._int(c, "server_stack", line, SERVER_STACK_DEFAULT, minimum=1)
        if comp.server_stack and (not is_pow2(comp.server_stack) or
                                  comp.server_stack < (1 << self.board.stack_min_log2)):
            err.add(self._where(src.key_line("server_stack", line)),
                    f"component '{name}': server_stack {comp.server_stack} is not a power of two "
                    f">= {1 << self.board.stack_min_log2}",
                    f"use {', '.join(str(1 << n) for n in range(self.board.stack_min_log2, self.board.stack_min_log2 + 3))}, ...")
        elif comp.server_stack > (1 << self.board.stack_max_log2):
            err.add(self._where(src.key_line("server_stack", line)),
                    f"component '{name}': server_stack {comp.server_stack} is larger than the kernel's "
                    f"{1 << self.board.stack_max_log2}")
        seen = set()
        for j, t, tline in self._entries(c, "threads", line, name, dict):
            self._table_keys(t, THREAD_KEYS, tline, "a thread", name, f"a thread has {', '.join(THREAD_KEYS)}")
            tname = t.get("name", f"t{j}")
            if not isinstance(tname, str) or not tname.isidentifier():
                err.add(self._where(tline), f"component '{name}': thread name {tname!r} is not a C identifier",
                        "it names macros of cos_gen.h")
                continue
            if tname in seen:
                err.add(self._where(tline), f"component '{name}' has two threads named '{tname}'")
            seen.add(tname)
            prio = t.get("priority")
            if not isinstance(prio, int) or not 0 <= prio <= PRIORITY_MAX:
                err.add(self._where(tline), f"thread {name}.{tname}: priority must be 0 (most urgent) .. {PRIORITY_MAX}")
                prio = PRIORITY_MAX
            stack = t.get("stack", 1024)
            if not isinstance(stack, int) or stack < STACK_MIN or stack % 8:
                err.add(self._where(tline), f"thread {name}.{tname}: stack {stack} must be a multiple of 8 "
                        f"and at least {STACK_MIN}")
                stack = STACK_MIN
            comp.threads.append(Thread(comp, len(comp.threads), tname, prio, stack, tline))
        comp.pool_first, comp.pool_count = len(comp.threads), 0
        pool = c.get("thread_pool")
        if pool is not None:
            pline = src.key_line("thread_pool", line)
            if not isinstance(pool, dict) or set(pool) - {"count", "priority", "stack"}:
                err.add(self._where(pline), f"component '{name}': thread_pool is a table of count, priority "
                        "and stack", "thread_pool = { count = 2, priority = 10, stack = 1024 }")
            else:
                count, prio, stack = pool.get("count"), pool.get("priority"), pool.get("stack", 1024)
                if not isinstance(count, int) or not 1 <= count <= POOL_MAX:
                    err.add(self._where(pline), f"component '{name}': thread_pool count must be 1 .. {POOL_MAX}")
                elif not isinstance(prio, int) or not 0 <= prio <= PRIORITY_MAX:
                    err.add(self._where(pline), f"component '{name}': thread_pool priority must be 0 .. "
                            f"{PRIORITY_MAX}")
                elif not isinstance(stack, int) or stack < STACK_MIN or stack % 8:
                    err.add(self._where(pline), f"component '{name}': thread_pool stack {stack} must be a "
                            f"multiple of 8 and at least {STACK_MIN}")
                else:
                    comp.pool_count = count
                    for k in range(count):
                        comp.threads.append(Thread(comp, len(comp.threads), f"pool{k}", prio, stack, pline))
                    comp.pool_line = pline
        for _, iface, eline in self._entries(c, "exports", line, name, str):
            self._interface(iface, eline, name)
            if iface in comp.exports:
                err.add(self._where(eline), f"component '{name}' exports '{iface}' twice")
            comp.exports.append(iface)
        for _, dep, dline in self._entries(c, "depends", line, name, dict):
            if self._table_keys(dep, DEPEND_KEYS, dline, "a dependency", name,
                                "a dependency has interface and server"):
                comp.depends.append(Dependency(dep.get("interface"), dep.get("server"), dline))
        for _, sh, sline in self._entries(c, "shared", line, name, dict):
            if self._table_keys(sh, SHARED_KEYS, sline, "a shared buffer", name,
                                "a shared buffer has with, size and direction"):
                comp.shared.append(Shared(comp, sh.get("with"), sh.get("size"), sh.get("direction", "both"), sline))
        for _, irq, iline in self._entries(c, "irqs", line, name, dict):
            if self._table_keys(irq, IRQ_KEYS, iline, "an interrupt", name,
                                "an interrupt has device (or line) and thread"):
                comp.irqs.append(Irq(comp, irq.get("device"), irq.get("line"), irq.get("thread"), iline))
        devs = self._entries(c, "devices", line, name, str)
        comp.devices = [d for _, d, _ in devs]
        comp.device_lines = [ln for _, _, ln in devs]
        # passthrough = ["DEV", { device = "DEV", thread = "t" }, ...]: a bare name takes
        # the device's memory only; with thread, its interrupt reaches that thread.
        comp.passthrough_line = src.key_line("passthrough", line)
        for _, p, pline in self._entries(c, "passthrough", line, name, (str, dict)):
            if isinstance(p, str):
                comp.passthrough.append(Passthrough(comp, p, None, pline))
            elif self._table_keys(p, PASSTHROUGH_KEYS, pline, "a passthrough entry", name,
                                  "a passthrough entry has device and thread"):
                if p.get("device") is None:
                    err.add(self._where(pline), f"component '{name}': a passthrough entry names no device",
                            "add device = \"...\"")
                    continue
                comp.passthrough.append(Passthrough(comp, p["device"], p.get("thread"), pline))
        comp.sources = c.get("sources", [])
        if not isinstance(comp.sources, list) or not all(isinstance(x, str) for x in comp.sources):
            err.add(self._where(src.key_line("sources", line)), f"component '{name}': sources must be a list "
                    "of file names")
            comp.sources = []
        for extra in comp.sources:
            if not (self.root / extra).is_file():
                err.add(self._where(src.key_line("sources", line)), f"component '{name}': no source file "
                        f"'{extra}'", "sources are relative to the repository")
        comp.halt = c.get("halt", False)
        if not isinstance(comp.halt, bool):
            err.add(self._where(src.key_line("halt", line)), f"component '{name}': halt must be true or false")
            comp.halt = False
        comp.fault_handler = c.get("fault_handler")
        comp.fault_line = src.key_line("fault_handler", line)
        if comp.fault_handler is not None and not isinstance(comp.fault_handler, str):
            err.add(self._where(comp.fault_line), f"component '{name}': fault_handler must be a component's name")
            comp.fault_handler = None

    def _interface(self, name, line, user):
        if name in self.interfaces:
            return self.interfaces[name]
        iface = load_interface(self.root, name, self.errors) if isinstance(name, str) else None
        if iface is None:
            known = sorted(p.name for p in (self.root / "interfaces").iterdir()
                           if (p / "interface.toml").exists()) if (self.root / "interfaces").is_dir() else []
            self.errors.add(self._where(line), f"component '{user}': unknown interface '{name}'",
                            f"declare it in interfaces/{name}/interface.toml" +
                            (f"; declared: {', '.join(known)}" if known else ""))
            return None
        self.interfaces[name] = iface
        return iface

    # ---- graph rules ----

    def _check_scheduler(self):
        """The scheduler component (docs/sched.md): it exports 'sched', has
        exactly its scheduler thread and its idle thread, and calls nothing
        (its capability table holds the threads it schedules)."""
        err, sc = self.errors, self.scheduler
        for comp in self.components:
            if "sched" in comp.exports and comp is not sc:
                err.add(self._where(comp.line), f"component '{comp.name}' exports 'sched' but is not the "
                        "scheduler", f"add scheduler = \"{comp.name}\" at the top, or drop the export")
        if sc is None:
            return
        where = self._where(sc.line)
        if sc.exports != ["sched"]:
            err.add(where, f"the scheduler '{sc.name}' must export 'sched' and nothing else",
                    "exports = [\"sched\"]: its export table is its own (docs/sched.md)")
        if [t.index for t in sc.threads] != [0, 1]:
            err.add(where, f"the scheduler '{sc.name}' needs exactly two threads: the scheduler thread, "
                    "then the idle thread", "threads = [ { name = \"sched\", ... }, { name = \"idle\", ... } ]")
        for comp in self.components:
            for t in comp.threads:
                if comp is not sc and t.priority >= self.board.sched_nprio:
                    err.add(self._where(t.line), f"thread {comp.name}.{t.name}: priority {t.priority}, the "
                            f"scheduler has priorities 0 .. {self.board.sched_nprio - 1}",
                            f"give it a priority below {self.board.sched_nprio}")
        for comp in self.components:
            for sh in comp.shared:
                if sh.server == sc.name:
                    err.add(self._where(sh.line), f"component '{comp.name}' shares a buffer with the scheduler "
                            f"'{sc.name}', whose interface takes no buffer", "drop this shared buffer")
        if sc.depends or sc.irqs or sc.shared or sc.halt or sc.fault_handler:
            err.add(where, f"the scheduler '{sc.name}' may not depend on others, share buffers, take "
                    "interrupts, halt or have a fault gate", "its capability table holds the threads it schedules")

    def _check_graph(self):
        err, board = self.errors, self.board
        self._check_scheduler()
        for comp in self.components:
            if comp.pool_count and not any(d.interface == "sched" for d in comp.depends):
                err.add(self._where(comp.pool_line), f"component '{comp.name}' has a thread pool but does not "
                        "depend on the scheduler", "its threads wait in cos_sched_block(): add "
                        "{ interface = \"sched\", server = \"<scheduler>\" } to depends")
        for comp in self.components:
            ifaces = set()
            for dep in comp.depends:
                if not isinstance(dep.interface, str):
                    err.add(self._where(dep.line), f"component '{comp.name}': a dependency names no interface",
                            "add interface = \"...\"")
                    dep.server = None
                    continue
                iface = self._interface(dep.interface, dep.line, comp.name)
                if dep.interface in ifaces:
                    err.add(self._where(dep.line), f"component '{comp.name}' depends on '{dep.interface}' twice",
                            "one server per interface and client")
                ifaces.add(dep.interface)
                if iface is None:  # reported by _interface
                    dep.server = None
                    continue
                if dep.server is None:
                    exporters = [c.name for c in self.components if dep.interface in c.exports]
                    err.add(self._where(dep.line), f"component '{comp.name}': dependency on '{dep.interface}' "
                            "is unserved", "add server = \"...\"" +
                            (f"; exported by {', '.join(exporters)}" if exporters else "; no component exports it"))
                    continue
                server = self.by_name.get(dep.server)
                if server is None:
                    err.add(self._where(dep.line), f"component '{comp.name}': server '{dep.server}' of "
                            f"'{dep.interface}' is not a component", f"name one of: {', '.join(self.by_name)}")
                    dep.server = None
                    continue
                if server is comp:
                    err.add(self._where(dep.line), f"component '{comp.name}' depends on itself")
                    dep.server = None
                    continue
                if dep.interface in comp.exports:
                    err.add(self._where(dep.line), f"component '{comp.name}' both exports and depends on "
                            f"'{dep.interface}': its client stubs and its own functions would have the same "
                            "names in cos_gen.h", "split it in two components")
                    dep.server = None
                    continue
                if dep.interface not in server.exports:
                    err.add(self._where(dep.line), f"interface mismatch: '{comp.name}' wants '{dep.interface}' "
                            f"from '{server.name}', which exports {server.exports or 'nothing'}",
                            f"add \"{dep.interface}\" to {server.name}'s exports or pick another server")
                    dep.server = None
                    continue
                dep.server = server
                if iface and iface.uses_buffers() and not any(s.server == server.name for s in comp.shared):
                    err.add(self._where(dep.line), f"'{dep.interface}' passes buffers, but '{comp.name}' shares "
                            f"no buffer with '{server.name}'",
                            f"add shared = [{{ with = \"{server.name}\", size = 256 }}]")
                buf = next((sh for sh in comp.shared if sh.server == server.name), None)
                if iface and buf is not None and buf.direction in DIRECTIONS:
                    # Who must be able to write the buffer for each buffer argument.
                    needs = {a["direction"] for f in iface.functions for a in f.args if a["type"] == "buffer"}
                    client_writes = buf.direction in ("to_server", "both")
                    server_writes = buf.direction in ("from_server", "both")
                    if (needs & {"in", "inout"} and not client_writes) or \
                            (needs & {"out", "inout"} and not server_writes):
                        err.add(self._where(buf.line), f"shared buffer {comp.name}-{server.name} is "
                                f"'{buf.direction}', but '{dep.interface}' has buffers the "
                                f"{'client' if not client_writes else 'server'} must write",
                                "use direction = \"both\" (or the direction the interface needs)")
            shared_with = set()
            for sh in comp.shared:
                if sh.server is None:
                    err.add(self._where(sh.line), f"component '{comp.name}': a shared buffer names no component",
                            "add with = \"<server>\"")
                elif sh.server in shared_with:
                    err.add(self._where(sh.line), f"component '{comp.name}' shares two buffers with '{sh.server}'",
                            "one buffer per client and server: make the first one larger")
                elif sh.server not in self.by_name:
                    err.add(self._where(sh.line), f"component '{comp.name}': shared buffer with unknown "
                            f"component '{sh.server}'")
                elif not any(d.server and d.server.name == sh.server for d in comp.depends):
                    err.add(self._where(sh.line), f"component '{comp.name}' shares a buffer with '{sh.server}' "
                            "but depends on no interface it serves", "a buffer is shared with a server")
                shared_with.add(sh.server)
                if not is_pow2(sh.size) or sh.size < (1 << board.mpu_min_log2):
                    err.add(self._where(sh.line), f"shared buffer {comp.name}-{sh.server}: size {sh.size} must be "
                            f"a power of two >= {1 << board.mpu_min_log2} (one MPU region)")
                if sh.direction not in DIRECTIONS:
                    err.add(self._where(sh.line), f"shared buffer {comp.name}-{sh.server}: unknown direction "
                            f"'{sh.direction}'", f"use one of {', '.join(sorted(DIRECTIONS))}")
            if comp.fault_handler is not None:
                h = self.by_name.get(comp.fault_handler)
                if h is None:
                    err.add(self._where(comp.fault_line), f"component '{comp.name}': fault handler "
                            f"'{comp.fault_handler}' is not a component")
                    comp.fault_handler = None
                elif "fault" not in h.exports:
                    err.add(self._where(comp.fault_line), f"fault handler '{h.name}' does not export 'fault'",
                            f"add \"fault\" to {h.name}'s exports")
                    comp.fault_handler = None
                elif h is comp:
                    err.add(self._where(comp.fault_line), f"component '{comp.name}' is its own fault handler",
                            "a fault is handled in another protection domain")
                    comp.fault_handler = None
                else:
                    comp.fault_handler = h
                    self._interface("fault", comp.fault_line, comp.name)
        self._check_ownership()
        self._check_passthrough()
        self._check_cycles_and_depth()
        self._check_threads()

    def _check_ownership(self):
        err, board = self.errors, self.board
        dev_owner, irq_owner = {}, {}
        for comp in self.components:
            for dev, dline in zip(comp.devices, comp.device_lines):
                if dev not in board.devices:
                    err.add(self._where(dline), f"component '{comp.name}': unknown device '{dev}'",
                            f"board {board.name} has {', '.join(board.devices)}")
                elif dev in dev_owner:
                    err.add(self._where(dline), f"device '{dev}' owned twice: by '{dev_owner[dev]}' "
                            f"and '{comp.name}'", "a device belongs to one component; share it through an interface")
                else:
                    dev_owner[dev] = comp.name
            tnames = {t.name for t in comp.threads}
            irq_threads = set()
            for irq in comp.irqs:
                line_no = irq.irq
                if irq.device is None and line_no is None:
                    err.add(self._where(irq.line), f"component '{comp.name}': an interrupt names no device "
                            "and no line", "add device = \"...\" (or line = <number>)")
                    continue
                if irq.device is not None:
                    d = board.devices.get(irq.device)
                    if d is None or d.irq < 0:
                        err.add(self._where(irq.line), f"component '{comp.name}': device '{irq.device}' has no "
                                "interrupt line on this board")
                        continue
                    if irq.device not in comp.devices:
                        err.add(self._where(irq.line), f"component '{comp.name}' takes the interrupt of "
                                f"'{irq.device}' but does not own the device", f"add it to devices")
                    line_no = d.irq
                if not isinstance(line_no, int) or not 0 <= line_no < board.nirq:
                    err.add(self._where(irq.line), f"component '{comp.name}': interrupt line {line_no} is not "
                            f"0..{board.nirq - 1}")
                    continue
                irq.irq = line_no
                owner = next((d for d in board.devices.values() if d.irq == line_no), None)
                if irq.device is None and owner is not None and owner.name not in comp.devices:
                    err.add(self._where(irq.line), f"component '{comp.name}' takes interrupt line {line_no}, "
                            f"which is device '{owner.name}''s, but does not own the device",
                            f"name device = \"{owner.name}\" and add it to devices")
                if line_no in irq_owner:
                    err.add(self._where(irq.line), f"interrupt line {line_no} owned twice: by "
                            f"'{irq_owner[line_no]}' and '{comp.name}'")
                irq_owner[line_no] = comp.name
                if irq.thread not in tnames:
                    err.add(self._where(irq.line), f"component '{comp.name}': interrupt thread '{irq.thread}' "
                            "is not one of its threads", f"its threads: {', '.join(sorted(tnames)) or 'none'}")
                elif irq.thread in irq_threads:
                    err.add(self._where(irq.line), f"thread {comp.name}.{irq.thread} takes two interrupt lines",
                            "one line per thread")
                irq_threads.add(irq.thread)

    def _check_passthrough(self):
        """Devices given at run time (docs/passthrough.md): known, allowed by the
        board's [passthrough] filter, never also owned, each listed once per
        component, their interrupt to one of the component's threads; requested
        through the one component that exports 'passthrough'."""
        err, board = self.errors, self.board
        owner = {}
        for comp in self.components:
            for dev in comp.devices:
                owner.setdefault(dev, comp.name)
        managers = [c for c in self.components if PASSTHROUGH in c.exports]
        for m in managers[1:]:
            err.add(self._where(m.line), f"components '{managers[0].name}' and '{m.name}' both export "
                    f"'{PASSTHROUGH}'", "a system has one passthrough manager")
        for comp in self.components:
            if PASSTHROUGH_CTL in comp.exports and PASSTHROUGH not in comp.exports:
                err.add(self._where(comp.line), f"component '{comp.name}' exports '{PASSTHROUGH_CTL}' but not "
                        f"'{PASSTHROUGH}'", "revocation acts on the manager's own state: the manager exports both")
        for comp in self.components:
            seen = set()
            tnames = {t.name for t in comp.threads}
            for pt in comp.passthrough:
                dev = pt.device
                if dev not in board.devices:
                    err.add(self._where(pt.line), f"component '{comp.name}': passthrough of unknown device '{dev}'",
                            f"board {board.name} has {', '.join(board.devices)}")
                    continue
                if comp.name not in board.passthrough.get(dev, []):
                    err.add(self._where(pt.line), f"board {board.name} does not allow passing "
                            f"'{dev}' through to '{comp.name}'",
                            f"list it under [passthrough] in boards/{board.name}/board.toml")
                if dev in seen:
                    err.add(self._where(pt.line), f"component '{comp.name}' lists '{dev}' for passthrough twice",
                            "one entry per device")
                seen.add(dev)
                if dev in owner:
                    err.add(self._where(pt.line), f"device '{dev}' is owned by '{owner[dev]}' and passed through "
                            f"to '{comp.name}'", "a device is either owned (devices) or passed through at run "
                            "time, not both")
                if pt.thread is not None:
                    if board.devices[dev].irq < 0:
                        err.add(self._where(pt.line), f"component '{comp.name}': device '{dev}' has no interrupt "
                                "line on this board, so no thread receives it", "drop thread = ...")
                    elif pt.thread not in tnames:
                        err.add(self._where(pt.line), f"component '{comp.name}': passthrough thread "
                                f"'{pt.thread}' is not one of its threads",
                                f"its threads: {', '.join(sorted(tnames)) or 'none'}")
            if comp.passthrough and not any(d.interface == PASSTHROUGH for d in comp.depends):
                err.add(self._where(comp.passthrough_line), f"component '{comp.name}' may be given devices "
                        f"(passthrough) but does not depend on '{PASSTHROUGH}'",
                        f"add {{ interface = \"{PASSTHROUGH}\", server = \"{managers[0].name if managers else '...'}\" }} "
                        "to depends" + ("" if managers else f" and a component that exports '{PASSTHROUGH}'"))
        self.pt_manager = managers[0] if managers else None

    def calls(self, comp):
        """Components comp can invoke: servers of its dependencies, and its fault handler."""
        return [s for s, _ in self.edges(comp)]

    def edges(self, comp):
        """calls(comp), each with the line that makes the call possible."""
        out = [(d.server, d.line) for d in comp.depends if d.server]
        if comp.fault_handler:
            out.append((comp.fault_handler, comp.fault_line))
        return out

    def _check_cycles_and_depth(self):
        err, state, depth = self.errors, {}, {}

        def visit(c, path, line):
            if state.get(c.name) == "done":
                return depth[c.name]
            if state.get(c.name) == "active":
                # Reported at the dependency (or fault handler) that closes the cycle.
                cyc = path[path.index(c.name):] + [c.name]
                err.add(self._where(line), "invocation cycle: " + " -> ".join(cyc),
                        "a thread would re-enter a component it is already in; break the cycle")
                return 0
            state[c.name] = "active"
            d = 0
            for s, sline in self.edges(c):
                d = max(d, 1 + visit(s, path + [c.name], sline))
            state[c.name] = "done"
            depth[c.name] = d
            return d

        for c in self.components:
            visit(c, [], c.line)
        for c in self.components:
            if c.threads and depth.get(c.name, 0) > self.board.inv_depth:
                err.add(self._where(c.line), f"threads of '{c.name}' can be {depth[c.name]} invocations deep, "
                        f"the kernel allows {self.board.inv_depth}", "shorten the chain of dependencies")
        self.depth = depth

    def _check_threads(self):
        err = self.errors
        threads = [t for c in self.components for t in c.threads]
        # tid 0 is the booter; the last id is kept for the initialisers the booter runs.
        limit = self.board.max_tid - 2
        if len(threads) > limit:
            t = threads[limit]
            err.add(self._where(t.line), f"{len(threads)} threads, the kernel has ids for {limit}; "
                    f"{t.comp.name}.{t.name} is the first without one", "merge threads or components")
        for n, t in enumerate(threads):
            t.tid = n + 1
        names = {}
        for t in threads:
            macro = f"{t.comp.name}_{t.name}"
            if macro in names:
                err.add(self._where(t.line), f"threads {names[macro]} and {t.comp.name}.{t.name} would both be "
                        f"COS_TID_{macro} in the generated headers", "rename one of them")
            names[macro] = f"{t.comp.name}.{t.name}"
        # Priority rule: a component's own threads are at least as urgent as every
        # thread that can invoke it, so no thread waits on a less urgent one inside it.
        for c in self.components:
            if not c.threads:
                continue
            callers = [t for t in threads if c in self.reach(t.comp) and t.comp is not c]
            if not callers:
                continue
            urgent = min(callers, key=lambda t: t.priority)
            for t in c.threads:
                if t.priority > urgent.priority and c is not self.scheduler:
                    err.add(self._where(t.line), f"priority inversion: thread {c.name}.{t.name} (priority "
                            f"{t.priority}) is less urgent than {urgent.comp.name}.{urgent.name} (priority "
                            f"{urgent.priority}), which can invoke '{c.name}'",
                            f"give {c.name}.{t.name} priority <= {urgent.priority}")

    def reach(self, comp):
        """Every component a thread homed in comp can enter (comp excluded unless re-entered)."""
        seen, todo = [], list(self.calls(comp))
        while todo:
            s = todo.pop()
            if s not in seen:
                seen.append(s)
                todo.extend(self.calls(s))
        return seen
