/*
 * spin.c - a thread that never gives up the CPU by itself: it counts to
 * SPIN_COUNTS, noting each time it sees the other spinner's count move
 * (the other ran since it last looked: its own slice had ended), then
 * exits.  It prints nothing (the booter checks), so that lines do not mix.
 */
#include <cos/sched.h>
#include "rr.h"

int cos_main(uint32_t me)
{
	uint32_t other = 1 - me, i, seen, now, switches = 0;

	cos_sched_init(SLOT_SCHED);
	seen = SH->count[other];
	for (i = 1; i <= SPIN_COUNTS; i++) {
		SH->count[me] = i;
		now = SH->count[other];
		if (now != seen) {
			switches++;
			seen = now;
		}
	}
	SH->other_at_end[me] = SH->count[other];
	SH->switches[me] = switches;
	SH->done[me] = 1;
	cos_sched_exit();
}
