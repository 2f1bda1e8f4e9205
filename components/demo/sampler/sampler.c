/*
 * sampler.c - a client of three capsules (compgraph/default.toml): every
 * 10 ms (its alarm) one sample of ADC channel 3 through the ADC mux, printed
 * on its own console channel.
 */
#include <stdio.h>
#include "cos_gen.h"
#include <cos/alarm.h>
#include "../../../interfaces/adc/adc.h"
#include "test.h"

#define SAMPLES 5
#define CHANNEL 3

int cos_main(uint32_t arg)
{
	struct cos_alarm a = { 0, COS_TID_main };
	struct cos_periodic p;
	int32_t v, bad = 0, k;

	(void)arg;
	CHECK_EQ("capsules: sampler's periodic timer started",
		 cos_periodic_start(&p, &a, 10 * (cos_alarm_freq() / 1000)), 0);
	for (k = 1; k <= SAMPLES; k++) {
		cos_periodic_wait(&p);
		v = adc_sample(CHANNEL);
		if (v < 0 || v > (int32_t)ADC_MAX_VALUE)
			bad++;
		printf("sampler: sample %d of channel %d: %d\n", (int)k, CHANNEL, (int)v);
	}
	CHECK_EQ("capsules: every sample a 12-bit value", bad, 0);
	return 0;
}
