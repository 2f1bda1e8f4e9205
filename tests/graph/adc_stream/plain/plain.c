/*
 * plain.c - a client of the ADC mux without the right to stream: the graph
 * gives it "adc" only.  It samples, then tries the capability slots where
 * "granted" holds the gates of adc_stream (granted.c checks that they are
 * there): its own table has nothing there, so the kernel refuses the call
 * with COS_ECAP before any code of the mux runs.
 */
#include "cos_gen.h"
#include "test.h"
#include "../../../../interfaces/adc/adc.h"

/* Where granted has adc_stream's start, stop and status (granted.c). */
#define GRANTED_STREAM_SLOT 10

#ifdef COS_GATE_adc_stream_start
#error "plain must not have the stream's gates"
#endif

int cos_main(uint32_t arg)
{
	int32_t v = adc_sample(1);
	uint32_t slot;
	int refused = 1;

	(void)arg;
	CHECK("adc_stream: plain samples channel 1", v >= 0 && v <= (int32_t)ADC_MAX_VALUE);
	CHECK_EQ("adc_stream: plain's last gate is just below granted's stream gates", COS_GATE_sched_stat,
		 GRANTED_STREAM_SLOT - 1);
	/* start(ADC_STREAM_RING | 1, 1000, 0, 32): what granted may call there */
	for (slot = GRANTED_STREAM_SLOT; slot < GRANTED_STREAM_SLOT + 3; slot++)
		if (cos_sinv(slot, ADC_STREAM_RING | 1, 1000, 0, 32) != COS_ECAP)
			refused = 0;
	CHECK("adc_stream: without the right, plain's calls to the stream's slots are refused (COS_ECAP)", refused);
	CHECK_EQ("adc_stream: plain's sample did not start a stream: it can still sample", adc_sample(1) >= 0, 1);
	return 0;
}
