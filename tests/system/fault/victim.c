/*
 * victim.c - owns the canary the attacker aims at.  Once the scheduler was
 * told all three attackers faulted, the canary must be as it was.
 */
#include "fault.h"

/* The only initialised data here, so the first .data object: VICTIM_CANARY. */
volatile uint32_t canary[2] = { CANARY0, CANARY1 };

int cos_main(uint32_t arg)
{
	uint32_t seen;
	int tries, t;

	(void)arg;
	test_init();
	CHECK_EQ("victim: canary is at the address the attacker aims at", (uint32_t)canary, VICTIM_CANARY);
	/* test_run records events after each round: wait for the attacks to be over. */
	for (tries = 0; tries < 40; tries++) {
		seen = 0;
		for (t = T_READ; t <= T_JUMP; t++)
			if (cos_sinv(SLOT_EVENTS, (uint32_t)t, 0, 0, 0) & COS_EV_FAULTED)
				seen++;
		if (seen == 3)
			break;
		cos_yield();
	}
	CHECK("scheduler: COS_EV_FAULTED for the attacker thread that read", cos_sinv(SLOT_EVENTS, T_READ, 0, 0, 0) & COS_EV_FAULTED);
	CHECK("scheduler: COS_EV_FAULTED for the attacker thread that wrote", cos_sinv(SLOT_EVENTS, T_WRITE, 0, 0, 0) & COS_EV_FAULTED);
	CHECK("scheduler: COS_EV_FAULTED for the attacker thread that jumped", cos_sinv(SLOT_EVENTS, T_JUMP, 0, 0, 0) & COS_EV_FAULTED);
	CHECK_EQ("victim: canary word written by the attacker is unchanged", canary[0], CANARY0);
	CHECK_EQ("victim: canary word read by the attacker is unchanged", canary[1], CANARY1);
	test_done();
	return 0;
}
