/*
 * attacker.c - each thread makes one access the MPU must stop (its start
 * argument says which): read the victim's RAM, write it, or jump into its
 * code.  The fault goes to the handler's gate, which declines it, so the
 * kernel suspends the thread: nothing after the access may ever run.
 */
#include "fault.h"

int cos_main(uint32_t arg)
{
	volatile uint32_t *canary = (volatile uint32_t *)VICTIM_CANARY;
	uint32_t v;

	test_init();
	switch (arg) {
	case ATTACK_READ:
		v = canary[1];
		cos_printf("attacker: read %x from the victim\n", v);
		CHECK("attacker: reading another component's RAM was not stopped", 0);
		break;
	case ATTACK_WRITE:
		canary[0] = CANARY_BAD;
		CHECK("attacker: writing another component's RAM was not stopped", 0);
		break;
	default:
		((void (*)(uint32_t))arg)(0);
		CHECK("attacker: jumping into another component's code was not stopped", 0);
		break;
	}
	return 0;
}
