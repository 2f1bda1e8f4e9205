"""Memory layout for an MPU of power-of-two, size-aligned regions with eight
subregions (ARMv7-M).

Every region is the smallest power of two that holds what it must; when the
request is not a power of two, its trailing eighths are disabled (subregions)
and the space they cover is left free for smaller regions, so the waste is at
most the rounding to an eighth.  Regions are placed largest first, each at the
lowest address aligned to its size where its enabled part fits."""
from .errors import GraphError

SUBREGIONS = 8


def pow2_at_least(n):
    p = 1
    while p < n:
        p <<= 1
    return p


class Region:
    """A region request and, once placed, its base and MPU encoding."""

    def __init__(self, owner, what, need, min_log2, sub_min_log2, fixed=None):
        self.owner, self.what, self.need = owner, what, need
        size = pow2_at_least(max(need, 1 << min_log2))
        self.size = size
        self.log2 = size.bit_length() - 1
        self.srd = 0
        self.used = size
        if self.log2 >= sub_min_log2 and need < size:
            eighth = size // SUBREGIONS
            enabled = -(-need // eighth)
            self.used = enabled * eighth
            self.srd = (0xff << enabled) & 0xff
        self.base = fixed

    @property
    def waste(self):
        return self.used - self.need

    def __repr__(self):
        return f"<{self.owner}.{self.what} {self.need}B in {self.size}B>"


class Space:
    """Free address ranges of one memory, for first-fit aligned placement."""

    def __init__(self, name, lo, hi):
        self.name = name
        self.free = [(lo, hi)]

    def take(self, lo, hi):
        out = []
        for a, b in self.free:
            if hi <= a or lo >= b:
                out.append((a, b))
                continue
            if a < lo:
                out.append((a, lo))
            if hi < b:
                out.append((hi, b))
        self.free = out

    def place(self, region):
        for a, b in sorted(self.free):
            base = (a + region.size - 1) & ~(region.size - 1)
            if base + region.used <= b:
                region.base = base
                self.take(base, base + region.used)
                return True
        return False

    def reserve(self, size, align):
        for a, b in sorted(self.free):
            base = (a + align - 1) & ~(align - 1)
            if base + size <= b:
                self.take(base, base + size)
                return base
        return None


def place_all(space, regions, where):
    for r in sorted(regions, key=lambda r: (-r.size, r.owner, r.what)):
        if not space.place(r):
            raise GraphError(getattr(r, "where", where), f"{space.name} is full: cannot place {r.owner}'s {r.what} "
                             f"({r.need} bytes in a {r.size}-byte region)",
                             "lower the budgets or the shared buffer sizes")
