/*
 * kabi.h - the kernel's system-call ABI, shared by the kernel and user code.
 *
 * Contract: every number here is part of the ABI described in docs/abi.md.
 * A capability invocation is `svc #OP` with the invoked capability's index in
 * r12 and arguments in r0-r3; the kernel answers in r0 (value or negative
 * error) and, where stated, r1.  `svc #0` is never an invocation: it is what
 * musl's Linux system calls would issue and it always fails with COS_ENOSYS.
 * Nothing in this file depends on the board or the architecture.
 */
#ifndef COS_KABI_H
#define COS_KABI_H

/* Errors: each way an operation can fail has its own number. */
#define COS_OK        0
#define COS_ECAP     -1  /* capability index out of range or slot empty */
#define COS_ETYPE    -2  /* capability (or object, or memory block) has the wrong type */
#define COS_ERIGHTS  -3  /* capability lacks a right the operation needs */
#define COS_ENOMEM   -4  /* kernel memory named is not kernel-typed (untyped or user) */
#define COS_EBUSY    -5  /* object or memory block is still referenced */
#define COS_EINVAL   -6  /* argument out of its documented range */
#define COS_EEXIST   -7  /* destination slot is already occupied */
#define COS_EDEPTH   -8  /* invocation stack of the thread is full */
#define COS_ESTATE   -9  /* thread or object is in a state that forbids the operation */
#define COS_ENOSYS  -10  /* unknown operation (including svc #0) */
#define COS_EFAULT  -11  /* the server faulted during the invocation */
#define COS_EAGAIN  -12  /* nothing pending (non-blocking receive, scheduler events) */
#define COS_ENOSTACK -13 /* server has no stack for the invoking thread */
#define COS_EPERM   -14  /* caller is not the thread the operation is reserved for */
#define COS_EALIGN  -15  /* alignment rule broken: MPU region size or base or subregions, or a stack */
#define COS_ERANGE  -16  /* address range not covered by the memory capability */
#define COS_EPERMS  -17  /* requested memory permissions not allowed (W with X, or beyond the capability) */

/* Capability types (the `type` of a slot). */
#define COS_CAP_FREE    0
#define COS_CAP_CAPTBL  1
#define COS_CAP_MEMTBL  2
#define COS_CAP_COMP    3
#define COS_CAP_THD     4
#define COS_CAP_SINV    5
#define COS_CAP_ASND    6
#define COS_CAP_ARCV    7
#define COS_CAP_MEM     8
#define COS_CAP_HW      9
#define COS_CAP_NTYPES 10

/* Rights.  Their meaning depends on the capability type; copies can only drop them. */
#define COS_R_READ     0x01 /* MEM: map readable.  CAPTBL: introspect, copy from */
#define COS_R_WRITE    0x02 /* MEM: map writable.  CAPTBL/MEMTBL/COMP: modify */
#define COS_R_EXEC     0x04 /* MEM: map executable */
#define COS_R_RETYPE   0x08 /* MEM (pool): retype blocks, create kernel objects in them */
#define COS_R_DISPATCH 0x10 /* THD: dispatch to the thread */
#define COS_R_SCHED    0x20 /* THD: set priority, make it the scheduler.  HW: halt */
/* THD: COS_R_WRITE starts it and binds endpoints to it.  HW: COS_R_WRITE attaches
 * lines, COS_R_READ writes the console. */
#define COS_R_GATE     0x40 /* COMP: create call-gates into it, use it in threads */
#define COS_R_ALL      0x7f

/* Kinds of memory capability (MEM caps), fixed when the kernel creates them. */
#define COS_MEM_POOL    1 /* the typed-memory pool: retype, kernel objects, user RAM */
#define COS_MEM_FLASH   2 /* code and constants outside the kernel: read/execute */
#define COS_MEM_DEVICE  3 /* one device's MMIO: read/write, never execute */

/* Typed memory block states. */
#define COS_KMEM_UNTYPED 0
#define COS_KMEM_KERNEL  1
#define COS_KMEM_USER    2

/* Operations: the immediate of `svc`.  r12 is the invoked capability. */
#define COS_OP_NONE          0  /* reserved: musl's svc 0, always COS_ENOSYS */
#define COS_OP_SINV          1  /* r12 sinv: args r0-r3 -> results r0, r1 */
#define COS_OP_SRET          2  /* no cap: results r0, r1 to the invoker */
#define COS_OP_ASND          3  /* r12 asnd */
#define COS_OP_ARCV          4  /* r12 arcv: -> r0 number of sends consumed */
#define COS_OP_DISPATCH      5  /* r12 thd, r0 timeout ticks (0: none) */
#define COS_OP_SCHED_EVENT   6  /* no cap: -> r0 the thread's id (given at creation), r1 event flags */
#define COS_OP_RETYPE        7  /* r12 mem(pool), r0 first block, r1 count, r2 new type */
#define COS_OP_KMEM_INFO     8  /* r12 mem(pool), r0 block -> r0 type, r1 refcount */
#define COS_OP_CAP_INFO      9  /* r12 captbl, r0 slot -> r0 type, r1 rights */
#define COS_OP_CAP_COPY     10  /* r12 captbl(src), r0 src slot, r1 dst captbl cap, r2 dst slot, r3 rights */
#define COS_OP_CAP_REMOVE   11  /* r12 captbl, r0 slot */
#define COS_OP_DEACTIVATE   12  /* r12 captbl, r0 slot: destroy the object, free its memory */
#define COS_OP_ACT_CAPTBL   13  /* r12 captbl, r0 KMEM(pool cap, block), r1 slot, r2 blocks */
#define COS_OP_ACT_MEMTBL   14  /* r12 captbl, r0 KMEM, r1 slot */
#define COS_OP_ACT_COMP     15  /* r12 captbl, r0 KMEM, r1 slot, r2 captbl cap | memtbl cap<<16, r3 id */
#define COS_OP_ACT_THD      16  /* r12 captbl, r0 KMEM, r1 slot, r2 comp cap | tid<<16, r3 id */
#define COS_OP_ACT_SINV     17  /* r12 captbl, r0 slot, r1 comp cap, r2 entry, r3 token */
#define COS_OP_ACT_ARCV     18  /* r12 captbl, r0 KMEM, r1 slot, r2 thd cap (WRITE) */
#define COS_OP_ACT_ASND     19  /* r12 captbl, r0 slot, r1 arcv cap */
#define COS_OP_MEMTBL_MAP   20  /* r12 memtbl, r0 mem cap | region<<16, r1 base, r2 REGION_ATTR, r3 unused */
#define COS_OP_MEMTBL_UNMAP 21  /* r12 memtbl, r0 region */
#define COS_OP_COMP_STACKS  22  /* r12 comp, r0 base, r1 log2 stack size, r2 count */
#define COS_OP_COMP_BIND    23  /* r12 comp, r0 tid, r1 stack index (COS_NO_STACK: none) */
#define COS_OP_COMP_FAULT   24  /* r12 comp, r0 sinv cap (its gate handles the comp's faults) */
#define COS_OP_THD_START    25  /* r12 thd (WRITE), r0 pc, r1 sp, r2 arg: first context */
#define COS_OP_THD_PRIO     26  /* r12 thd (SCHED), r0 priority (0 is the most urgent) */
#define COS_OP_THD_SCHED    27  /* r12 thd (SCHED): make it the scheduler thread */
#define COS_OP_HW_ATTACH    28  /* r12 hw (WRITE), r0 irq, r1 asnd cap */
#define COS_OP_HW_DETACH    29  /* r12 hw (WRITE), r0 irq */
#define COS_OP_HW_HALT      30  /* r12 hw (SCHED): end the system with exit code r0 */
#define COS_OP_CONSOLE      31  /* r12 hw (READ): r0-r3 up to 16 characters, NUL-terminated if fewer */
#define COS_OP_YIELD        32  /* no cap: switch to the scheduler thread */
#define COS_OP_MAX          32

/* Kernel-memory argument: a pool capability index and a block number. */
#define COS_KMEM(pool_cap, block) (((unsigned)(block) << 16) | ((unsigned)(pool_cap) & 0xffffu))

/*
 * Region attribute word for COS_OP_MEMTBL_MAP:
 *   bits 0-4  log2 of the region size (5..31)
 *   bits 8-15 subregion disable mask (only for regions of 256 bytes or more)
 *   bits 16-18 COS_R_READ / COS_R_WRITE / COS_R_EXEC
 */
#define COS_REGION_ATTR(log2size, srd, perms) \
	(((unsigned)(log2size) & 0x1fu) | (((unsigned)(srd) & 0xffu) << 8) | (((unsigned)(perms) & 7u) << 16))
#define COS_MEMTBL_REGIONS 8

/* Scheduler event flags (COS_OP_SCHED_EVENT r1). */
#define COS_EV_BLOCKED   0x01 /* the thread blocked in arcv */
#define COS_EV_WOKEN     0x02 /* a send or interrupt made the thread runnable */
#define COS_EV_TIMEOUT   0x04 /* the dispatch timeout expired while the thread ran */
#define COS_EV_FAULTED   0x08 /* the thread faulted and is suspended */

/* Fault causes passed to a fault gate in r0. */
#define COS_FAULT_MEM    1 /* MemManage: MPU violation */
#define COS_FAULT_BUS    2 /* BusFault */
#define COS_FAULT_USAGE  3 /* UsageFault: undefined instruction, divide by zero, FPU use */
#define COS_FAULT_HARD   4 /* HardFault taken from a component */
/* Fault handler return values (r0 of its sret). */
#define COS_FAULT_RESUME 0 /* retry the faulting context as it is */
/* Anything else: the default action (unwind the invocation, or suspend the thread). */

/* Thread ids for server stacks: 0 .. COS_MAX_TID-1, unique in the system. */
#define COS_MAX_TID 32
#define COS_NO_STACK 0xff
/* Invocations a thread can have outstanding at once (call-gates and fault gates). */
#define COS_INV_DEPTH 6
/* Server stacks: 2^7 bytes at least (a fault delivery needs 104), 2^16 at most. */
#define COS_STACK_MIN_LOG2 7
#define COS_STACK_MAX_LOG2 16

/* Capability slots of the booter's table, filled by the kernel at boot. */
#define COS_BOOT_CAPTBL  0
#define COS_BOOT_MEMTBL  1
#define COS_BOOT_COMP    2
#define COS_BOOT_THD     3
#define COS_BOOT_POOL    4 /* MEM pool, all rights */
#define COS_BOOT_FLASH   5 /* MEM flash (user part), R|X */
#define COS_BOOT_HW      6 /* every interrupt line, halt */
#define COS_BOOT_DEV0    8 /* MEM device caps, one per board device, in board order */

/* At the booter's entry r0 is the first block of the kernel objects the kernel
 * made for it (the top of the pool); the blocks below are the booter's to retype. */

#endif
