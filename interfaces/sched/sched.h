/*
 * sched.h - the "sched" interface: the user-level scheduler component
 * (components/sched/sched.c) and its clients.  The rules are in docs/sched.md.
 *
 * Contract: the scheduler exports, in this order (COS_EXPORTS), one gate
 * entry per function; export i is SCHED_EXPORT_*.  A client holds the gates
 * of exports 0 to SCHED_NCLIENT_EXPORTS - 1 in consecutive slots of its
 * capability table, export i at gate_slot + i, and names gate_slot once with
 * cos_sched_init().  Only the booter holds a gate to SCHED_EXPORT_THD_ADD.
 * Every function runs on the calling thread inside the scheduler (thread
 * migration), so every thread that calls one needs a server stack in the
 * scheduler, given to it with sched_thd_add().  Results are >= 0, or a
 * negative COS_E* error.
 */
#ifndef SCHED_INTERFACE_H
#define SCHED_INTERFACE_H

#include <stdint.h>

/* Exports (gate entries), in COS_EXPORTS order. */
#define SCHED_EXPORT_BLOCK   0 /* () -> 0: the caller stops until woken; returns at once if a wakeup is pending */
#define SCHED_EXPORT_WAKEUP  1 /* (tid) -> 0: ends tid's block, or makes its next block return at once */
#define SCHED_EXPORT_YIELD   2 /* () -> 0: the caller goes behind the other threads of its priority */
#define SCHED_EXPORT_EXIT    3 /* () -> does not return: the caller never runs again */
#define SCHED_EXPORT_STAT    4 /* (tid, what) -> a figure (SCHED_STAT_*) */
#define SCHED_EXPORT_THD_ADD 5 /* (tid, prio, cap slot, stack) -> 0: boot time only, the booter */
#define SCHED_NCLIENT_EXPORTS 5 /* exports a client's gates cover: 0 .. 4 */
#define SCHED_NEXPORTS        6

/* Priorities: 0 (most urgent) to SCHED_NPRIO - 1.  A thread's kernel
 * priority (COS_OP_THD_PRIO) is its scheduler priority; the scheduler thread
 * and the idle thread are less urgent than every scheduled thread. */
#define SCHED_NPRIO        32
#define SCHED_KPRIO_SCHED  0xfffffffeu
#define SCHED_KPRIO_IDLE   0xffffffffu

/* The time slice: the dispatch timeout, in SysTick clocks (the processor
 * clock, 168 MHz on netduinoplus2: 1 ms).  A build-time constant. */
#ifndef SCHED_SLICE
#define SCHED_SLICE 168000u
#endif

/* The scheduler component's two threads, by their start argument. */
#define SCHED_ARG_SCHED 0 /* the scheduler thread: the component's first thread */
#define SCHED_ARG_IDLE  1 /* the idle thread: waits for interrupts */

/* Slots of the scheduler's capability table that the booter fills. */
#define SCHED_SLOT_CONSOLE 1 /* HW with COS_R_READ: diagnostics (optional) */
#define SCHED_SLOT_IDLE    2 /* its idle thread: COS_R_DISPATCH */
#define SCHED_SLOT_FIRST   3 /* first slot for the threads it schedules */

/* sched_thd_add's stack argument for a thread that never calls the scheduler. */
#define SCHED_NO_STACK 0xffu

/* cos_sched_stat(tid, what): diagnostics, read without the scheduler's
 * critical section (docs/sched.md, I2). */
#define SCHED_STAT_STATE      0 /* tid's state: SCHED_ST_* bits, as the scheduler sees it */
#define SCHED_STAT_DISPATCHES 1 /* times the scheduler dispatched tid (modulo 65536) */
#define SCHED_STAT_TIMEOUTS   2 /* times tid's slice ended, COS_EV_TIMEOUT (modulo 65536) */
#define SCHED_STAT_LAST       3 /* (tid ignored) the thread dispatched last, or SCHED_TID_IDLE */
#define SCHED_STAT_IDLE       4 /* (tid ignored) times the idle thread was dispatched */
#define SCHED_TID_IDLE        32

/* State bits (SCHED_STAT_STATE).  A thread is runnable when it is ADDED
 * and has none of KBLOCKED, SBLOCKED, EXITED, FAULTED. */
#define SCHED_ST_ADDED    0x01 /* given to the scheduler */
#define SCHED_ST_KBLOCKED 0x02 /* blocked in the kernel (arcv), as far as the scheduler knows */
#define SCHED_ST_SBLOCKED 0x04 /* blocked in sched_block */
#define SCHED_ST_EXITED   0x08 /* called sched_exit */
#define SCHED_ST_FAULTED  0x10 /* suspended after a fault (COS_EV_FAULTED) */
#define SCHED_ST_TOKEN    0x20 /* a wakeup is pending: its next block returns at once */

/* The client API (libcos/sched.c).  gate_slot: the slot of the gate to
 * SCHED_EXPORT_BLOCK in the calling component's table; the other client
 * exports follow it. */
void cos_sched_init(uint32_t gate_slot);
int32_t cos_sched_block(void);
int32_t cos_sched_wakeup(uint32_t tid);
int32_t cos_sched_yield(void);
void cos_sched_exit(void) __attribute__((noreturn));
/* What a thread's end does: calls exit when cos_sched_init() named a gate. */
void cos_sched_leave(void);
int32_t cos_sched_stat(uint32_t tid, uint32_t what);

#endif
