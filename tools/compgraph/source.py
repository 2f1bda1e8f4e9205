"""Loading TOML with line numbers for the tables and keys that messages name.

tomllib gives values without positions; this finds them again in the text:
the n-th `[[name]]` header, and a key's line inside a table's span."""
import re
import tomllib

from .errors import GraphError, Where


# A table header, [name] or [[name]]; not a line of a multi-line array such as `[1, 2],`.
HEADER = re.compile(r"^\s*\[\[?\s*[\w.\"' -]+\s*\]\]?\s*(#.*)?$")


class Source:
    def __init__(self, path):
        self.path = str(path)
        try:
            with open(path, "rb") as f:
                raw = f.read()
        except OSError as e:
            raise GraphError(Where(self.path), f"cannot read: {e.strerror}")
        try:
            self.data = tomllib.loads(raw.decode())
        except tomllib.TOMLDecodeError as e:
            m = re.search(r"line (\d+)", str(e))
            raise GraphError(Where(self.path, int(m.group(1)) if m else 0), f"not valid TOML: {e}")
        self.lines = raw.decode().splitlines()

    def header_line(self, array, index):
        """Line of the index-th `[[array]]` header (1-based), or 0."""
        n = -1
        pat = re.compile(r"^\s*\[\[\s*" + re.escape(array) + r"\s*\]\]")
        for i, text in enumerate(self.lines):
            if pat.match(text):
                n += 1
                if n == index:
                    return i + 1
        return 0

    def table_line(self, name):
        pat = re.compile(r"^\s*\[\s*" + re.escape(name) + r"\s*\]")
        for i, text in enumerate(self.lines):
            if pat.match(text):
                return i + 1
        return 0

    def key_line(self, key, start=1, value=None):
        """Line of `key = ...` at or after line `start`, before the next table header;
        with value, the line where that value appears after the key."""
        pat = re.compile(r"^\s*" + re.escape(key) + r"\s*=")
        for i in range(max(start - 1, 0), len(self.lines)):
            text = self.lines[i]
            if i >= start and HEADER.match(text):
                break
            if pat.match(text):
                if value is None:
                    return i + 1
                for j in range(i, min(i + 40, len(self.lines))):
                    if str(value) in self.lines[j]:
                        return j + 1
                return i + 1
        return start if start else 0

    def item_line(self, key, start, index):
        """Line where the index-th element of the array `key = [...]` (found as
        key_line finds it) begins; the key's line when it cannot be told."""
        kl = self.key_line(key, start)
        if not kl or not re.match(r"^\s*" + re.escape(key) + r"\s*=", self.lines[kl - 1]):
            return kl
        depth, n, expect, quote = 0, -1, False, None
        for ln in range(kl - 1, len(self.lines)):
            s = self.lines[ln]
            i = s.index("=") + 1 if ln == kl - 1 else 0
            while i < len(s):
                ch = s[i]
                if quote:
                    if ch == "\\" and quote[0] == '"':
                        i += 2
                    elif s.startswith(quote, i):
                        i, quote = i + len(quote), None
                    else:
                        i += 1
                    continue
                if ch == "#":
                    break
                if depth == 0 and ch != "[":
                    if not ch.isspace():
                        return kl  # not an array
                    i += 1
                    continue
                if depth == 1 and expect and not ch.isspace() and ch not in ",]":
                    n, expect = n + 1, False
                    if n == index:
                        return ln + 1
                if ch in "\"'":
                    quote = s[i:i + 3] if s[i:i + 3] in ('"""', "'''") else ch
                    i += len(quote)
                    continue
                if ch in "[{":
                    depth += 1
                    expect = expect or depth == 1
                elif ch in "]}":
                    depth -= 1
                    if depth == 0:
                        return kl
                elif ch == "," and depth == 1:
                    expect = True
                i += 1
        return kl

    def where(self, line=0):
        return Where(self.path, line)
