/* victim.c - owns the canary one attack aims its frame at; checks it afterwards. */
#include "svc_stack.h"

volatile uint32_t canary[CANARY_WORDS] = {
	CANARY(0), CANARY(1), CANARY(2), CANARY(3), CANARY(4), CANARY(5), CANARY(6), CANARY(7),
	CANARY(8), CANARY(9), CANARY(10), CANARY(11), CANARY(12), CANARY(13), CANARY(14), CANARY(15),
};

int cos_main(uint32_t arg)
{
	uint32_t i, intact = 1;

	(void)arg;
	test_init();
	CHECK_EQ("victim: the canary is where the attack aims", (uint32_t)canary, VICTIM_RAM);
	for (i = 0; i < CANARY_WORDS; i++)
		if (canary[i] != CANARY(i))
			intact = 0;
	CHECK("victim: no word of the canary was written by the kernel", intact);
	test_done();
	return 0;
}
