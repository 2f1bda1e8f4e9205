/*
 * adc_mux.c - the ADC mux: the policy over the driver (adc_hw).
 *
 * Exports "adc" (single samples, to every client the graph names; state per
 * client sized by the graph, COS_NCLIENTS_adc) and "adc_stream" (sampling at
 * a rate into the caller's shared buffer, only to the components the graph
 * gives that interface: its gates are the right).  The rules, numbered, are
 * in docs/adc.md; this file names them.
 *
 * One thread, the worker, makes every conversion: rounds of single requests
 * (S1-S8) and stream samples (R1-R9).  Clients never touch the converter;
 * they publish a request in their slot, wake the worker and wait for the
 * result.  The graph's priority rule makes the worker at least as urgent as
 * every client, so a client waits on work that is never behind its own
 * priority (docs/compgraph.md 5.3).
 */
#include "cos_gen.h"
#include "adc_round.h"
#include "../../interfaces/adc/adc.h"

#if COS_NCLIENTS_adc > ADC_ROUND_MAX_CLIENTS
#error "the ADC mux serves at most 32 clients of adc"
#endif

/* Who holds the converter (R2): single requests only when MODE_IDLE. */
#define MODE_IDLE     0u /* single requests are served */
#define MODE_CLAIMED  1u /* a start() is filling in the stream */
#define MODE_STREAM   2u /* a stream runs (or is about to: the worker starts its clock) */
#define MODE_STOPPING 3u /* stop() asked the worker to end it */

/* Per client of "adc": one word (adc_round.h).  Nothing else per client. */
static uint32_t slots[COS_NCLIENTS_adc];
static uint32_t kick;  /* 1: a round is due and the worker has been woken */
static uint32_t mode;  /* MODE_* */

/* The stream: one at a time; its fields are written by start() before mode
 * becomes MODE_STREAM, then only by the worker. */
static struct {
	uint16_t *buf;
	uint32_t n;         /* samples the buffer holds */
	uint32_t channel;
	uint32_t fill;      /* ADC_STREAM_FILL: stop after n samples */
	uint32_t period_us;
	uint32_t owner;     /* client index + 1 of adc_stream; 0: none yet */
	uint32_t samples, lost, ticks;
	int32_t error;      /* first error of a conversion, or of the clock */
	int32_t started;    /* the worker's answer to start: 1, or an error */
} stream;

static uint32_t st_requests, st_rounds, st_shared, st_busy;

static uint32_t load(const uint32_t *p)
{
	return __atomic_load_n(p, __ATOMIC_ACQUIRE);
}

static void store(uint32_t *p, uint32_t v)
{
	__atomic_store_n(p, v, __ATOMIC_RELEASE);
}

static void count(uint32_t *p, uint32_t n)
{
	__atomic_fetch_add(p, n, __ATOMIC_RELAXED);
}

static int cas(uint32_t *p, uint32_t from, uint32_t to)
{
	return __atomic_compare_exchange_n(p, &from, to, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE);
}

/* A round is due: wake the worker unless a wakeup is already on its way. */
static void kick_worker(void)
{
	if (__atomic_exchange_n(&kick, 1, __ATOMIC_ACQ_REL) == 0)
		cos_sched_wakeup(COS_TID_worker);
}

/* ---- adc: single samples (S1-S8) ---- */

int32_t adc_sample(uint32_t channel, uint32_t client)
{
	int32_t r;

	if (channel >= ADC_NCHANNELS)
		return COS_EINVAL;
	if (load(&mode) != MODE_IDLE) { /* S6 */
		count(&st_busy, 1);
		return COS_EBUSY;
	}
	r = adc_slot_claim(&slots[client], channel, ADC_NCHANNELS);
	if (r < 0)
		return r; /* S5: another thread of this client is waiting */
	count(&st_requests, 1);
	kick_worker();
	/* S8: the worker is at least as urgent: when it is more urgent the
	 * wakeup above ran the round already; when equally urgent it runs
	 * within one turn of this priority's threads. */
	while (!adc_slot_collect(&slots[client], &r))
		cos_sched_yield();
	return r;
}

int32_t adc_stat(uint32_t what, uint32_t client)
{
	(void)client;
	switch (what) {
	case ADC_STAT_CONVERSIONS:
		return (int32_t)adc_hw_stat(ADC_HW_STAT_CONVERSIONS);
	case ADC_STAT_REQUESTS:
		return (int32_t)load(&st_requests);
	case ADC_STAT_ROUNDS:
		return (int32_t)load(&st_rounds);
	case ADC_STAT_SHARED:
		return (int32_t)load(&st_shared);
	case ADC_STAT_BUSY:
		return (int32_t)load(&st_busy);
	case ADC_STAT_CLIENT_BYTES:
		return (int32_t)(sizeof(slots) / COS_NCLIENTS_adc);
	case ADC_STAT_CLIENTS:
		return COS_NCLIENTS_adc;
	default:
		return COS_EINVAL;
	}
}

/* ---- adc_stream: sampling at a rate (R1-R9) ---- */

int32_t adc_stream_start(uint32_t config, uint32_t period_us, void *samples, uint32_t samples_length,
			 uint32_t client)
{
	uint32_t channel = ADC_STREAM_CHANNEL(config), m = ADC_STREAM_MODE(config);
	int32_t r;

	if (channel >= ADC_NCHANNELS || (m != ADC_STREAM_RING && m != ADC_STREAM_FILL) || (config & ~0xffffu) ||
	    period_us < ADC_STREAM_PERIOD_MIN_US || period_us > ADC_STREAM_PERIOD_MAX_US ||
	    samples_length < sizeof(uint16_t) || ((uintptr_t)samples & 1u))
		return COS_EINVAL;
	if (!cas(&mode, MODE_IDLE, MODE_CLAIMED))
		return COS_EBUSY; /* R2 */
	stream.buf = samples;
	stream.n = samples_length / sizeof(uint16_t);
	stream.channel = channel;
	stream.fill = m == ADC_STREAM_FILL;
	stream.period_us = period_us;
	stream.owner = client + 1;
	stream.samples = 0;
	stream.lost = 0;
	stream.ticks = 0;
	stream.error = 0;
	store((uint32_t *)&stream.started, 0);
	store(&mode, MODE_STREAM);
	cos_sched_wakeup(COS_TID_worker);
	/* R3: return once the worker has started the clock (or failed to). */
	while ((r = (int32_t)load((uint32_t *)&stream.started)) == 0 && load(&mode) == MODE_STREAM)
		cos_sched_yield(); /* (or another thread of this client stopped it first) */
	return r < 0 ? r : COS_OK;
}

int32_t adc_stream_stop(uint32_t client)
{
	if (load(&stream.owner) != client + 1)
		return load(&mode) == MODE_IDLE ? COS_ESTATE : COS_EPERM;
	if (cas(&mode, MODE_STREAM, MODE_STOPPING)) {
		cos_sched_wakeup(COS_TID_worker);
		/* R6: the worker returns the converter, then no sample is written. */
		while (load(&mode) == MODE_STOPPING)
			cos_sched_yield();
	}
	return (int32_t)load(&stream.samples);
}

int32_t adc_stream_status(uint32_t what, uint32_t client)
{
	if (load(&stream.owner) != client + 1)
		return COS_ESTATE;
	switch (what) {
	case ADC_STREAM_STAT_SAMPLES:
		return (int32_t)load(&stream.samples);
	case ADC_STREAM_STAT_LOST:
		return (int32_t)load(&stream.lost);
	case ADC_STREAM_STAT_ACTIVE: {
		uint32_t m = load(&mode);

		return m == MODE_STREAM || m == MODE_STOPPING;
	}
	case ADC_STREAM_STAT_TICKS:
		return (int32_t)load(&stream.ticks);
	case ADC_STREAM_STAT_ERROR:
		return stream.error;
	default:
		return COS_EINVAL;
	}
}

/* ---- The worker ---- */

static int running;      /* the worker has started the clock */
static uint32_t seen;    /* the driver's tick count at the last sample */
static uint32_t ticks0;  /* and at the start */

static int32_t convert(void *ctx, uint32_t channel)
{
	(void)ctx;
	return adc_hw_convert(channel);
}

/* The stream ends by itself (R4, R7): the converter is returned. */
static void stream_end(void)
{
	adc_hw_clock_stop();
	running = 0;
	cas(&mode, MODE_STREAM, MODE_IDLE); /* or stop() got there first: MODE_STOPPING, below */
}

static void stream_work(void)
{
	uint32_t m = load(&mode), t, i;
	int32_t v;

	if (m == MODE_STREAM && !running) {
		v = adc_hw_clock_start(stream.period_us, COS_TID_worker);
		if (v < 0) {
			stream.error = v;
			store(&mode, MODE_IDLE);
			store((uint32_t *)&stream.started, (uint32_t)v);
			return;
		}
		running = 1;
		seen = ticks0 = adc_hw_stat(ADC_HW_STAT_TICKS);
		store((uint32_t *)&stream.started, 1);
		return;
	}
	if (m == MODE_STOPPING) {
		if (running)
			adc_hw_clock_stop();
		running = 0;
		store(&mode, MODE_IDLE);
		return;
	}
	if (!running)
		return;
	t = adc_hw_stat(ADC_HW_STAT_TICKS);
	if (t == seen)
		return; /* woken for something else */
	store(&stream.lost, stream.lost + (t - seen - 1)); /* R5 */
	store(&stream.ticks, t - ticks0);
	seen = t;
	v = adc_hw_convert(stream.channel);
	if (v < 0) {
		stream.error = v;
		stream_end();
		return;
	}
	i = stream.samples;
	stream.buf[stream.fill ? i : i % stream.n] = (uint16_t)v;
	store(&stream.samples, i + 1);
	if (stream.fill && i + 1 == stream.n)
		stream_end();
}

static void single_work(void)
{
	struct adc_round r;
	uint32_t shared;

	if (!load(&kick))
		return;
	/* S3: the collection turn: every other thread of the worker's priority
	 * that is ready runs once before the round is taken.  kick stays 1
	 * meanwhile, so requests made in the turn wake nobody: they are in
	 * this round.  A request made after the store below wakes the
	 * worker for the next round. */
	cos_sched_yield();
	__atomic_store_n(&kick, 0, __ATOMIC_SEQ_CST);
	adc_round_take(slots, COS_NCLIENTS_adc, &r);
	if (!r.clients)
		return;
	if (load(&mode) != MODE_IDLE) { /* S6 */
		adc_round_serve(slots, COS_NCLIENTS_adc, &r, 1, convert, 0, 0);
		count(&st_busy, (uint32_t)__builtin_popcount(r.clients));
		return;
	}
	adc_round_serve(slots, COS_NCLIENTS_adc, &r, 0, convert, 0, &shared);
	count(&st_rounds, 1);
	count(&st_shared, shared);
}

int cos_main(uint32_t arg)
{
	(void)arg;
	for (;;) {
		cos_sched_block();
		stream_work();
		single_work();
	}
	return 0;
}
