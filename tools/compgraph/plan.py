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
BOOT_OBJ_BLOCKS = 19  # the kernel's own objects for the booter, at the top of the pool (kernel/boot.c)
BOOT_CAPTBL_SLOTS = (16 * 128 - CAPTBL_HEADER) // CAP_SIZE  # the booter's table: 16 blocks (kernel/boot.c)
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
        # Capability slots: console, interrupt receive ends, then one gate per function used
        # (and, in the passthrough manager, its authority over the passed-through devices).
        for c in s.components:
            c.pt_caps, c.pt_hw_slot = [], None
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
            # Passthrough: the receive end of each device's endpoint, bound to its thread.
            for pt in c.passthrough:
                pt.rcv_slot = None
                if pt.thread is not None:
                    pt.rcv_slot = slot
                    slot += 1
            c.gates = []
            for d in c.depends:
                for f in s.interfaces[d.interface].functions:
                    c.gates.append((slot, d, f))
                    slot += 1
            if c is s.pt_manager:
                slot = self._manager_slots(c, slot)
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
        # the gate to the scheduler's thd_add; two per passthrough device with a
        # thread (its endpoint's ends).
        slots = b.boot_dev0 + len(b.devices) + (1 if s.scheduler else 0)
        need = slots + sum(self.booter_slots(c) for c in s.components)
        for c in s.components:
            slots += self.booter_slots(c)
            if slots > BOOT_CAPTBL_SLOTS:
                raise GraphError(s.src.where(c.line), f"the booter's capability table has {BOOT_CAPTBL_SLOTS} "
                                 f"slots, this system needs {need}; it is full at component '{c.name}'",
                                 "each component takes 4 or 5 of them, each thread 1, each interrupt and each "
                                 "passthrough device with a thread 2 more: merge components or threads")
        self._regions()

    @staticmethod
    def pt_endpoints(c):
        """Passthrough entries of c whose interrupt goes to one of its threads."""
        return [pt for pt in c.passthrough if pt.thread is not None]

    def booter_slots(self, c):
        """Slots of the booter's table boot_graph.c takes for c: its two tables, the
        component and its initialiser, its fault gate, its threads, and the two
        ends of each endpoint (interrupts, passthrough devices with a thread)."""
        return 4 + (1 if c.fault_handler else 0) + len(c.threads) + 2 * len(c.irqs) + \
            2 * len(self.pt_endpoints(c))

    def _manager_slots(self, m, slot):
        """The passthrough manager's authority, after its gates (docs/passthrough.md):
        a HW capability (attach and detach) when some device's interrupt is passed
        through, each device that can be passed through, each client's memory table,
        and each client endpoint's send end.  None at all when no component has
        passthrough entries."""
        s, b = self.sys, self.sys.board
        clients = [c for c in s.components if c.passthrough]
        if not clients:
            return slot
        if any(self.pt_endpoints(c) for c in clients):  # interrupts to attach and detach
            m.pt_hw_slot = slot
            m.pt_caps.append(("hw", slot, None, None))
            slot += 1
        devs = sorted({pt.device for c in clients for pt in c.passthrough}, key=lambda d: b.devices[d].index)
        m.pt_dev_slot = {}
        for d in devs:
            m.pt_dev_slot[d] = slot
            m.pt_caps.append(("device", slot, None, d))
            slot += 1
        m.pt_memtbl_slot = {}
        for c in clients:
            m.pt_memtbl_slot[c.name] = slot
            m.pt_caps.append(("memtbl", slot, c, None))
            slot += 1
        for c in clients:
            for k, pt in enumerate(c.passthrough):
                pt.snd_slot = None
                if pt.thread is not None:
                    pt.snd_slot = slot
                    m.pt_caps.append(("snd", slot, c, k))
                    slot += 1
        return slot

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
        # reused), one per thread and one endpoint per interrupt and per passthrough
        # device with a thread; and spare blocks.
        blocks = 8
        for c in s.components:
            blocks += c.captbl_blocks + 3 + len(c.threads) + len(c.irqs) + len(self.pt_endpoints(c))
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
            # One region reserved for each device it may be given at run time: the
            # manager maps it there on request and unmaps it on release or revocation.
            for k, pt in enumerate(c.passthrough):
                pt.region = len(c.regions) + k
            n = len(c.regions) + len(c.passthrough)
            if n > b.mpu_regions:
                raise GraphError(s.src.where(c.line), f"component '{c.name}' needs {n} MPU regions "
                                 f"(code, RAM, shared buffers, devices{', passthrough devices' if c.passthrough else ''}"
                                 f"), the MPU has {b.mpu_regions}",
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
