"""From a checked System to concrete decisions: thread ids, server stacks,
capability slots, export indices, regions and their addresses."""
from .errors import GraphError
from .layout import Region, Space, place_all

SLOT_CONSOLE = 1
SLOT_HALT = 2   # a HW capability that may end the system, for components with halt = true
SLOT_FIRST = 3
# The scheduler component's table (interfaces/sched/sched.h): its idle thread,
# then the threads it schedules; thd_add is its export 5.
SCHED_SLOT_IDLE = 2
SCHED_SLOT_FIRST = 3
CAPTBL_HEADER = 16
CAP_SIZE = 16
BOOT_OBJ_BLOCKS = 11  # the kernel's own objects for the booter, at the top of the pool
BOOT_CAPTBL_SLOTS = (8 * 128 - CAPTBL_HEADER) // CAP_SIZE  # the booter's table: 8 blocks (kernel/boot.c)
# The booter reads every component's header through one 512 KiB region from the
# start of flash (components/booter/booter.c): code must lie below its end.
BOOTER_FLASH_VIEW = 512 * 1024


class Plan:
    def __init__(self, system):
        self.sys = s = system
        b = s.board
        self.where = s.src.where()
        # Exports: every function of every exported interface, in order.
        for c in s.components:
            c.export_index = {}
            for iface in c.exports:
                for f in s.interfaces[iface].functions:
                    c.export_index[(iface, f.name)] = len(c.export_index)
        # Server stacks: one per thread that can enter the component (and the
        # booter's, for the scheduler it configures).
        for c in s.components:
            c.binds = []
        for c in s.components:
            for t in c.threads:
                for srv in s.reach(c):
                    if t.tid not in [tid for tid, _ in srv.binds]:
                        srv.binds.append((t.tid, len(srv.binds)))
        if s.scheduler:
            s.scheduler.binds.append((0, len(s.scheduler.binds)))
        # Capability slots: console, interrupt receive ends, then one gate per function used.
        for c in s.components:
            if c is s.scheduler:
                others = sum(len(d.threads) for d in s.components if d is not c)
                c.rcv_slot, c.gates = {}, []
                c.nslots = SCHED_SLOT_FIRST + others
                c.captbl_blocks = -(-(CAPTBL_HEADER + c.nslots * CAP_SIZE) // b.block)
                continue
            slot = SLOT_FIRST
            c.rcv_slot = {}
            for irq in c.irqs:
                c.rcv_slot[irq.thread] = slot
                slot += 1
            c.gates = []
            for d in c.depends:
                for f in s.interfaces[d.interface].functions:
                    c.gates.append((slot, d, f))
                    slot += 1
            c.nslots = slot
            need = CAPTBL_HEADER + c.nslots * CAP_SIZE
            c.captbl_blocks = -(-need // b.block)
        # RAM inside each component: data and bss, thread stacks, server stacks (top).
        for c in s.components:
            c.srv_count = max(len(c.binds), 1)
            c.srv_bytes = c.srv_count * c.server_stack
            c.stack_bytes = sum(t.stack for t in c.threads)
            # The server stacks start 8-byte aligned (the kernel requires it), so
            # memory % 8 bytes below them are lost to data.
            c.data_budget = c.memory - c.memory % 8 - c.stack_bytes - c.srv_bytes
            if c.data_budget < 0:
                raise GraphError(s.src.where(s.src.key_line("memory", c.line)),
                                 f"component '{c.name}': memory {c.memory} is smaller than its stacks "
                                 f"({c.stack_bytes} for threads, {c.srv_bytes} for {c.srv_count} server stacks)",
                                 f"raise memory to at least {c.stack_bytes + c.srv_bytes + 256}")
        # Slots of the booter's own capability table, as boot_graph.c takes them:
        # after the boot capabilities and the devices, per component its two
        # tables and the component, its fault gate, its initialiser thread; one
        # per thread and two more per interrupt (the endpoint's two ends), and
        # the gate to the scheduler's thd_add.
        slots = b.boot_dev0 + len(b.devices) + (1 if s.scheduler else 0)
        need = slots + sum(4 + (1 if c.fault_handler else 0) + len(c.threads) + 2 * len(c.irqs)
                           for c in s.components)
        for c in s.components:
            slots += 4 + (1 if c.fault_handler else 0) + len(c.threads) + 2 * len(c.irqs)
            if slots > BOOT_CAPTBL_SLOTS:
                raise GraphError(s.src.where(c.line), f"the booter's capability table has {BOOT_CAPTBL_SLOTS} "
                                 f"slots, this system needs {need}; it is full at component '{c.name}'",
                                 "each component takes 4 or 5 of them, each thread 1 and each interrupt 2 more: "
                                 "merge components or threads")
        self._regions()

    def _regions(self):
        s, b = self.sys, self.sys.board
        flash_lo = b.booter_flash[0] + b.booter_flash[1]
        flash = Space("user flash", flash_lo, min(b.user_flash[0] + b.user_flash[1],
                                                  b.flash_base + BOOTER_FLASH_VIEW))
        pool_lo, pool_hi = b.pool[0], b.pool[0] + b.pool[1] - BOOT_OBJ_BLOCKS * b.block
        ram = Space("the typed-memory pool", pool_lo, pool_hi)
        ram.take(b.booter_ram[0], b.booter_ram[0] + b.booter_ram[1])
        code_regions, ram_regions = [], []
        mpu = (b.mpu_min_log2, b.mpu_subregion_min_log2)
        src = s.src
        for c in s.components:
            c.code_region = Region(c.name, "code", c.code, *mpu)
            c.code_region.where = src.where(src.key_line("code", c.line))
            c.ram_region = Region(c.name, "RAM", c.memory, *mpu)
            c.ram_region.where = src.where(src.key_line("memory", c.line))
            code_regions.append(c.code_region)
            ram_regions.append(c.ram_region)
            for sh in c.shared:
                sh.region = Region(f"{c.name}-{sh.server}", "shared buffer", sh.size, *mpu)
                sh.region.where = src.where(sh.line)
                ram_regions.append(sh.region)
        place_all(flash, code_regions, self.where)
        place_all(ram, ram_regions, self.where)
        # Kernel objects the booter makes (boot_graph.c): per component its capability
        # table, memory table, component and initialiser thread (whose block is not
        # reused), one per thread and one endpoint per interrupt; and spare blocks.
        blocks = 8
        for c in s.components:
            blocks += c.captbl_blocks + 3 + len(c.threads) + len(c.irqs)
        self.kmem_size = blocks * b.block
        self.kmem_base = ram.reserve(self.kmem_size, b.block)
        if self.kmem_base is None:
            raise GraphError(self.where, f"no room left in the pool for {blocks} blocks of kernel objects",
                             "lower the memory budgets")
        self.flash_space, self.ram_space = flash, ram
        for c in s.components:
            r = c.ram_region
            c.srv_base = r.base + c.memory - c.srv_bytes
            c.srv_base -= c.srv_base % 8
            top = c.srv_base
            for t in reversed(c.threads):
                t.stack_top = top
                top -= t.stack
            c.regions = [("code", c.code_region), ("ram", r)]
            for sh in c.shared:
                c.regions.append(("shared", sh))
            for d in s.components:
                for sh in d.shared:
                    if sh.server == c.name:
                        c.regions.append(("shared", sh))
            for dev in c.devices:
                c.regions.append(("device", b.devices[dev]))
            if len(c.regions) > b.mpu_regions:
                raise GraphError(s.src.where(c.line), f"component '{c.name}' needs {len(c.regions)} MPU regions "
                                 f"(code, RAM, shared buffers, devices), the MPU has {b.mpu_regions}",
                                 "share fewer buffers or move a device to another component")

    def init_order(self):
        """Servers before their clients: a reverse topological order of the calls."""
        order, seen = [], set()

        def visit(c):
            if c.name in seen:
                return
            seen.add(c.name)
            for srv in self.sys.calls(c):
                visit(srv)
            order.append(c)

        for c in self.sys.components:
            visit(c)
        return order
