/*
 * adc_round.h - the ADC mux's request slots and rounds: the coalescing rules
 * of docs/adc.md (S2, S4-S7), without the kernel, so that it is tested on
 * the host (tests/unit/adc/test_adc_round.c, with sanitizers).
 *
 * Contract: each client of "adc" has one slot, one word, sized by the graph
 * (COS_NCLIENTS_adc).  A slot is IDLE, PENDING (a channel asked for) or DONE
 * (a result to collect).  Only the client's threads move it IDLE -> PENDING
 * (adc_slot_claim) and DONE -> IDLE (adc_slot_collect); only the mux's worker
 * moves it PENDING -> DONE (adc_round_serve).  adc_round_take snapshots the
 * PENDING slots: a round serves exactly those, one conversion per channel
 * asked for, the same result to every slot that asked for that channel.
 * Every access to a slot is one atomic word access, so a client and the
 * worker may run interleaved at any instruction.
 */
#ifndef ADC_ROUND_H
#define ADC_ROUND_H

#include <stdint.h>

#define ADC_SLOT_IDLE    0u
#define ADC_SLOT_PENDING 0x10000000u /* | channel */
#define ADC_SLOT_DONE    0x20000000u /* | the result's low 16 bits (a value or an error) */
#define ADC_SLOT_STATE   0xf0000000u
#define ADC_ROUND_MAX_CLIENTS 32u    /* a round is a 32-bit set of clients */

struct adc_round {
	uint32_t clients;  /* bit k: client k's request is served by this round */
	uint32_t channels; /* bit c: channel c is converted once in this round */
};

/* A converter: the value of one conversion of channel, or a negative error. */
typedef int32_t (*adc_convert_fn)(void *ctx, uint32_t channel);

/* Client side.  claim: COS_OK; COS_EINVAL for a channel >= nchannels (at most
 * 32); COS_EAGAIN when the slot is not IDLE (another thread of the same client
 * has a request in flight).  collect: 1 with *result when the slot is DONE
 * (it becomes IDLE), else 0. */
int32_t adc_slot_claim(uint32_t *slot, uint32_t channel, uint32_t nchannels);
int adc_slot_collect(uint32_t *slot, int32_t *result);

/* Worker side.  take: the round of the slots PENDING now (n <= 32).
 * serve: when busy is 0, one convert() per channel of the round in
 * ascending order, its result given to every slot of the round that asked
 * for that channel; when busy is not 0, no conversion and COS_EBUSY for
 * every slot of the round.  Returns the conversions made; *shared (if not
 * NULL) gets the number of slots served by a conversion another slot of the
 * round also received. */
void adc_round_take(const uint32_t *slots, uint32_t n, struct adc_round *r);
uint32_t adc_round_serve(uint32_t *slots, uint32_t n, const struct adc_round *r, int busy,
			 adc_convert_fn convert, void *ctx, uint32_t *shared);

#endif
