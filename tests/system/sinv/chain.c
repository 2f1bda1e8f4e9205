/*
 * chain.c - a server that is also a client of the next link of a chain
 * (the gate in TEST_SLOT_FIRST; the last link has none).
 * op 0: r0 = a + b + c, r1 = a ^ b ^ c.  op 1: nest a more links deep, return
 * the depth reached (or the error).  op 2: count calls (state kept in the server).
 */
#include "test.h"

static uint32_t calls;

uint64_t chain_fn(uint32_t op, uint32_t a, uint32_t b, uint32_t c)
{
	int32_t r;

	switch (op) {
	case 0:
		return ((uint64_t)(a ^ b ^ c) << 32) | (a + b + c);
	case 1:
		if (a == 0)
			return 0;
		r = cos_sinv(TEST_SLOT_FIRST, 1, a - 1, 0, 0);
		return (uint32_t)(r < 0 ? r : r + 1);
	case 2:
		return ++calls;
	default:
		return (uint32_t)COS_EINVAL;
	}
}
COS_SERVER_ENTRY(chain_fn);
COS_DECLARE_ENTRY(chain_fn);
COS_EXPORTS(COS_ENTRY_ADDR(chain_fn));

int cos_main(uint32_t arg)
{
	(void)arg;
	return 0;
}
