/*
 * sched.c - the scheduler component: fixed-priority preemptive scheduling,
 * round-robin within a priority, over the kernel's dispatch (with a time
 * slice as the dispatch timeout) and its scheduler events.  The rules are in
 * docs/sched.md; the interface is interfaces/sched/sched.h.
 *
 * Two threads of its own: the scheduler thread (start argument
 * SCHED_ARG_SCHED), which the booter makes the kernel's scheduler thread,
 * and the idle thread (SCHED_ARG_IDLE).  Every other thread enters through
 * the exports, by thread migration, on its own server stack here.
 *
 * Concurrency.  The state below is changed by the scheduler thread and by
 * migrated threads, always inside one critical section, `cs`: a word taken
 * with LDREX/STREX that names its owner.  The kernel never runs two threads
 * at once, but it can preempt any thread at any instruction (a timeout, an
 * interrupt thread), also inside the section.  A thread that finds the
 * section taken marks it waited-for and gives the CPU to the owner (a
 * migrated owner is dispatched, the scheduler thread is yielded to); the
 * owner, leaving, sees the mark and gives the CPU back to the scheduler
 * thread, which decides again.  Threads wait for their state (a block) in
 * loops around cos_yield() that re-read it, so a dispatch that comes early
 * or late only costs a round.  docs/sched.md states the rules.
 */
#include <cos/cos.h>
#include <cos/image.h>
#include "../../interfaces/sched/sched.h"

#define NT COS_MAX_TID

/* Bound of the scheduler thread's event reading in one decision. */
#define DRAIN_MAX (2 * COS_MAX_TID)

#define RUN_MASK (SCHED_ST_ADDED | SCHED_ST_KBLOCKED | SCHED_ST_SBLOCKED | SCHED_ST_EXITED | SCHED_ST_FAULTED)

/* The critical section: 0 when free, else its owner (thread id + 1, or
 * CS_SCHED for the scheduler thread), with CS_WAITED once a thread found it
 * taken. */
#define CS_OWNER  0xffu
#define CS_SCHED  (NT + 1)
#define CS_WAITED 0x100u
static volatile uint32_t cs;
static volatile uint32_t gen; /* changes at every section a migrated thread leaves */

/* Guarded by cs (set by thd_add before the scheduler starts); the volatile
 * ones are also read outside it. */
static volatile uint8_t st[NT];    /* SCHED_ST_* */
static uint8_t prio[NT];
static uint8_t cap[NT];            /* slot of t's thread capability here */
static uint32_t added;             /* bitmap of the threads given to the scheduler */
static uint32_t rq[SCHED_NPRIO];   /* runnable threads of each priority (bitmap of ids) */
static uint32_t levels;            /* priorities that have a runnable thread */
static uint8_t cur[SCHED_NPRIO];   /* round-robin position in each priority */
static volatile uint16_t ndispatch[NT], ntimeout[NT]; /* statistics, modulo 65536 */
static volatile uint32_t last = SCHED_TID_IDLE, nidle;
static volatile uint32_t started;  /* the scheduler thread has the scheduler role */

/* Server stacks, from this component's image header; the owner of each
 * (thread id + 1, 0 for none), set by thd_add: how a migrated thread is known. */
static uint32_t srv_base, srv_log2, srv_count;
static uint8_t stk_owner[NT];

/* ---- the critical section ---- */

static inline uint32_t ldrex(volatile uint32_t *p)
{
	uint32_t v;

	__asm volatile("ldrex %0, [%1]" : "=r"(v) : "r"(p) : "memory");
	return v;
}

/* 0 if the store happened.  One core: the "memory" clobbers are the only
 * ordering needed (no barrier instruction). */
static inline uint32_t strex(volatile uint32_t *p, uint32_t v)
{
	uint32_t failed;

	__asm volatile("strex %0, %2, [%1]" : "=&r"(failed) : "r"(p), "r"(v) : "memory");
	return failed;
}

/* Enter as `me` (thread id + 1, or CS_SCHED).  Each turn of the loop that
 * does not take the section waits in the kernel while the owner runs. */
static void cs_enter(uint32_t me)
{
	uint32_t v, owner, dead = 0;

	for (;;) {
		v = ldrex(&cs);
		owner = v & CS_OWNER;
		if (!v || owner == dead) {
			if (!strex(&cs, me))
				break;
			continue;
		}
		if (!(v & CS_WAITED) && strex(&cs, v | CS_WAITED))
			continue;
		if (owner == CS_SCHED)
			cos_yield(); /* the scheduler thread is preempted inside: let it finish */
		else if (cos_dispatch(cap[owner - 1], SCHED_SLICE) == COS_ESTATE) { /* let the owner finish; it yields once out */
			/* Suspended (it faulted inside): it never leaves; take over. */
			cos_printf("sched: thread %u stopped inside the scheduler's critical section\n", owner - 1);
			dead = owner;
		}
	}
}

/* Leave; nonzero if a thread waited for the section meanwhile: the caller
 * then gives the CPU to the scheduler thread (or, being it, decides again). */
static uint32_t cs_exit(void)
{
	uint32_t v;

	do
		v = ldrex(&cs);
	while (strex(&cs, 0));
	return v & CS_WAITED;
}

/* ---- the state, inside the section ---- */

static inline uint32_t lowest(uint32_t m)
{
	return (uint32_t)__builtin_ctz(m);
}

/* The first thread of bitmap m (not empty) after t, cyclically. */
static inline uint32_t next_after(uint32_t m, uint32_t t)
{
	uint32_t above = t >= 31 ? 0 : m & ~((2u << t) - 1);

	return lowest(above ? above : m);
}

/* Put t in its priority's run queue, or take it out, as its state says. */
static void update(uint32_t t)
{
	uint32_t p = prio[t], bit = 1u << t;

	if ((st[t] & RUN_MASK) == SCHED_ST_ADDED) {
		rq[p] |= bit;
		levels |= 1u << p;
	} else if (rq[p] & bit) {
		rq[p] &= ~bit;
		if (!rq[p])
			levels &= ~(1u << p);
	}
}

/* t's turn is over: the next runnable thread of its priority goes first. */
static void rotate(uint32_t t)
{
	uint32_t p = prio[t];

	if (rq[p])
		cur[p] = (uint8_t)next_after(rq[p], t);
}

/* The most urgent runnable thread (round-robin within its priority), or -1. */
static int pick(void)
{
	uint32_t p, m, c;

	if (!levels)
		return -1;
	p = lowest(levels);
	m = rq[p];
	c = cur[p];
	if (!(m & (1u << c))) {
		c = next_after(m, c);
		cur[p] = (uint8_t)c;
	}
	return (int)c;
}

/* ---- the exports: run on the calling thread ---- */

/* The thread id of the calling thread, from the server stack it runs on
 * (the kernel enters each thread id on its own stack), or -1.  Stack i is
 * (base + i << log2, base + (i + 1) << log2]: at the entry sp is its top. */
static inline int caller(void)
{
	uint32_t sp, i;

	__asm volatile("mov %0, sp" : "=r"(sp));
	i = (sp - 1 - srv_base) >> srv_log2;
	if (i >= srv_count)
		return -1;
	return (int)stk_owner[i] - 1;
}

/* Leave the section after a change; if a thread waited, let the scheduler
 * thread decide (it also runs whatever the change made runnable). */
static inline uint32_t leave(void)
{
	gen++;
	if (cs_exit()) {
		cos_yield();
		return 1;
	}
	return 0;
}

uint32_t sched_block(void)
{
	int t = caller();
	uint32_t s;

	if (t < 0)
		return (uint32_t)COS_EPERM;
	cs_enter((uint32_t)t + 1);
	s = st[t];
	if (s & SCHED_ST_TOKEN) { /* a wakeup came first */
		st[t] = (uint8_t)(s & ~SCHED_ST_TOKEN);
		leave();
		return 0;
	}
	st[t] = (uint8_t)(s | SCHED_ST_SBLOCKED);
	update((uint32_t)t);
	leave();
	while (st[t] & SCHED_ST_SBLOCKED) /* waits in the kernel: dispatched again once woken */
		cos_yield();
	return 0;
}

uint32_t sched_wakeup(uint32_t tid)
{
	int t = caller();
	uint32_t s, handoff = 0;

	if (t < 0)
		return (uint32_t)COS_EPERM;
	if (tid >= NT || !(added & (1u << tid)))
		return (uint32_t)COS_EINVAL;
	cs_enter((uint32_t)t + 1);
	s = st[tid];
	if (s & SCHED_ST_SBLOCKED) {
		s &= ~SCHED_ST_SBLOCKED;
		st[tid] = (uint8_t)s;
		update(tid);
		/* More urgent than the caller, which is running: the most urgent
		 * runnable thread, so it runs now, without a round through the
		 * scheduler thread. */
		if ((s & RUN_MASK) == SCHED_ST_ADDED && prio[tid] < prio[t]) {
			handoff = 1;
			cur[prio[tid]] = (uint8_t)tid;
			last = tid;
			ndispatch[tid]++;
		}
	} else {
		st[tid] = (uint8_t)(s | SCHED_ST_TOKEN);
	}
	if (!leave() && handoff)
		cos_dispatch(cap[tid], SCHED_SLICE);
	return 0;
}

uint32_t sched_yield(void)
{
	int t = caller();

	if (t < 0)
		return (uint32_t)COS_EPERM;
	cs_enter((uint32_t)t + 1);
	rotate((uint32_t)t);
	if (!leave())
		cos_yield();
	return 0;
}

uint32_t sched_exit(void)
{
	int t = caller();

	if (t < 0)
		return (uint32_t)COS_EPERM;
	cs_enter((uint32_t)t + 1);
	st[t] |= SCHED_ST_EXITED;
	update((uint32_t)t);
	leave();
	for (;;) /* never dispatched again */
		cos_yield();
}

uint32_t sched_stat(uint32_t tid, uint32_t what)
{
	if (what == SCHED_STAT_LAST)
		return last;
	if (what == SCHED_STAT_IDLE)
		return nidle;
	if (tid >= NT)
		return (uint32_t)COS_EINVAL;
	switch (what) {
	case SCHED_STAT_STATE:
		return st[tid];
	case SCHED_STAT_DISPATCHES:
		return ndispatch[tid];
	case SCHED_STAT_TIMEOUTS:
		return ntimeout[tid];
	default:
		return (uint32_t)COS_EINVAL;
	}
}

/* Boot time only: the scheduler thread is not running yet, nothing else is
 * inside the component. */
uint32_t sched_thd_add(uint32_t tid, uint32_t p, uint32_t slot, uint32_t stack)
{
	int32_t err;

	if (started)
		return (uint32_t)COS_ESTATE;
	if (tid >= NT || p >= SCHED_NPRIO || slot < SCHED_SLOT_FIRST || slot > 0xff ||
	    (stack != SCHED_NO_STACK && stack >= srv_count))
		return (uint32_t)COS_EINVAL;
	if ((added & (1u << tid)) || (stack != SCHED_NO_STACK && stk_owner[stack]))
		return (uint32_t)COS_EEXIST;
	err = cos_thd_prio(slot, p); /* also checks the capability: a thread, COS_R_SCHED */
	if (err)
		return (uint32_t)err;
	prio[tid] = (uint8_t)p;
	cap[tid] = (uint8_t)slot;
	if (stack != SCHED_NO_STACK)
		stk_owner[stack] = (uint8_t)(tid + 1);
	st[tid] = SCHED_ST_ADDED;
	added |= 1u << tid;
	update(tid);
	return 0;
}

/* ---- the scheduler thread ---- */

/* One kernel event.  Flags say what happened since the last read, not the
 * state now: BLOCKED and WOKEN together leave the thread runnable here, and
 * a dispatch refused with COS_ESTATE corrects it. */
static void event(uint32_t id, uint32_t f)
{
	uint32_t s;

	if (id >= NT || !(added & (1u << id)))
		return; /* not one of ours (the idle thread, threads the booter keeps) */
	s = st[id];
	if (f & COS_EV_FAULTED)
		s |= SCHED_ST_FAULTED;
	if ((f & (COS_EV_BLOCKED | COS_EV_WOKEN)) == COS_EV_BLOCKED)
		s |= SCHED_ST_KBLOCKED;
	else if (f & COS_EV_WOKEN)
		s &= ~SCHED_ST_KBLOCKED;
	st[id] = (uint8_t)s;
	update(id);
	if (f & COS_EV_TIMEOUT) {
		ntimeout[id]++;
		rotate(id);
	}
}

static void drain(void)
{
	uint32_t n, f = 0;
	int32_t id;

	for (n = 0; n < DRAIN_MAX && (id = cos_sched_event(&f)) >= 0; n++)
		event((uint32_t)id, f);
}

static void schedule(void) __attribute__((noreturn));
static void schedule(void)
{
	uint32_t g, prev;
	int32_t r;
	int t;

	for (;;) {
		cs_enter(CS_SCHED);
		drain();
		t = pick();
		g = gen;
		/* Decide again if a thread waited for the section, or changed the
		 * state since (it preempted this thread after the section). */
		if (cs_exit() || g != gen)
			continue;
		prev = last;
		if (t < 0) {
			last = SCHED_TID_IDLE;
			nidle++;
		} else {
			last = (uint32_t)t;
			ndispatch[t]++;
		}
		r = cos_dispatch(t < 0 ? SCHED_SLOT_IDLE : cap[t], SCHED_SLICE);
		if (t < 0 || r >= 0)
			continue;
		cs_enter(CS_SCHED);
		last = prev; /* it did not run */
		ndispatch[t]--;
		if (r == COS_ESTATE) { /* blocked in the kernel (or suspended): its event says so too */
			st[t] |= SCHED_ST_KBLOCKED;
		} else { /* a capability that does not dispatch: never again */
			cos_printf("sched: thread %d cannot be dispatched (%d)\n", t, r);
			st[t] |= SCHED_ST_FAULTED;
		}
		update((uint32_t)t);
		cs_exit();
	}
}

/* This component's image header sits just before its export table. */
extern const uint32_t cos_exports[];

static void init(void)
{
	uintptr_t a = (uintptr_t)cos_exports;
	const struct cos_image_header *h;

	/* An address outside the array, so hidden from the compiler's bounds reasoning. */
	__asm("" : "+r"(a));
	h = (const struct cos_image_header *)(a - sizeof(*h));
	cos_console_cap(SCHED_SLOT_CONSOLE);
	if (h->magic != COS_IMAGE_MAGIC || h->exports != (uint32_t)(uintptr_t)cos_exports) {
		cos_printf("sched: image header not found: no thread can call the scheduler\n");
		return;
	}
	srv_base = h->srv_stacks;
	srv_log2 = h->srv_stack_log2;
	srv_count = h->srv_stack_count < NT ? h->srv_stack_count : NT;
}

int cos_main(uint32_t arg)
{
	uint32_t f = 0;
	int32_t id;

	if (arg == SCHED_ARG_IDLE)
		for (;;)
			__asm volatile("wfi" : : : "memory");
	init();
	cos_thd_prio(SCHED_SLOT_IDLE, SCHED_KPRIO_IDLE);
	/* Until the booter hands over the scheduler role, the booter is the
	 * scheduler: give it the CPU back (thd_add calls come meanwhile). */
	while ((id = cos_sched_event(&f)) == COS_EPERM)
		cos_yield();
	started = 1;
	if (id >= 0) {
		cs_enter(CS_SCHED);
		event((uint32_t)id, f);
		cs_exit();
	}
	schedule();
}

COS_SERVER_ENTRY(sched_block);
COS_SERVER_ENTRY(sched_wakeup);
COS_SERVER_ENTRY(sched_yield);
COS_SERVER_ENTRY(sched_exit);
COS_SERVER_ENTRY(sched_stat);
COS_SERVER_ENTRY(sched_thd_add);
COS_DECLARE_ENTRY(sched_block);
COS_DECLARE_ENTRY(sched_wakeup);
COS_DECLARE_ENTRY(sched_yield);
COS_DECLARE_ENTRY(sched_exit);
COS_DECLARE_ENTRY(sched_stat);
COS_DECLARE_ENTRY(sched_thd_add);
/* In SCHED_EXPORT_* order. */
COS_EXPORTS(COS_ENTRY_ADDR(sched_block), COS_ENTRY_ADDR(sched_wakeup), COS_ENTRY_ADDR(sched_yield),
	    COS_ENTRY_ADDR(sched_exit), COS_ENTRY_ADDR(sched_stat), COS_ENTRY_ADDR(sched_thd_add));
