/*
 * bootdesc.h - the boot description: what the graph compiler emits
 * (tools/compgraph, as bootdesc.c in the build tree) and the booter executes
 * through kernel operations (boot_graph.c).
 *
 * Contract: every address is final (laid out for the board's MPU); every
 * index refers into the arrays of the same description; capability slots are
 * those the component's generated cos_gen.h names.  The kernel never sees
 * this: it only receives the operations the booter makes from it.
 */
#ifndef BOOTDESC_H
#define BOOTDESC_H

#include <stdint.h>

#define BD_NONE 0xffffffffu
#define BD_MAX_REGIONS 8

enum bd_region_kind {
	BD_CODE = 1,   /* the component's flash, read/execute (flash capability) */
	BD_RAM,        /* its RAM: data, bss, thread and server stacks (pool, user-typed) */
	BD_SHARED,     /* a buffer shared with a server or client (pool, user-typed) */
	BD_DEVICE,     /* a device's MMIO (the board device's capability) */
};

struct bd_region {
	uint32_t kind;   /* enum bd_region_kind */
	uint32_t base;
	uint32_t attr;   /* COS_REGION_ATTR(log2 size, disabled subregions, permissions) */
	uint32_t device; /* BD_DEVICE: board device index */
};

struct bd_thread {
	uint32_t tid;       /* system-wide thread id, also its scheduler id */
	uint32_t priority;  /* 0 is the most urgent */
	uint32_t stack_top; /* initial stack pointer */
	uint32_t index;     /* cos_main's argument: the thread's index in its component */
	uint32_t irq;       /* interrupt line it receives, or BD_NONE */
	uint32_t rcv_slot;  /* with irq: its receive end in the component's table */
};

struct bd_gate {          /* a call-gate in the component's table */
	uint32_t slot;
	uint32_t server;  /* component index */
	uint32_t export;  /* index in the server's export table */
};

struct bd_bind {          /* thread tid uses server stack `stack` in this component */
	uint32_t tid;
	uint32_t stack;
};

struct bd_passthrough {     /* a device the component may be given at run time (docs/passthrough.md) */
	const char *name;   /* the device's name, for the boot log */
	uint32_t device;    /* board device index */
	uint32_t region;    /* the region of its memory table reserved for it: the manager maps it there */
	uint32_t thread;    /* index of the thread whose endpoint receives its interrupt, or BD_NONE */
	uint32_t rcv_slot;  /* with thread: the endpoint's receive end in the component's table */
};

enum bd_cap_kind {         /* capabilities the booter copies into a component's table */
	BD_CAP_HW = 1,     /* its HW capability (every line: it cannot be narrowed) */
	BD_CAP_DEVICE,     /* the memory capability of board device `index` */
	BD_CAP_MEMTBL,     /* the memory table of component `comp` */
	BD_CAP_PT_SND,     /* the send end of the endpoint of passthrough entry `index` of component `comp` */
};

struct bd_cap {
	uint32_t kind;      /* enum bd_cap_kind */
	uint32_t slot;      /* in the receiving component's table */
	uint32_t comp;      /* BD_CAP_MEMTBL, BD_CAP_PT_SND: component index; else BD_NONE */
	uint32_t index;     /* BD_CAP_DEVICE: device index; BD_CAP_PT_SND: passthrough entry; else BD_NONE */
	uint32_t rights;    /* rights of the copy */
	const char *what;   /* what it gives authority over, and the trust that implies: for the boot log */
};

struct bd_component {
	const char *name;
	uint32_t id;                 /* reported in faults; also the token of its gates */
	uint32_t captbl_blocks;      /* capability table size in pool blocks */
	uint32_t nregions;
	struct bd_region regions[BD_MAX_REGIONS];
	uint32_t srv_stacks, srv_stack_log2, srv_stack_count;
	uint32_t nthreads;
	const struct bd_thread *threads;
	uint32_t ngates;
	const struct bd_gate *gates;
	uint32_t nbinds;
	const struct bd_bind *binds;
	uint32_t fault_handler;      /* component index, or BD_NONE */
	uint32_t fault_export;       /* its export index for the fault interface */
	uint32_t init_order;         /* position of its initialiser run (servers first) */
	uint32_t may_halt;           /* gets a capability to end the system (slot 2) */
	uint32_t npassthrough;       /* devices it may be given at run time */
	const struct bd_passthrough *passthrough;
	uint32_t ncaps;              /* capabilities copied into its table: the passthrough manager's */
	const struct bd_cap *caps;
};

struct bd_system {
	const char *name;
	uint32_t ncomponents;
	const struct bd_component *components;
	const uint32_t *init_order;  /* component indices, servers before their clients */
	uint32_t scheduler;          /* component index, or BD_NONE: the booter schedules */
	uint32_t kmem_base, kmem_size; /* pool range the booter makes kernel objects in */
	uint32_t init_tid;           /* thread id the booter's initialiser threads use */
};

extern const struct bd_system bd_system;

#endif
