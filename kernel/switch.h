/*
 * switch.h - switching threads and telling the scheduler.
 *
 * Contract: kswitch() makes `next` the running thread: it saves the running
 * thread's stack pointer, installs next's stack pointer and memory table, and
 * updates kcur; the assembly exit path then swaps r4-r11.  Switching to the
 * scheduler thread cancels the dispatch timeout.  kevent() queues event flags
 * for the scheduler.  kwake() makes a blocked thread runnable with `value` as
 * its receive result and preempts the running thread only if the woken one's
 * priority is more urgent: the only scheduling decision the kernel takes.
 */
#ifndef SWITCH_H
#define SWITCH_H

#include "kstate.h"
#include "arch.h"

void kswitch(struct thread *next);
void kevent(struct thread *t, uint32_t flags);
void kwake(struct thread *t, uint32_t value);
/* Suspend the running thread after an unhandled fault and run the scheduler. */
void ksuspend_current(void);

#endif
