/*
 * sbench.c - sched_block_wakeup: a thread blocks in the scheduler component
 * (role SBENCH_BLOCKER, slot 4); a less urgent thread of another component
 * (role SBENCH_WAKER, slot 5) stamps t0 and wakes it; the blocked thread
 * stamps the counter as soon as its cos_sched_block() returns.
 */
#include <cos/cos.h>
#include <cos/sched.h>
#include "bench.h"

int cos_main(uint32_t role)
{
	uint32_t i, t0, t1;

	cos_sched_init(BENCH_SLOT_SCHED);
	if (role == SBENCH_BLOCKER) {
		for (i = 0; i < BENCH_RUNS; i++) {
			cos_sched_block();
			SHARED->sbw[i] = bench_now() - SHARED->t0;
		}
		cos_sched_exit();
	}
	t0 = bench_now();
	t1 = bench_now();
	SHARED->sbw_overhead = t1 - t0;
	for (i = 0; i < BENCH_RUNS; i++) {
		SHARED->t0 = bench_now();
		cos_sched_wakeup(SBENCH_TID_BLOCKER); /* more urgent: runs inside this call */
	}
	cos_sched_exit();
}
