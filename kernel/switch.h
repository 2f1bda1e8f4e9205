/*
 * switch.h - switching threads and telling the scheduler.
 *
 * Contract: kswitch() makes `next` the running thread: it saves the running
 * thread's stack pointer, installs next's stack pointer and memory table, and
 * updates kcur; it records in kprev the thread that ran at kernel entry, whose
 * r4-r11 the assembly exit path saves (then clears kprev) before loading
 * kcur's.  Switching to the
 * scheduler thread cancels the dispatch timeout.  kevent() queues event flags
 * for the scheduler.  kwake() makes a blocked thread runnable with `value` as
 * its receive result and preempts the running thread only if the woken one's
 * priority is more urgent: the only scheduling decision the kernel takes.
 */
#ifndef SWITCH_H
#define SWITCH_H

#include "kstate.h"
#include "arch.h"

extern struct thread *kprev;

static inline void kswitch(struct thread *next)
{
	struct thread *cur = kcur;

	if (!kprev)
		kprev = cur; /* its r4-r11 are still in the registers */
	cur->psp = arch_psp_get();
	arch_psp_set(next->psp);
	/* Compared with what the MPU holds, not with cur's component: an
	 * unwinding may have changed cur's component without loading its map. */
	if (next->comp->memtbl != arch_mpu_table)
		arch_mpu_load(next->comp->memtbl);
	kcur = next;
}

/* Run the scheduler thread; its dispatch timeout no longer applies. */
static inline void kswitch_sched(void)
{
	arch_timeout_disarm();
	kswitch(k.sched);
}
void kevent(struct thread *t, uint32_t flags);
void kwake(struct thread *t, uint32_t value);
/* Suspend the running thread after an unhandled fault and run the scheduler. */
void ksuspend_current(void);

#endif
