/*
 * test_adc_round.c - host tests of the ADC mux's request slots and rounds
 * (components/adc_mux/adc_round.c): the rules S2 and S4-S7 of docs/adc.md.
 *
 * A fake converter counts its calls and returns 7 per call, as QEMU's ADC
 * does, so a value names the conversion that produced it.  The last test
 * drives random interleavings of clients and the worker against a model.
 */
#include <stdlib.h>
#include <string.h>
#include <cos/kabi.h>
#include "adc_round.h"
#include "../../../interfaces/adc/adc.h"
#include "../check.h"

struct fake {
	uint32_t calls;
	uint32_t order[64];   /* channels converted, in order */
	int32_t fail;         /* when not 0: every conversion returns it */
	uint32_t *slots;      /* for the callback that plays a client meanwhile */
	int reclaim;          /* when set: at the second conversion, client 0 collects and asks again */
};

static int32_t fake_convert(void *ctx, uint32_t channel)
{
	struct fake *f = ctx;
	int32_t r;

	if (f->calls < 64)
		f->order[f->calls] = channel;
	f->calls++;
	if (f->reclaim && f->calls == 2) {
		CHECK(adc_slot_collect(&f->slots[0], &r));
		CHECK_EQ(adc_slot_claim(&f->slots[0], 5, ADC_NCHANNELS), COS_OK);
	}
	if (f->fail)
		return f->fail;
	return (int32_t)((7 * f->calls) & ADC_MAX_VALUE);
}

static void test_claim(void)
{
	uint32_t s = ADC_SLOT_IDLE;
	int32_t r = 99;

	CHECK_EQ(adc_slot_claim(&s, ADC_NCHANNELS, ADC_NCHANNELS), COS_EINVAL);
	CHECK_EQ(adc_slot_claim(&s, 40, 64), COS_EINVAL);
	CHECK_EQ(s, ADC_SLOT_IDLE);
	CHECK_EQ(adc_slot_claim(&s, 18, ADC_NCHANNELS), COS_OK);
	CHECK_EQ(s, ADC_SLOT_PENDING | 18);
	/* S5: a second thread of the same client while the first waits. */
	CHECK_EQ(adc_slot_claim(&s, 3, ADC_NCHANNELS), COS_EAGAIN);
	CHECK_EQ(s, ADC_SLOT_PENDING | 18);
	CHECK_EQ(adc_slot_collect(&s, &r), 0);
	CHECK_EQ(r, 99);
	s = ADC_SLOT_DONE | 4095;
	CHECK_EQ(adc_slot_claim(&s, 3, ADC_NCHANNELS), COS_EAGAIN); /* a result not yet collected */
	CHECK_EQ(adc_slot_collect(&s, &r), 1);
	CHECK_EQ(r, 4095);
	CHECK_EQ(s, ADC_SLOT_IDLE);
	CHECK_EQ(adc_slot_collect(&s, &r), 0);
	s = ADC_SLOT_DONE | ((uint32_t)ADC_ETIMEOUT & 0xffffu);
	CHECK_EQ(adc_slot_collect(&s, &r), 1);
	CHECK_EQ(r, ADC_ETIMEOUT);
}

/* S2: two clients on channel 3, one on channel 5, one idle. */
static void test_share(void)
{
	uint32_t slots[4] = { 0 }, shared = 99;
	struct fake f = { 0 };
	struct adc_round r;
	int32_t v[4];
	int k;

	CHECK_EQ(adc_slot_claim(&slots[2], 5, ADC_NCHANNELS), COS_OK);
	CHECK_EQ(adc_slot_claim(&slots[0], 3, ADC_NCHANNELS), COS_OK);
	CHECK_EQ(adc_slot_claim(&slots[1], 3, ADC_NCHANNELS), COS_OK);
	adc_round_take(slots, 4, &r);
	CHECK_EQ(r.clients, 0x7);
	CHECK_EQ(r.channels, (1u << 3) | (1u << 5));
	CHECK_EQ(adc_round_serve(slots, 4, &r, 0, fake_convert, &f, &shared), 2);
	CHECK_EQ(f.calls, 2);
	CHECK_EQ(f.order[0], 3); /* ascending channels */
	CHECK_EQ(f.order[1], 5);
	CHECK_EQ(shared, 1);
	for (k = 0; k < 3; k++)
		CHECK_EQ(adc_slot_collect(&slots[k], &v[k]), 1);
	CHECK_EQ(adc_slot_collect(&slots[3], &v[3]), 0);
	CHECK_EQ(v[0], 7);
	CHECK_EQ(v[1], 7);
	CHECK_EQ(v[2], 14);
	/* An empty round converts nothing. */
	adc_round_take(slots, 4, &r);
	CHECK_EQ(r.clients, 0);
	CHECK_EQ(adc_round_serve(slots, 4, &r, 0, fake_convert, &f, &shared), 0);
	CHECK_EQ(f.calls, 2);
	CHECK_EQ(shared, 0);
}

/* S4: a request made after the round was taken waits for the next round,
 * whose conversion starts after it: never an older value. */
static void test_fresh(void)
{
	uint32_t slots[2] = { 0 };
	struct fake f = { 0 };
	struct adc_round r;
	int32_t v;

	CHECK_EQ(adc_slot_claim(&slots[0], 1, ADC_NCHANNELS), COS_OK);
	adc_round_take(slots, 2, &r);
	CHECK_EQ(adc_slot_claim(&slots[1], 1, ADC_NCHANNELS), COS_OK);
	CHECK_EQ(adc_round_serve(slots, 2, &r, 0, fake_convert, &f, NULL), 1);
	CHECK_EQ(adc_slot_collect(&slots[0], &v), 1);
	CHECK_EQ(v, 7);
	CHECK_EQ(slots[1], ADC_SLOT_PENDING | 1); /* not served by a conversion older than it */
	adc_round_take(slots, 2, &r);
	CHECK_EQ(r.clients, 0x2);
	CHECK_EQ(adc_round_serve(slots, 2, &r, 0, fake_convert, &f, NULL), 1);
	CHECK_EQ(adc_slot_collect(&slots[1], &v), 1);
	CHECK_EQ(v, 14);
}

/* A client served early in a round collects and asks again for a channel
 * converted later in the same round: it is left for the next round. */
static void test_reclaim(void)
{
	uint32_t slots[2] = { 0 }, shared = 0;
	struct fake f = { 0 };
	struct adc_round r;
	int32_t v;

	f.slots = slots;
	f.reclaim = 1;
	CHECK_EQ(adc_slot_claim(&slots[0], 3, ADC_NCHANNELS), COS_OK);
	CHECK_EQ(adc_slot_claim(&slots[1], 5, ADC_NCHANNELS), COS_OK);
	adc_round_take(slots, 2, &r);
	CHECK_EQ(adc_round_serve(slots, 2, &r, 0, fake_convert, &f, &shared), 2);
	CHECK_EQ(shared, 0);
	CHECK_EQ(slots[0], ADC_SLOT_PENDING | 5);
	CHECK_EQ(adc_slot_collect(&slots[1], &v), 1);
	CHECK_EQ(v, 14);
}

/* S6: a round taken while a stream holds the converter: no conversion,
 * COS_EBUSY for everyone in it. */
static void test_busy(void)
{
	uint32_t slots[3] = { 0 }, shared = 99;
	struct fake f = { 0 };
	struct adc_round r;
	int32_t v;
	int k;

	CHECK_EQ(adc_slot_claim(&slots[0], 2, ADC_NCHANNELS), COS_OK);
	CHECK_EQ(adc_slot_claim(&slots[1], 2, ADC_NCHANNELS), COS_OK);
	CHECK_EQ(adc_slot_claim(&slots[2], 9, ADC_NCHANNELS), COS_OK);
	adc_round_take(slots, 3, &r);
	CHECK_EQ(adc_round_serve(slots, 3, &r, 1, fake_convert, &f, &shared), 0);
	CHECK_EQ(f.calls, 0);
	CHECK_EQ(shared, 0);
	for (k = 0; k < 3; k++) {
		CHECK_EQ(adc_slot_collect(&slots[k], &v), 1);
		CHECK_EQ(v, COS_EBUSY);
	}
}

/* S7: a converter error reaches every client that shared the conversion. */
static void test_error(void)
{
	uint32_t slots[2] = { 0 };
	struct fake f = { 0 };
	struct adc_round r;
	int32_t v;

	f.fail = ADC_ETIMEOUT;
	CHECK_EQ(adc_slot_claim(&slots[0], 0, ADC_NCHANNELS), COS_OK);
	CHECK_EQ(adc_slot_claim(&slots[1], 0, ADC_NCHANNELS), COS_OK);
	adc_round_take(slots, 2, &r);
	CHECK_EQ(adc_round_serve(slots, 2, &r, 0, fake_convert, &f, NULL), 1);
	CHECK_EQ(adc_slot_collect(&slots[0], &v), 1);
	CHECK_EQ(v, ADC_ETIMEOUT);
	CHECK_EQ(adc_slot_collect(&slots[1], &v), 1);
	CHECK_EQ(v, ADC_ETIMEOUT);
}

/* The largest round: 32 clients on one channel; a 33rd slot is ignored. */
static void test_many(void)
{
	uint32_t slots[33] = { 0 }, shared = 0;
	struct fake f = { 0 };
	struct adc_round r;
	int32_t v;
	int k;

	for (k = 0; k < 33; k++)
		CHECK_EQ(adc_slot_claim(&slots[k], 0, ADC_NCHANNELS), COS_OK);
	adc_round_take(slots, 33, &r);
	CHECK_EQ(r.clients, 0xffffffffu);
	CHECK_EQ(adc_round_serve(slots, 33, &r, 0, fake_convert, &f, &shared), 1);
	CHECK_EQ(shared, 31);
	for (k = 0; k < 32; k++) {
		CHECK_EQ(adc_slot_collect(&slots[k], &v), 1);
		CHECK_EQ(v, 7);
	}
	CHECK_EQ(slots[32], ADC_SLOT_PENDING);
}

/*
 * Random interleavings against a model: 8 clients, 4 channels.  Each step
 * is a client claiming or collecting, the worker taking a round, or the
 * worker serving the round it took (clients act between take and serve).
 * Checked at each serve: one conversion per channel of the round (S2); each
 * client of the round gets the value of its channel's conversion made by
 * this serve, the same as every other client of that channel (S2); a client
 * not in the round (one that asked after the take) is left as it was (S4).
 * Checked at each collect: the value is the one the serve gave.
 */
#define NCL 8
#define NCH 4
static void test_random(void)
{
	uint32_t slots[NCL] = { 0 }, before[NCL], chan[NCL] = { 0 };
	int32_t given[NCL] = { 0 }, chval[NCH];
	uint32_t step, k, bad = 0, served = 0, shared_total = 0, rounds = 0;
	struct fake f = { 0 };
	struct adc_round r = { 0, 0 };
	int taken = 0;
	int32_t v;

	srand(1);
	for (step = 1; step < 200000; step++) {
		uint32_t op = (uint32_t)rand() % 4;

		k = (uint32_t)rand() % NCL;
		if (op == 0 && slots[k] == ADC_SLOT_IDLE) {
			chan[k] = (uint32_t)rand() % NCH;
			if (adc_slot_claim(&slots[k], chan[k], ADC_NCHANNELS) != COS_OK)
				bad++;
		} else if (op == 1 && (slots[k] & ADC_SLOT_STATE) == ADC_SLOT_DONE) {
			if (adc_slot_collect(&slots[k], &v) != 1 || v != given[k])
				bad++;
			served++;
		} else if (op == 2 && !taken) {
			adc_round_take(slots, NCL, &r);
			taken = 1;
		} else if (op == 3 && taken) {
			uint32_t first, n, c, shared = 0;

			f.calls %= 580; /* values 7 .. 4060: value / 7 is the call's number */
			first = f.calls;
			memcpy(before, slots, sizeof(slots));
			n = adc_round_serve(slots, NCL, &r, 0, fake_convert, &f, &shared);
			if (n != (uint32_t)__builtin_popcount(r.channels) || f.calls - first != n)
				bad++;
			for (c = 0; c < NCH; c++)
				chval[c] = -1;
			for (c = 0; c < NCL; c++) {
				if (!(r.clients & (1u << c))) {
					if (slots[c] != before[c])
						bad++;
					continue;
				}
				if ((slots[c] & ADC_SLOT_STATE) != ADC_SLOT_DONE || !(r.channels & (1u << chan[c]))) {
					bad++;
					continue;
				}
				given[c] = (int32_t)(slots[c] & 0xffffu);
				if ((uint32_t)given[c] / 7 <= first || (uint32_t)given[c] / 7 > f.calls)
					bad++; /* not a conversion of this serve */
				if (chval[chan[c]] == -1)
					chval[chan[c]] = given[c];
				else if (chval[chan[c]] != given[c])
					bad++;
			}
			shared_total += shared;
			rounds++;
			taken = 0;
		}
	}
	CHECK_EQ(bad, 0);
	CHECK(served > 1000);
	CHECK(rounds > 1000);
	CHECK(shared_total > 100);
}

int main(int argc, char **argv)
{
	(void)argc;
	test_claim();
	test_share();
	test_fresh();
	test_reclaim();
	test_busy();
	test_error();
	test_many();
	test_random();
	return check_summary(argv[0]);
}
