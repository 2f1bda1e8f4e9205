"""Errors that name the file, the line where it can, and what to change."""


class GraphError(Exception):
    """One problem in a specification.  str() gives `file:line: message`."""

    def __init__(self, where, message, hint=None):
        self.where = where  # a Where, or a plain file name
        self.message = message
        self.hint = hint
        super().__init__(str(self))

    def __str__(self):
        text = f"{self.where}: error: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text


class Where:
    """A place in a file, for messages: file and line (0 when unknown)."""

    def __init__(self, path, line=0):
        self.path = path
        self.line = line

    def __str__(self):
        return f"{self.path}:{self.line}" if self.line else str(self.path)


class Errors:
    """Collects every problem, so one run reports them all."""

    def __init__(self):
        self.items = []

    def add(self, where, message, hint=None):
        self.items.append(GraphError(where, message, hint))

    def check(self):
        if self.items:
            raise GraphErrors(self.items)


class GraphErrors(Exception):
    def __init__(self, items):
        self.items = items
        super().__init__("\n".join(str(e) for e in items))
