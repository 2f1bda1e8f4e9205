/*
 * adc_round.c - the ADC mux's request slots and rounds (adc_round.h; the
 * rules are docs/adc.md, S2 and S4-S7).  Pure logic: no kernel call, no device.
 */
#include <cos/kabi.h>
#include "adc_round.h"

static uint32_t slot_load(const uint32_t *slot)
{
	return __atomic_load_n(slot, __ATOMIC_ACQUIRE);
}

static void slot_store(uint32_t *slot, uint32_t v)
{
	__atomic_store_n(slot, v, __ATOMIC_RELEASE);
}

int32_t adc_slot_claim(uint32_t *slot, uint32_t channel, uint32_t nchannels)
{
	uint32_t idle = ADC_SLOT_IDLE;

	if (channel >= nchannels || channel >= 32)
		return COS_EINVAL;
	/* Two threads of one client may race here: one wins, the other is told. */
	if (!__atomic_compare_exchange_n(slot, &idle, ADC_SLOT_PENDING | channel, 0, __ATOMIC_ACQ_REL,
					 __ATOMIC_ACQUIRE))
		return COS_EAGAIN;
	return COS_OK;
}

int adc_slot_collect(uint32_t *slot, int32_t *result)
{
	uint32_t s = slot_load(slot);

	if ((s & ADC_SLOT_STATE) != ADC_SLOT_DONE)
		return 0;
	*result = (int32_t)(int16_t)(uint16_t)(s & 0xffffu);
	slot_store(slot, ADC_SLOT_IDLE);
	return 1;
}

void adc_round_take(const uint32_t *slots, uint32_t n, struct adc_round *r)
{
	uint32_t k, s;

	r->clients = 0;
	r->channels = 0;
	for (k = 0; k < n && k < ADC_ROUND_MAX_CLIENTS; k++) {
		s = slot_load(&slots[k]);
		if ((s & ADC_SLOT_STATE) != ADC_SLOT_PENDING)
			continue;
		r->clients |= 1u << k;
		r->channels |= 1u << (s & 31u);
	}
}

uint32_t adc_round_serve(uint32_t *slots, uint32_t n, const struct adc_round *r, int busy,
			 adc_convert_fn convert, void *ctx, uint32_t *shared)
{
	uint32_t channels = r->channels, left = r->clients, conversions = 0, extra = 0;
	uint32_t c, k, m, s, done;
	int32_t v;

	while (channels) {
		c = (uint32_t)__builtin_ctz(channels);
		channels &= channels - 1;
		if (busy) {
			v = COS_EBUSY;
		} else {
			v = convert(ctx, c);
			conversions++;
		}
		done = ADC_SLOT_DONE | ((uint32_t)v & 0xffffu);
		m = 0;
		/* Each slot of the round is served once: a client that collected
		 * and asked again meanwhile is left for the next round (S4). */
		for (k = 0; k < n && k < ADC_ROUND_MAX_CLIENTS; k++) {
			if (!(left & (1u << k)))
				continue;
			s = slot_load(&slots[k]);
			if (s != (ADC_SLOT_PENDING | c))
				continue;
			left &= ~(1u << k);
			slot_store(&slots[k], done);
			m++;
		}
		if (m > 1 && !busy)
			extra += m - 1;
	}
	if (shared)
		*shared = extra;
	return conversions;
}
