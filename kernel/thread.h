/*
 * thread.h - threads, their invocation stacks, and the scheduler events.
 *
 * Contract: a thread has a saved context (r4-r11 and the process stack
 * pointer; the rest is on that stack), the component it currently runs in,
 * and an invocation stack of at most COS_INV_DEPTH frames recording, for each
 * call-gate or fault gate it went through, the component and stack pointer to
 * return to.  Only the kernel writes the invocation stack, so only the kernel
 * decides where a return goes.  The priority word is written only through a
 * capability with COS_R_SCHED; the kernel reads it for one decision alone:
 * whether a thread made runnable by a send or an interrupt preempts the
 * running one.  Events for the scheduler thread are kept as flags on the
 * thread and a queue link, so none is ever lost and none needs memory.
 */
#ifndef THREAD_H
#define THREAD_H

#include <stdint.h>
#include "kobj.h"
#include "comp.h"

enum thd_state {
	THD_NEW = 0,      /* created, no context yet */
	THD_RUNNABLE,     /* running or ready to run */
	THD_BLOCKED,      /* waiting in arcv */
	THD_SUSPENDED,    /* faulted with no one to handle it */
};

/* Low bit of invframe.sp: this frame is a fault delivery, not a call. */
#define INV_FAULT_FRAME 1u

struct invframe {
	struct comp *comp; /* component to return to */
	uint32_t sp;       /* its stack pointer (frame with the caller's r0-r3) */
};

struct endpoint;

struct thread {
	struct kobj hdr;
	uint8_t state;
	uint8_t tid;
	uint8_t depth;          /* frames in inv[] */
	uint8_t evflags;        /* COS_EV_* not yet read by the scheduler */
	uint32_t prio;
	uint32_t id;            /* chosen by the creator; reported to the scheduler */
	uint32_t regs[8];       /* r4-r11 while not running */
	uint32_t psp;           /* while not running */
	struct comp *comp;      /* protection domain it runs in now */
	struct comp *home;      /* where depth 0 runs */
	struct endpoint *blocked_on;
	struct thread *ev_next;
	struct invframe inv[COS_INV_DEPTH];
};

/* Push a return frame; COS_EDEPTH when the stack is full. */
static inline int invstk_push(struct thread *t, struct comp *c, uint32_t sp)
{
	if (t->depth >= COS_INV_DEPTH)
		return COS_EDEPTH;
	t->inv[t->depth].comp = c;
	t->inv[t->depth].sp = sp;
	t->depth++;
	return COS_OK;
}

/* Pop the top frame; COS_ESTATE when the thread is in no invocation. */
static inline int invstk_pop(struct thread *t, struct invframe *out)
{
	if (t->depth == 0)
		return COS_ESTATE;
	t->depth--;
	*out = t->inv[t->depth];
	return COS_OK;
}

#endif
