/*
 * sched_boot.h - the booter's side of the scheduler component: build it,
 * give it threads, wire its clients, hand it the scheduler role.
 *
 * Contract: for booters written by hand (components/booter/booter.h); graph
 * systems get the same from components/booter/boot_graph.c.  Call, in order:
 *   sched_boot_create()   the component, its two threads, the booter's gate
 *                         to thd_add; runs the scheduler thread once so that
 *                         it initialises its data (it then waits for the role);
 *   sched_boot_client()   for each component that calls the scheduler;
 *   sched_boot_add()      for each thread to schedule (the booter's own too,
 *                         COS_BOOT_THD with tid 0, if it is to run again);
 *   sched_boot_start()    hands over the scheduler role and dispatches the
 *                         scheduler thread; returns when the scheduler
 *                         dispatches the booter's thread (never if it was
 *                         not added).
 * Thread ids are also the ids given to COS_OP_ACT_THD (the scheduler reads
 * kernel events by id).  Each returns 0 or the first error, after printing it.
 */
#ifndef SCHED_BOOT_H
#define SCHED_BOOT_H

#include "booter.h"
#include "../../interfaces/sched/sched.h"

/* The scheduler thread's share of the component's first stack (its top);
 * the idle thread's stack lies below it, so that all server stacks are left
 * for the threads that call the scheduler.  The scheduler thread needs
 * about 250 bytes (printing included); the idle thread about 100. */
#define SCHED_BOOT_SCHED_STACK 512u

struct sched_boot {
	struct boot_comp c;  /* the scheduler component */
	uint32_t thd, idle;  /* its threads (slots in the booter's table) */
	uint32_t add_gate;   /* the booter's gate to SCHED_EXPORT_THD_ADD */
	uint32_t boot_stack; /* the scheduler's server stack of the booter's thread (tid 0) */
	uint32_t next_cap;   /* next free slot in the scheduler's table */
};

static inline int sched_boot_say(int err, const char *what)
{
	if (err < 0)
		cos_printf("booter: scheduler: %s failed: %d\n", what, err);
	return err;
}

/* The scheduler in component slot `slot` with component id `id`; its
 * scheduler thread gets thread id tid, its idle thread idle_tid (both on the
 * component's first stack); the booter's thread gets its first server stack. */
static inline int sched_boot_create(struct sched_boot *s, uint32_t slot, uint32_t id, uint32_t tid,
				    uint32_t idle_tid)
{
	int err;

	s->next_cap = SCHED_SLOT_FIRST;
	s->add_gate = boot_slot();
	s->idle = boot_slot();
	if ((err = boot_comp_create(&s->c, slot, id)) ||
	    (err = boot_thd_create(&s->c, tid, tid, SCHED_KPRIO_SCHED, SCHED_ARG_SCHED, &s->thd)) ||
	    (err = sched_boot_say(cos_op_act_thd(COS_BOOT_CAPTBL, boot_kmem(1), s->idle,
						 s->c.comp | (idle_tid << 16), idle_tid), "idle thread")) ||
	    (err = sched_boot_say(cos_op_thd_start(s->idle, s->c.h->entry, s->c.h->stack_top - SCHED_BOOT_SCHED_STACK,
						   SCHED_ARG_IDLE, 0), "idle thread start")) ||
	    (err = sched_boot_say(cos_thd_prio(s->idle, SCHED_KPRIO_IDLE), "idle thread priority")) ||
	    (err = boot_give(&s->c, SCHED_SLOT_IDLE, s->idle, COS_R_DISPATCH | COS_R_SCHED)) ||
	    (err = boot_give(&s->c, SCHED_SLOT_CONSOLE, COS_BOOT_HW, COS_R_READ)) ||
	    (err = boot_gate(&boot_self, s->add_gate, &s->c, SCHED_EXPORT_THD_ADD, 0)))
		return err;
	s->boot_stack = s->c.next_stack;
	if ((err = boot_bind(&s->c, 0)))
		return err;
	/* Its first run initialises the component's data, then it yields back. */
	return sched_boot_say(cos_dispatch(s->thd, 0), "first run");
}

/* Gates to the client exports in c's slots gate_slot .. gate_slot + SCHED_NCLIENT_EXPORTS - 1. */
static inline int sched_boot_client(struct sched_boot *s, struct boot_comp *c, uint32_t gate_slot)
{
	uint32_t i;
	int err;

	for (i = 0; i < SCHED_NCLIENT_EXPORTS; i++)
		if ((err = boot_gate(c, gate_slot + i, &s->c, i, 0)))
			return err;
	return 0;
}

/* Give thread `thd` (a slot of the booter's table; thread id tid) to the
 * scheduler at priority prio; `calls`: it calls the scheduler (it gets a
 * server stack there). */
static inline int sched_boot_add(struct sched_boot *s, uint32_t thd, uint32_t tid, uint32_t prio, int calls)
{
	uint32_t slot = s->next_cap++, stack = SCHED_NO_STACK;
	int err;

	if (calls && tid == 0) {
		stack = s->boot_stack;
	} else if (calls) {
		stack = s->c.next_stack;
		if ((err = boot_bind(&s->c, tid)))
			return err;
	}
	if ((err = boot_give(&s->c, slot, thd, COS_R_DISPATCH | COS_R_SCHED)))
		return err;
	return sched_boot_say(cos_sinv(s->add_gate, tid, prio, slot, stack), "thd_add");
}

static inline int sched_boot_start(struct sched_boot *s)
{
	int err = sched_boot_say(cos_op_thd_sched(s->thd, 0, 0, 0, 0), "hand over the scheduler role");

	return err ? err : sched_boot_say(cos_dispatch(s->thd, 0), "dispatch");
}

#endif
