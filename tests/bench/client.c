/* client.c - drives the measurements and prints them. */
#include <cos/cos.h>
#include "bench.h"

#define SPIN_MAX 200000u

static uint32_t overhead; /* instructions of one counter read, measured */

static uint32_t same(const uint32_t *v, int n)
{
	int i;

	for (i = 1; i < n; i++)
		if (v[i] != v[0])
			return 0;
	return 1;
}

static void report(const char *name, uint32_t *v, int n)
{
	cos_printf("BENCH %s: %u instructions%s\n", name, v[n - 1],
		   same(v, n) ? "" : " (runs differ)");
}

static void bench_sinv(void)
{
	uint32_t v[BENCH_RUNS], t0, t1;
	int i;

	for (i = 0; i < BENCH_RUNS; i++) {
		t0 = bench_now();
		cos_sinv(BENCH_SLOT_GATE, 1, 2, 3, 4);
		t1 = bench_now();
		v[i] = t1 - t0 - overhead;
	}
	report("sinv_roundtrip", v, BENCH_RUNS);
}

static void bench_asnd(void)
{
	uint32_t v[BENCH_RUNS];
	int i;

	for (i = 0; i < BENCH_RUNS; i++) {
		SHARED->t0 = bench_now();
		cos_asnd(BENCH_SLOT_ASND);
	}
	for (i = 0; i < BENCH_RUNS; i++)
		v[i] = SHARED->asnd[i] - overhead - 1; /* 1: the store of t0 */
	report("asnd_to_arcv", v, BENCH_RUNS);
}

/* The booter arms TIM3 and dispatches us back; we spin until the interrupt
 * thread (more urgent, in another component) has run. */
static void bench_irq(void)
{
	uint32_t spin = 0;

	SHARED->phase = PHASE_IRQ;
	cos_yield();
	while (!SHARED->irq_seen && spin < SPIN_MAX)
		spin++;
	SHARED->phase = PHASE_RUN;
	if (!SHARED->irq_seen) {
		cos_printf("BENCH irq_to_thread: no interrupt\n");
		return;
	}
	cos_printf("BENCH irq_to_thread: %u instructions\n", SHARED->irq - SHARED->irq_due - overhead);
}

static void bench_dispatch(void)
{
	uint32_t v[BENCH_RUNS];
	int i;

	SHARED->phase = PHASE_DISPATCH;
	for (i = 0; i < BENCH_RUNS; i++) {
		cos_yield(); /* the booter stamps t0 and dispatches back to us */
		v[i] = bench_now() - SHARED->t0 - overhead;
	}
	SHARED->phase = PHASE_RUN;
	report("thread_dispatch", v, BENCH_RUNS);
}

int cos_main(uint32_t arg)
{
	uint32_t t0, t1;

	(void)arg;
	cos_console_cap(BENCH_SLOT_CONSOLE);
	t0 = bench_now();
	t1 = bench_now();
	overhead = t1 - t0;
	bench_sinv();
	bench_asnd();
	bench_irq();
	bench_dispatch();
	SHARED->phase = PHASE_DONE;
	return 0;
}
