/*
 * spin.c - the less urgent thread: counts until the driver says it is done;
 * in the idle phase it blocks once (the driver wakes it at the end), so that
 * nothing but the idle thread can run.  It prints nothing.
 */
#include <cos/sched.h>
#include "sirq.h"

#define SPIN_MAX 0x7fffffffu /* a bound: the test ends long before */

int cos_main(uint32_t arg)
{
	uint32_t i;

	(void)arg;
	cos_sched_init(SLOT_SCHED);
	for (i = 0; i < SPIN_MAX && SH->phase != PHASE_DONE; i++) {
		SH->count++;
		if (SH->phase == PHASE_IDLE && !SH->s_blocked) {
			SH->s_blocked = 1;
			cos_sched_block();
		}
	}
	cos_sched_exit();
}
