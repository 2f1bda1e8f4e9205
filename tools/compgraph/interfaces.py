"""Interfaces, declared once each in interfaces/<name>/interface.toml.

An interface is a list of functions.  Each takes at most four argument words
(the registers a call-gate carries): `u32`/`i32` take one, `buffer` takes two
(an offset and a length inside the buffer the client shares with its server,
checked by the server stub before the server's code sees them).  Each returns
`void`, `u32`, `i32` or `u64` (two result words)."""
from pathlib import Path

from .errors import GraphError, Where
from .source import Source

ARG_WORDS = {"u32": 1, "i32": 1, "buffer": 2}
RETURNS = {"void", "u32", "i32", "u64"}
MAX_WORDS = 4
# Who writes a buffer argument: the client before the call (in), the server (out), or both.
BUFFER_DIRECTIONS = {"in", "out", "inout"}


class Function:
    def __init__(self, name, args, returns, line):
        self.name, self.args, self.returns, self.line = name, args, returns, line


class Interface:
    def __init__(self, name, path, functions, identify=False, header=None):
        self.name, self.path, self.functions = name, path, functions
        # A C header of the interface's constants (header = "<file>" in its folder): the
        # cos_gen.h of its clients and servers includes it as "<name>/<file>".
        self.header = header
        # With identify = true the server's functions get the calling client's
        # index (0 .. COS_NCLIENTS_<name> - 1) as a last argument: per-client state.
        self.identify = identify

    def uses_buffers(self):
        return any(a["type"] == "buffer" for f in self.functions for a in f.args)


def load_interface(root, name, errors):
    path = Path(root) / "interfaces" / name / "interface.toml"
    if not path.exists():
        return None
    src = Source(path)
    d = src.data
    funcs, seen = [], set()
    for key in d:
        if key not in ("name", "doc", "function", "identify", "header"):
            errors.add(src.where(src.key_line(key)), f"unknown key '{key}' in interface '{name}'",
                       "an interface has name, doc, identify, header and [[function]] tables")
    if d.get("name") != name:
        errors.add(src.where(src.key_line("name")), f"interface name '{d.get('name')}' differs from its folder '{name}'",
                   f"write name = \"{name}\"")
    for i, f in enumerate(d.get("function", [])):
        line = src.header_line("function", i)
        fname = f.get("name")
        if not isinstance(fname, str) or not fname.isidentifier():
            errors.add(src.where(line), "a function needs a name that is a C identifier")
            continue
        if fname in seen:
            errors.add(src.where(line), f"function '{fname}' declared twice in interface '{name}'")
        seen.add(fname)
        words, args = 0, []
        for a in f.get("args", []):
            t = a.get("type")
            if t not in ARG_WORDS:
                errors.add(src.where(src.key_line("args", line)),
                           f"{name}.{fname}: argument '{a.get('name')}' has unknown type '{t}'",
                           f"use one of {', '.join(sorted(ARG_WORDS))}")
                continue
            if not str(a.get("name", "")).isidentifier():
                errors.add(src.where(src.key_line("args", line)), f"{name}.{fname}: an argument needs a name")
                continue
            direction = a.get("direction", "in")
            if t == "buffer" and direction not in BUFFER_DIRECTIONS:
                errors.add(src.where(src.key_line("args", line)),
                           f"{name}.{fname}: buffer '{a['name']}' has unknown direction '{direction}'",
                           f"use one of {', '.join(sorted(BUFFER_DIRECTIONS))}")
            words += ARG_WORDS[t]
            args.append({"name": a["name"], "type": t, "direction": direction})
        if words > MAX_WORDS:
            errors.add(src.where(src.key_line("args", line)),
                       f"{name}.{fname}: {words} argument words, a call-gate carries {MAX_WORDS}",
                       "pass the rest through a shared buffer")
        ret = f.get("returns", "void")
        if ret not in RETURNS:
            errors.add(src.where(src.key_line("returns", line)), f"{name}.{fname}: unknown return type '{ret}'",
                       f"use one of {', '.join(sorted(RETURNS))}")
        funcs.append(Function(fname, args, ret, line))
    if not d.get("function"):
        errors.add(src.where(), f"interface '{name}' declares no function")
    identify = d.get("identify", False)
    if not isinstance(identify, bool):
        errors.add(src.where(src.key_line("identify")), f"interface '{name}': identify must be true or false")
        identify = False
    header = d.get("header")
    if header is not None and (not isinstance(header, str) or "/" in header or
                               not (path.parent / header).is_file()):
        errors.add(src.where(src.key_line("header")), f"interface '{name}': header {header!r} is not a file of "
                   f"interfaces/{name}", "name a C header in the interface's folder, e.g. header = \"" +
                   name + ".h\"")
        header = None
    return Interface(name, str(path), funcs, identify, header)
