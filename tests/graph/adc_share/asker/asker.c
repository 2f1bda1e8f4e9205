/*
 * asker.c - c1 and c2 of adc_share: each time c3 wakes it, one sample of
 * channel 3, reported to c3.
 */
#include "cos_gen.h"

int cos_main(uint32_t arg)
{
	(void)arg;
	for (;;) {
		cos_sched_block();
		adc_test_put(adc_sample(3));
	}
	return 0;
}
