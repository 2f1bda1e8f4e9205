/*
 * judge.c - c3 of adc_share.  In each attempt it wakes c1 and c2, asks for
 * channel 5 itself, and waits for their values (adc_test.put).  The three
 * requests are made at once: c1, c2, c3 and the mux's worker share a
 * priority, and the worker's collection turn (docs/adc.md S3) lets each ask
 * before it takes the round.  Expected: one round, two conversions (channel
 * 3, then 5: ascending), c1 and c2 the same value; under QEMU the values are
 * 7 times the driver's conversion count.
 *
 * A slice that ends in the middle of an attempt (a loaded host stalls QEMU,
 * whose clock runs on) can end a thread's turn before it asked (S3 counts
 * turns, and a turn ends with the slice): such an attempt is not judged,
 * and another is made, up to 50.
 */
#include "cos_gen.h"
#include "test.h"
#include "../../../../interfaces/adc/adc.h"

#define ATTEMPTS 50
#define WANTED   2 /* judged attempts */

static volatile int32_t value[COS_NCLIENTS_adc_test];
static volatile uint32_t reported;

int32_t adc_test_put(int32_t v, uint32_t client)
{
	value[client] = v;
	__atomic_fetch_or(&reported, 1u << client, __ATOMIC_RELEASE);
	return 0;
}

static const uint32_t watched[] = { COS_TID_c1_main, COS_TID_c2_main, COS_TID_c3_main, COS_TID_mux_worker };
#define NWATCHED (sizeof(watched) / sizeof(watched[0]))

static uint32_t slices_ended(void)
{
	uint32_t i, n = 0;

	for (i = 0; i < NWATCHED; i++)
		n += (uint32_t)cos_sched_stat(watched[i], SCHED_STAT_TIMEOUTS);
	return n;
}

static int blocked(uint32_t tid)
{
	return (cos_sched_stat(tid, SCHED_STAT_STATE) & SCHED_ST_SBLOCKED) != 0;
}

int cos_main(uint32_t arg)
{
	int32_t rounds, conv, shared, v3, v;
	uint32_t slices, attempt, judged = 0, good = 0, i;

	(void)arg;
	for (attempt = 0; attempt < ATTEMPTS && judged < WANTED; attempt++) {
		/* c1, c2 and the mux's worker wait in the scheduler: nothing in flight. */
		for (i = 0; i < 1000 && !(blocked(COS_TID_c1_main) && blocked(COS_TID_c2_main) &&
					  blocked(COS_TID_mux_worker));
		     i++)
			cos_sched_yield();
		rounds = adc_stat(ADC_STAT_ROUNDS);
		conv = adc_stat(ADC_STAT_CONVERSIONS);
		shared = adc_stat(ADC_STAT_SHARED);
		slices = slices_ended();
		reported = 0;
		cos_sched_wakeup(COS_TID_c1_main);
		cos_sched_wakeup(COS_TID_c2_main);
		v3 = adc_sample(5);
		for (i = 0; i < 1000 && reported != 3; i++)
			cos_sched_yield();
		if (slices_ended() != slices)
			continue; /* not judged */
		judged++;
		good += reported == 3 && adc_stat(ADC_STAT_ROUNDS) == rounds + 1 &&
			adc_stat(ADC_STAT_CONVERSIONS) == conv + 2 && adc_stat(ADC_STAT_SHARED) == shared + 1 &&
			value[0] == value[1] && value[0] == ((7 * (conv + 1)) & (int32_t)ADC_MAX_VALUE) &&
			v3 == ((7 * (conv + 2)) & (int32_t)ADC_MAX_VALUE);
		cos_printf("adc_share: attempt %u: c1 %d, c2 %d (channel 3), c3 %d (channel 5); %d rounds, "
			   "%d conversions\n", attempt + 1, value[0], value[1], v3, adc_stat(ADC_STAT_ROUNDS) - rounds,
			   adc_stat(ADC_STAT_CONVERSIONS) - conv);
	}
	cos_printf("adc_share: %u attempts, %u judged (a slice ended in the others)\n", attempt, judged);
	CHECK_EQ("adc_share: two attempts judged (no slice ended in them)", judged, WANTED);
	CHECK_EQ("adc_share: in each, c1 and c2 asked for channel 3 and c3 for 5 at once: one round, two "
		 "conversions, c1 and c2 got the same value (one was served by the other's conversion)",
		 good, judged);
	conv = adc_stat(ADC_STAT_CONVERSIONS);
	rounds = adc_stat(ADC_STAT_ROUNDS);
	v = adc_sample(3);
	CHECK_EQ("adc_share: a request alone gets a conversion of its own", v, (7 * (conv + 1)) & (int32_t)ADC_MAX_VALUE);
	CHECK_EQ("adc_share: in a round of its own", adc_stat(ADC_STAT_ROUNDS), rounds + 1);
	CHECK_EQ("adc_share: a channel that does not exist is refused", adc_sample(ADC_NCHANNELS), COS_EINVAL);
	CHECK_EQ("adc_share: the mux keeps 4 bytes per client", adc_stat(ADC_STAT_CLIENT_BYTES), 4);
	CHECK_EQ("adc_share: the graph gave the mux three clients", adc_stat(ADC_STAT_CLIENTS), 3);
	cos_halt(COS_SLOT_HALT, test_failures());
	return 0;
}
