/*
 * granted.c - the client of the ADC mux that holds the right to stream (the
 * graph gives it adc_stream).  It checks rules R1-R9 of docs/adc.md: a
 * stream at a rate into its shared buffer (ring and fill), single requests
 * refused with COS_EBUSY meanwhile, the converter back after stop (or after
 * a fill), the rate against TIM2 (1 GHz under QEMU).
 *
 * Under QEMU each conversion returns the previous one's value + 7 (mod
 * 4096), so consecutive samples that differ by exactly 7 are consecutive
 * conversions: none missing, none repeated, none made for someone else.
 */
#include "cos_gen.h"
#include "board.h"
#include "test.h"
#include "../../../../interfaces/adc/adc.h"

_Static_assert(COS_GATE_adc_stream_start == 10, "plain.c tries slots 10-12: keep them granted's stream gates");

#define TIM2 ((volatile uint32_t *)board_devices_base(BOARD_DEV_BENCH_TIMER))
#define NS_PER_US 1000u /* TIM2 counts at 1 GHz under QEMU */
#define RING_SLOTS 16u
#define RING_SAMPLES 24u
#define WAIT_NS 2000000000u /* give up waiting for a stream after 2 s */

static const volatile uint16_t *const buf = COS_SHARED_mux;

static uint32_t now(void)
{
	return TIM2[0x24 / 4];
}

static int32_t next(int32_t v)
{
	return (v + 7) & (int32_t)ADC_MAX_VALUE;
}

/* Samples first .. first + n - 1 of a stream in slots base.. of the buffer
 * (ring of slots entries) are consecutive conversions. */
static int consecutive(uint32_t base, uint32_t slots, uint32_t first, uint32_t n)
{
	uint32_t i;

	for (i = first; i + 1 < first + n; i++)
		if (buf[base + (i + 1) % slots] != next(buf[base + i % slots]))
			return 0;
	return 1;
}

/* Yield until the stream has written n samples (or has ended, or 2 s). */
static void wait_samples(uint32_t n)
{
	uint32_t t0 = now();

	while ((uint32_t)adc_stream_status(ADC_STREAM_STAT_SAMPLES) < n &&
	       adc_stream_status(ADC_STREAM_STAT_ACTIVE) == 1 && now() - t0 < WAIT_NS)
		cos_sched_yield();
}

static void refusals(void)
{
	CHECK_EQ("adc_stream: status before any stream", adc_stream_status(ADC_STREAM_STAT_SAMPLES), COS_ESTATE);
	CHECK_EQ("adc_stream: stop before any stream", adc_stream_stop(), COS_ESTATE);
	CHECK_EQ("adc_stream: a period below the minimum is refused",
		 adc_stream_start(ADC_STREAM_RING | 4, ADC_STREAM_PERIOD_MIN_US - 1, 0, 32), COS_EINVAL);
	CHECK_EQ("adc_stream: a period above the maximum is refused",
		 adc_stream_start(ADC_STREAM_RING | 4, ADC_STREAM_PERIOD_MAX_US + 1, 0, 32), COS_EINVAL);
	CHECK_EQ("adc_stream: a channel that does not exist is refused",
		 adc_stream_start(ADC_STREAM_RING | ADC_NCHANNELS, 1000, 0, 32), COS_EINVAL);
	CHECK_EQ("adc_stream: an unknown mode is refused", adc_stream_start(0x200 | 4, 1000, 0, 32), COS_EINVAL);
	CHECK_EQ("adc_stream: a buffer without room for a sample is refused",
		 adc_stream_start(ADC_STREAM_RING | 4, 1000, 0, 1), COS_EINVAL);
	CHECK_EQ("adc_stream: a misaligned buffer is refused", adc_stream_start(ADC_STREAM_RING | 4, 1000, 1, 32),
		 COS_EINVAL);
	CHECK_EQ("adc_stream: a buffer outside the shared region is refused by the mux's stub",
		 adc_stream_start(ADC_STREAM_RING | 4, 1000, COS_SHARED_mux_SIZE - 8, 16), COS_EINVAL);
	CHECK_EQ("adc_stream: nothing was started", adc_stream_status(ADC_STREAM_STAT_SAMPLES), COS_ESTATE);
}

/* A ring of 16 slots, 24 samples at 1 ms: it wraps. */
static void ring(void)
{
	uint32_t t0, t1, n, ticks, lost;
	int32_t v, last;

	t0 = now();
	CHECK_EQ("adc_stream: granted starts a stream of channel 4 every 1000 us into a ring of 16",
		 adc_stream_start(ADC_STREAM_RING | 4, 1000, 0, RING_SLOTS * 2), COS_OK);
	CHECK_EQ("adc_stream: a single request during the stream gets COS_EBUSY", adc_sample(2), COS_EBUSY);
	CHECK_EQ("adc_stream: a second stream is refused with COS_EBUSY",
		 adc_stream_start(ADC_STREAM_RING | 5, 1000, 64, 32), COS_EBUSY);
	CHECK_EQ("adc_stream: the stream is active", adc_stream_status(ADC_STREAM_STAT_ACTIVE), 1);
	wait_samples(RING_SAMPLES);
	v = adc_stream_stop();
	t1 = now();
	n = (uint32_t)v;
	CHECK("adc_stream: the stream wrote 24 samples or more before stop", v >= (int32_t)RING_SAMPLES);
	CHECK_EQ("adc_stream: after stop the stream is not active", adc_stream_status(ADC_STREAM_STAT_ACTIVE), 0);
	ticks = (uint32_t)adc_stream_status(ADC_STREAM_STAT_TICKS);
	lost = (uint32_t)adc_stream_status(ADC_STREAM_STAT_LOST);
	CHECK_EQ("adc_stream: every clock tick gave a sample or was counted lost", ticks, n + lost);
	CHECK("adc_stream: never faster than the rate (ticks * period <= elapsed)",
	      (uint64_t)ticks * 1000u * NS_PER_US <= (uint64_t)(t1 - t0));
	CHECK("adc_stream: the ring holds the last 16 samples, consecutive conversions in order",
	      consecutive(0, RING_SLOTS, n - RING_SLOTS, RING_SLOTS));
	last = buf[(n - 1) % RING_SLOTS];
	/* R6: once stop has returned, nothing is written any more. */
	t0 = now();
	while (now() - t0 < 3000u * NS_PER_US)
		cos_sched_yield();
	CHECK_EQ("adc_stream: no sample is written after stop returned", adc_stream_status(ADC_STREAM_STAT_SAMPLES),
		 (int32_t)n);
	CHECK_EQ("adc_stream: after stop, single requests work again (the next conversion)", adc_sample(2),
		 next(last));
	CHECK_EQ("adc_stream: stop again returns the same count", adc_stream_stop(), (int32_t)n);
}

/*
 * The rate: the time between the first and the sixth sample of a stream at
 * 5 ms, as this thread sees them appear (each some way after its tick: the
 * clock thread, the worker's conversion, then this least urgent thread),
 * should be five periods.  On a loaded host QEMU's timer runs slow (its
 * model re-arms each period from the moment its late callback ran, so a
 * stalled QEMU loses that time for good): an attempt that lost a tick or is
 * off by more than 10% is tried again, up to 10 times.  The checks that
 * hold whatever the load are in ring(): never faster than the rate, every
 * tick a sample or counted lost.
 */
static void rate(void)
{
	uint32_t ta, tb, t0, attempt, d;
	int ok = 0;

	for (attempt = 0; attempt < 10 && !ok; attempt++) {
		if (adc_stream_start(ADC_STREAM_RING | 7, 5000, 0, RING_SLOTS * 2) != COS_OK)
			break;
		t0 = now();
		while (adc_stream_status(ADC_STREAM_STAT_SAMPLES) < 1 && now() - t0 < WAIT_NS)
			cos_sched_yield();
		ta = now();
		while (adc_stream_status(ADC_STREAM_STAT_SAMPLES) < 6 && now() - t0 < WAIT_NS)
			cos_sched_yield();
		tb = now();
		adc_stream_stop();
		d = (tb - ta) / NS_PER_US;
		cos_printf("adc_stream: samples 1 to 6 at 5000 us came %u us apart (attempt %u, %d ticks lost)\n", d,
			   attempt + 1, adc_stream_status(ADC_STREAM_STAT_LOST));
		ok = adc_stream_status(ADC_STREAM_STAT_LOST) == 0 && d >= 22500 && d <= 27500;
	}
	CHECK("adc_stream: the rate: samples 1 to 6 of a stream at 5000 us come 25 ms apart (within 10%)", ok);
}

/* A fill of 8 samples at 10 ms: it ends by itself and returns the converter.
 * (Long enough that even a stalled host cannot end it before the single
 * request below: QEMU's timer never catches up on missed periods.) */
static void fill(void)
{
	int32_t last, v;

	CHECK_EQ("adc_stream: granted starts a fill of 8 samples of channel 6 every 10 ms",
		 adc_stream_start(ADC_STREAM_FILL | 6, 10000, 64, 16), COS_OK);
	CHECK_EQ("adc_stream: a single request during the fill gets COS_EBUSY", adc_sample(2), COS_EBUSY);
	wait_samples(8);
	v = 0;
	while (adc_stream_status(ADC_STREAM_STAT_ACTIVE) == 1 && v++ < 100000)
		cos_sched_yield();
	CHECK_EQ("adc_stream: the fill ended by itself", adc_stream_status(ADC_STREAM_STAT_ACTIVE), 0);
	CHECK_EQ("adc_stream: the fill wrote exactly 8 samples", adc_stream_status(ADC_STREAM_STAT_SAMPLES), 8);
	CHECK("adc_stream: the fill holds 8 consecutive conversions", consecutive(32, 8, 0, 8));
	last = buf[32 + 7];
	CHECK_EQ("adc_stream: after the fill, single requests work without a stop", adc_sample(2), next(last));
	CHECK_EQ("adc_stream: stop after a fill returns its count", adc_stream_stop(), 8);
	CHECK_EQ("adc_stream: no conversion failed", adc_stream_status(ADC_STREAM_STAT_ERROR), 0);
}

int cos_main(uint32_t arg)
{
	int32_t v, conv;
	int i;

	(void)arg;
	/* TIM2 as a clock (its RCC clock is not needed under QEMU). */
	TIM2[0x28 / 4] = 0;           /* PSC */
	TIM2[0x2c / 4] = 0xffffffffu; /* ARR */
	TIM2[0] = 1;                  /* CEN */
	for (i = 0; i < 100 && !(cos_sched_stat(COS_TID_plain_main, SCHED_STAT_STATE) & SCHED_ST_EXITED); i++)
		cos_sched_yield();
	v = adc_sample(2);
	conv = adc_stat(ADC_STAT_CONVERSIONS);
	CHECK_EQ("adc_stream: granted samples channel 2: the value of the driver's latest conversion", v,
		 (7 * conv) & (int32_t)ADC_MAX_VALUE);
	refusals();
	ring();
	rate();
	fill();
	CHECK("adc_stream: the mux counted the refused single requests", adc_stat(ADC_STAT_BUSY) >= 2);
	cos_halt(COS_SLOT_HALT, test_failures());
	return 0;
}
