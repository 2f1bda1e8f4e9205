/* server.c - the invoked function and the send receiver. */
#include <cos/cos.h>
#include "bench.h"

uint32_t bench_fn(uint32_t a, uint32_t b, uint32_t c, uint32_t d)
{
	(void)b;
	(void)c;
	(void)d;
	return a;
}
COS_SERVER_ENTRY(bench_fn);
COS_DECLARE_ENTRY(bench_fn);
COS_EXPORTS(COS_ENTRY_ADDR(bench_fn));

static void receiver(void)
{
	uint32_t i;

	for (i = 0; i < BENCH_RUNS; i++) {
		cos_arcv(BENCH_SLOT_RCV);
		SHARED->asnd[i] = bench_now() - SHARED->t0;
	}
}

/* arg selects the thread: 0 initialises, 1 receives sends. */
int cos_main(uint32_t arg)
{
	if (arg == 1)
		receiver();
	return 0;
}
