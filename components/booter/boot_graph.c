/*
 * boot_graph.c - the booter of a system built from a component graph: it
 * executes the boot description the graph compiler emitted (bootdesc.h),
 * through kernel operations only, then runs the system.
 *
 * Order: components (tables, memory, server stacks), call-gates, fault
 * gates, one initialiser thread per component (servers first), then the
 * threads, their server stacks in the components they can enter, and their
 * interrupt lines; the endpoints of passthrough devices and the passthrough
 * manager's authority (docs/passthrough.md).  Then the scheduler component,
 * when the graph names one,
 * gets every thread (thd_add) and the scheduler role (docs/sched.md); with
 * none, the booter itself schedules: round-robin over the threads, waiting
 * for an interrupt when none can run.
 */
#include "booter.h"
#include "bootdesc.h"
#include <cos/sched.h>

#define SELF COS_BOOT_CAPTBL
#define TIMESLICE 0xffffffu /* the longest dispatch timeout */

static struct boot_comp comps[32];
static uint32_t thd_caps[COS_MAX_TID];
static const struct bd_thread *thd_desc[COS_MAX_TID];
static uint32_t thd_comp[COS_MAX_TID];
static uint32_t nthd;
static uint8_t comp_thd0[32];  /* index in thd_caps of each component's first thread */
/* Send ends of passthrough endpoints (booter slots, below 64), by component
 * (pt_first) and entry: at most one per slot of the booter's table. */
#define PT_MAX 64
static uint8_t pt_snd[PT_MAX];
static uint8_t pt_first[32], npt;

static void must(int err, const char *what, const char *comp)
{
	if (err) {
		cos_printf("booter: %s of component %s failed: %d\n", what, comp, err);
		cos_halt(COS_BOOT_HW, 100);
	}
}

static void build_component(uint32_t i)
{
	const struct bd_component *d = &bd_system.components[i];
	struct boot_comp *c = &comps[i];
	uint32_t r, mem;

	c->id = d->id;
	c->captbl = boot_slot();
	c->memtbl = boot_slot();
	c->comp = boot_slot();
	c->h = 0;
	must(cos_op_act_captbl(SELF, boot_kmem(d->captbl_blocks), c->captbl, d->captbl_blocks, 0),
	     "capability table", d->name);
	must(cos_op_act_memtbl(SELF, boot_kmem(1), c->memtbl, 0, 0), "memory table", d->name);
	for (r = 0; r < d->nregions; r++) {
		const struct bd_region *g = &d->regions[r];
		uint32_t log2 = g->attr & 0x1fu, srd = (g->attr >> 8) & 0xffu, bytes = 1u << log2, e, b, count;

		switch (g->kind) {
		case BD_CODE:
			c->h = (const struct cos_image_header *)g->base;
			mem = COS_BOOT_FLASH;
			break;
		case BD_DEVICE:
			mem = COS_BOOT_DEV0 + g->device;
			break;
		default: /* RAM and shared buffers: the enabled part becomes user memory */
			mem = COS_BOOT_POOL;
			for (e = 0; e < 8 && !(srd & (1u << e)); e++)
				;
			for (b = boot_block(g->base); b <= boot_block(g->base + e * (bytes / 8) - 1); b++)
				if (cos_kmem_info(COS_BOOT_POOL, b, &count) == COS_KMEM_UNTYPED)
					must(cos_retype(COS_BOOT_POOL, b, 1, COS_KMEM_USER), "retype RAM", d->name);
			break;
		}
		must(cos_memtbl_map(c->memtbl, mem, r, g->base, g->attr), "map a region", d->name);
	}
	if (!c->h || c->h->magic != COS_IMAGE_MAGIC)
		must(COS_EINVAL, "image header", d->name);
	must(cos_op_act_comp(SELF, boot_kmem(1), c->comp, c->captbl | (c->memtbl << 16), d->id), "component",
	     d->name);
	must(cos_op_comp_stacks(c->comp, d->srv_stacks, d->srv_stack_log2, d->srv_stack_count, 0), "server stacks",
	     d->name);
	must(boot_give(c, 1, COS_BOOT_HW, COS_R_READ), "console", d->name);
	if (d->may_halt)
		must(boot_give(c, 2, COS_BOOT_HW, COS_R_SCHED), "halt capability", d->name);
	cos_printf("booter: component %s (id %u): %u threads\n", d->name, d->id, d->nthreads);
	for (r = 0; r < d->nregions; r++) {
		static const char *const kinds[] = { "?", "code", "RAM", "shared", "device" };
		const struct bd_region *g = &d->regions[r];
		uint32_t perms = (g->attr >> 16) & 7u;

		cos_printf("booter:   region %u: %s %x, %u bytes, subregions off %x, %c%c%c\n", r, kinds[g->kind],
			   g->base, 1u << (g->attr & 0x1fu), (g->attr >> 8) & 0xffu, perms & COS_R_READ ? 'r' : '-',
			   perms & COS_R_WRITE ? 'w' : '-', perms & COS_R_EXEC ? 'x' : '-');
	}
	for (r = 0; r < d->npassthrough; r++)
		cos_printf("booter:   region %u: reserved for passthrough of %s\n", d->passthrough[r].region,
			   d->passthrough[r].name);
}

static void wire(uint32_t i)
{
	const struct bd_component *d = &bd_system.components[i];
	struct boot_comp *c = &comps[i];
	uint32_t g, gate;

	for (g = 0; g < d->ngates; g++) {
		const struct bd_gate *e = &d->gates[g];

		must(cos_op_act_sinv(c->captbl, e->slot, comps[e->server].comp, boot_export(&comps[e->server], e->export),
				     d->id), "call-gate", d->name);
		cos_printf("booter: gate %s -> %s, export %u, in slot %u\n", d->name,
			   bd_system.components[e->server].name, e->export, e->slot);
	}
	if (d->fault_handler != BD_NONE) {
		gate = boot_slot();
		must(cos_op_act_sinv(SELF, gate, comps[d->fault_handler].comp,
				     boot_export(&comps[d->fault_handler], d->fault_export), d->id), "fault gate", d->name);
		must(cos_op_comp_fault(c->comp, gate, 0, 0, 0), "fault gate", d->name);
		cos_printf("booter: fault gate %s -> %s\n", d->name, bd_system.components[d->fault_handler].name);
	}
	for (g = 0; g < d->nbinds; g++)
		must(cos_op_comp_bind(c->comp, d->binds[g].tid, d->binds[g].stack, 0, 0), "server stack", d->name);
}

/* Run the component's initialiser to its end: data, bss, cos_init(). */
static void initialise(uint32_t i)
{
	const struct bd_component *d = &bd_system.components[i];
	uint32_t t = boot_slot(), sp = d->srv_stacks + (1u << d->srv_stack_log2);

	/* It borrows server stack 0, which nothing else uses before the system runs. */
	must(cos_op_act_thd(SELF, boot_kmem(1), t, comps[i].comp | (bd_system.init_tid << 16), bd_system.init_tid),
	     "initialiser", d->name);
	must(cos_op_thd_start(t, comps[i].h->entry, sp, COS_ARG_INIT, 0), "initialiser", d->name);
	cos_dispatch(t, TIMESLICE);
	must(cos_deactivate(SELF, t), "end of the initialiser", d->name);
}

static void threads(uint32_t i)
{
	const struct bd_component *d = &bd_system.components[i];
	struct boot_comp *c = &comps[i];
	uint32_t k, t, rcv, snd;

	comp_thd0[i] = (uint8_t)nthd;
	for (k = 0; k < d->nthreads; k++) {
		const struct bd_thread *e = &d->threads[k];

		t = boot_slot();
		must(cos_op_act_thd(SELF, boot_kmem(1), t, c->comp | (e->tid << 16), e->tid), "thread", d->name);
		must(cos_op_thd_start(t, c->h->entry, e->stack_top, e->index, 0), "thread start", d->name);
		must(cos_thd_prio(t, e->priority), "thread priority", d->name);
		if (e->irq != BD_NONE) {
			rcv = boot_slot();
			snd = boot_slot();
			must(cos_op_act_arcv(SELF, boot_kmem(1), rcv, t, 0), "endpoint", d->name);
			must(boot_give(c, e->rcv_slot, rcv, COS_R_ALL), "receive end", d->name);
			must(cos_op_act_asnd(SELF, snd, rcv, 0, 0), "send end", d->name);
			must(cos_hw_attach(COS_BOOT_HW, e->irq, snd), "interrupt line", d->name);
		}
		thd_caps[nthd] = t;
		thd_desc[nthd] = e;
		thd_comp[nthd++] = i;
	}
}

/*
 * The devices component i may be given at run time: the boot log names it as
 * trusted for each; for a device whose interrupt goes to one of its threads,
 * an endpoint bound to that thread, its receive end in the component's table
 * and its send end kept for the passthrough manager (caps()), unattached.
 */
static void passthrough(uint32_t i)
{
	const struct bd_component *d = &bd_system.components[i];
	uint32_t k, rcv;

	pt_first[i] = npt;
	for (k = 0; k < d->npassthrough; k++) {
		const struct bd_passthrough *p = &d->passthrough[k];

		if (npt >= PT_MAX)
			must(COS_ENOMEM, "passthrough endpoints", d->name);
		pt_snd[npt] = 0;
		if (p->thread != BD_NONE) {
			rcv = boot_slot();
			pt_snd[npt] = (uint8_t)boot_slot();
			must(cos_op_act_arcv(SELF, boot_kmem(1), rcv, thd_caps[comp_thd0[i] + p->thread], 0),
			     "passthrough endpoint", d->name);
			must(boot_give(&comps[i], p->rcv_slot, rcv, COS_R_ALL), "passthrough receive end", d->name);
			must(cos_op_act_asnd(SELF, pt_snd[npt], rcv, 0, 0), "passthrough send end", d->name);
		}
		npt++;
		cos_printf("booter: passthrough: component %s may drive %s (trusted for it)\n", d->name, p->name);
	}
}

/* Capabilities copied into component i's table: the passthrough manager's authority. */
static void caps(uint32_t i)
{
	const struct bd_component *d = &bd_system.components[i];
	uint32_t k, from = 0;

	for (k = 0; k < d->ncaps; k++) {
		const struct bd_cap *e = &d->caps[k];

		switch (e->kind) {
		case BD_CAP_HW:
			from = COS_BOOT_HW;
			break;
		case BD_CAP_DEVICE:
			from = COS_BOOT_DEV0 + e->index;
			break;
		case BD_CAP_MEMTBL:
			from = comps[e->comp].memtbl;
			break;
		case BD_CAP_PT_SND:
			from = pt_snd[pt_first[e->comp] + e->index];
			break;
		default:
			must(COS_EINVAL, "capability kind", d->name);
		}
		must(boot_give(&comps[i], e->slot, from, e->rights), "capability copy", d->name);
		cos_printf("booter: passthrough: manager %s holds %s\n", d->name, e->what);
	}
}

/* No scheduler component: round-robin, and wait for interrupts when idle. */
static void schedule(void)
{
	uint32_t i, ran, flags;

	for (;;) {
		ran = 0;
		for (i = 0; i < nthd; i++)
			if (cos_dispatch(thd_caps[i], TIMESLICE) == COS_OK)
				ran++;
		while (cos_sched_event(&flags) >= 0)
			;
		if (!ran)
			__asm volatile("wfi");
	}
}

/* The server stack thread tid has in component d, or SCHED_NO_STACK. */
static uint32_t stack_of(const struct bd_component *d, uint32_t tid)
{
	uint32_t b;

	for (b = 0; b < d->nbinds; b++)
		if (d->binds[b].tid == tid)
			return d->binds[b].stack;
	return SCHED_NO_STACK;
}

/* Give every other thread to the scheduler component and hand it the role. */
static void scheduler(uint32_t s)
{
	const struct bd_component *d = &bd_system.components[s];
	struct boot_comp *c = &comps[s];
	uint32_t k, sched = 0, idle = 0, gate = boot_slot(), slot = SCHED_SLOT_FIRST;

	for (k = 0; k < nthd; k++) {
		if (thd_comp[k] != s)
			continue;
		if (thd_desc[k]->index == SCHED_ARG_SCHED)
			sched = thd_caps[k];
		else
			idle = thd_caps[k];
	}
	must(cos_thd_prio(sched, SCHED_KPRIO_SCHED), "scheduler thread priority", d->name);
	must(cos_thd_prio(idle, SCHED_KPRIO_IDLE), "idle thread priority", d->name);
	must(boot_give(c, SCHED_SLOT_IDLE, idle, COS_R_DISPATCH | COS_R_SCHED), "idle thread", d->name);
	must(cos_op_act_sinv(SELF, gate, c->comp, boot_export(c, SCHED_EXPORT_THD_ADD), 0), "thd_add gate", d->name);
	cos_dispatch(sched, TIMESLICE); /* it initialises, then waits for the role */
	for (k = 0; k < nthd; k++) {
		if (thd_comp[k] == s)
			continue;
		must(boot_give(c, slot, thd_caps[k], COS_R_DISPATCH | COS_R_SCHED), "thread capability", d->name);
		must(cos_sinv(gate, thd_desc[k]->tid, thd_desc[k]->priority, slot++, stack_of(d, thd_desc[k]->tid)),
		     "thd_add", d->name);
	}
	cos_printf("booter: %s schedules %u threads from now on\n", d->name, slot - SCHED_SLOT_FIRST);
	must(cos_op_thd_sched(sched, 0, 0, 0, 0), "scheduler role", d->name);
	cos_dispatch(sched, 0);
	for (;;) /* not given to the scheduler: never dispatched again */
		cos_yield();
}

int cos_main(uint32_t first_kernel_block)
{
	uint32_t i;

	boot_init_kmem(first_kernel_block, bd_system.kmem_base, bd_system.kmem_size);
	cos_printf("booter: system %s, %u components\n", bd_system.name, bd_system.ncomponents);
	for (i = 0; i < bd_system.ncomponents; i++)
		build_component(i);
	for (i = 0; i < bd_system.ncomponents; i++)
		wire(i);
	for (i = 0; i < bd_system.ncomponents; i++)
		initialise(bd_system.init_order[i]);
	for (i = 0; i < bd_system.ncomponents; i++)
		threads(i);
	for (i = 0; i < bd_system.ncomponents; i++)
		passthrough(i);
	for (i = 0; i < bd_system.ncomponents; i++)
		caps(i);
	cos_printf("booter: %u threads running\n", nthd);
	if (bd_system.scheduler != BD_NONE)
		scheduler(bd_system.scheduler);
	schedule();
	return 0;
}
