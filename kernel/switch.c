/* switch.c - thread switches, wakeups and scheduler events. */
#include "switch.h"
#include "kprintf.h"

struct thread *kcur;
struct thread *kprev;
struct kstate k;

void kevent(struct thread *t, uint32_t flags)
{
	if (t->evflags == 0) {
		t->ev_next = 0;
		if (k.ev_tail)
			k.ev_tail->ev_next = t;
		else
			k.ev_head = t;
		k.ev_tail = t;
	}
	t->evflags |= (uint8_t)flags;
}

void kwake(struct thread *t, uint32_t value)
{
	t->state = THD_RUNNABLE;
	t->blocked_on = 0;
	/* Its frame was pushed under its own map; it is written only while
	 * still user memory (otherwise it faults when it resumes). */
	if (kuser_frame_writable(t->psp))
		*(uint32_t *)t->psp = value;
	kevent(t, COS_EV_WOKEN);
	if (t->prio < kcur->prio)
		kswitch(t);
}

void ksuspend_current(void)
{
	struct thread *t = kcur;

	t->state = THD_SUSPENDED;
	if (t == k.sched)
		kpanic("the scheduler thread faulted with no handler");
	kevent(t, COS_EV_FAULTED);
	kswitch_sched();
}

#ifdef __arm__
#include "asm_offsets.h"
#include <stddef.h>
_Static_assert(offsetof(struct thread, regs) == THD_REGS, "asm_offsets.h is stale");
_Static_assert(sizeof(struct thread) <= 128, "a thread must fit in 128 bytes of kernel memory");
#endif
