"""What the compiler needs to know of a board and of the kernel, read from
their own headers (boards/<board>/board.h, layout.h, kernel/include/cos/kabi.h)
so nothing is written twice, plus boards/<board>/board.toml for the facts only
the compiler uses (the MPU's rules, which devices may be passed through)."""
import re
from pathlib import Path

from .errors import GraphError, Where
from .source import Source

DEFINE = re.compile(r"^\s*#define\s+(\w+)\s+(\(?-?(?:0x[0-9a-fA-F]+|\d+)u?\)?)\s*(?:/\*.*)?$")
DEVICE = re.compile(r"X\(\s*(\w+)\s*,\s*(0x[0-9a-fA-F]+|\d+)\s*,\s*(0x[0-9a-fA-F]+|\d+)\s*,\s*(-?\d+)\s*\)")


def read_defines(path):
    values = {}
    for line in Path(path).read_text().splitlines():
        m = DEFINE.match(line)
        if m:
            values[m.group(1)] = int(m.group(2).strip("()").rstrip("u"), 0)
    return values


class Device:
    def __init__(self, index, name, base, size, irq):
        self.index, self.name, self.base, self.size, self.irq = index, name, base, size, irq


class Board:
    def __init__(self, root, name, where):
        self.name = name
        bdir = Path(root) / "boards" / name
        if not (bdir / "board.h").exists():
            known = sorted(p.name for p in (Path(root) / "boards").iterdir() if (p / "board.h").exists())
            raise GraphError(where, f"unknown board '{name}'", f"boards with a board.h: {', '.join(known)}")
        d = read_defines(bdir / "board.h")
        self.flash_base = d["BOARD_FLASH_BASE"]
        self.user_flash = (d["BOARD_USER_FLASH_BASE"], d["BOARD_USER_FLASH_SIZE"])
        self.pool = (d["BOARD_POOL_BASE"], d["BOARD_POOL_SIZE"])
        self.nirq = d["BOARD_NIRQ"]
        text = (bdir / "board.h").read_text()
        self.devices = {}
        for i, m in enumerate(DEVICE.finditer(text[text.index("#define BOARD_DEVICES"):])):
            name, base, size, irq = m.group(1), int(m.group(2), 0), int(m.group(3), 0), int(m.group(4))
            self.devices[name] = Device(i, name, base, size, irq)
        lay = read_defines(bdir / "layout.h")
        self.booter_flash = (lay["LAYOUT_BOOTER_FLASH"], lay["LAYOUT_BOOTER_FLASH_SIZE"])
        self.booter_ram = (lay["LAYOUT_BOOTER_RAM"], lay["LAYOUT_BOOTER_RAM_SIZE"])
        bsrc = Source(bdir / "board.toml") if (bdir / "board.toml").exists() else None
        cfg = bsrc.data if bsrc else {}
        mpu = cfg.get("mpu", {})
        self.mpu_regions = mpu.get("regions", 8)
        self.mpu_min_log2 = mpu.get("min_log2", 5)
        self.mpu_subregion_min_log2 = mpu.get("subregion_min_log2", 8)
        # The board's passthrough filter: device -> the components that may be given
        # it at run time (docs/passthrough.md).  The default is none.
        self.passthrough = self._passthrough(bsrc, cfg.get("passthrough", {}))
        k = read_defines(Path(root) / "kernel" / "include" / "cos" / "kabi.h")
        self.inv_depth = k["COS_INV_DEPTH"]
        self.max_tid = k["COS_MAX_TID"]
        self.stack_min_log2 = k["COS_STACK_MIN_LOG2"]
        self.stack_max_log2 = k["COS_STACK_MAX_LOG2"]
        self.boot_dev0 = k["COS_BOOT_DEV0"]
        self.block = 128
        sd = read_defines(Path(root) / "interfaces" / "sched" / "sched.h")
        self.sched_nprio = sd.get("SCHED_NPRIO", 32)

    def _passthrough(self, src, table):
        start = src.table_line("passthrough") if src else 0
        if not isinstance(table, dict):
            raise GraphError(src.where(start or src.key_line("passthrough")),
                             "[passthrough] must be a table of device = [components]",
                             "write e.g. TIM3 = [\"driver\"] under [passthrough]")
        for dev, comps in table.items():
            where = src.where(src.key_line(dev, start) or start)
            if dev not in self.devices:
                raise GraphError(where, f"[passthrough] names unknown device '{dev}'",
                                 f"board {self.name} has {', '.join(self.devices)}")
            if not isinstance(comps, list) or not all(isinstance(c, str) and c.isidentifier() for c in comps):
                raise GraphError(where, f"[passthrough] {dev} must be a list of component names",
                                 f"write {dev} = [\"driver\"]")
        return table
