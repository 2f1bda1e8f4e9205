"""Loading TOML with line numbers for the tables and keys that messages name.

tomllib gives values without positions; this finds them again in the text:
the n-th `[[name]]` header, and a key's line inside a table's span."""
import re
import tomllib

from .errors import GraphError, Where


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
            if i >= start and re.match(r"^\s*\[", text):
                break
            if pat.match(text):
                if value is None:
                    return i + 1
                for j in range(i, min(i + 40, len(self.lines))):
                    if str(value) in self.lines[j]:
                        return j + 1
                return i + 1
        return start if start else 0

    def where(self, line=0):
        return Where(self.path, line)
