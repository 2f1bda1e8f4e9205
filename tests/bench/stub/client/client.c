/*
 * client.c - invocations through generated stubs, measured with TIM2 (one
 * tick per instruction under -icount shift=0): calc_add (words only: the
 * stub is the bare gate call) and calc_sum (a buffer argument: the server
 * stub checks it), against cos_sinv on the same gate.
 */
#include "cos_gen.h"
#include "board.h"

#define TIM2 board_devices_base(BOARD_DEV_BENCH_TIMER)
#define CNT(t) (*(volatile uint32_t *)((t) + 0x24))
#define RUNS 4

static uint32_t overhead;

static uint32_t now(void)
{
	return CNT(TIM2);
}

static void report(const char *name, const uint32_t *v)
{
	cos_printf("BENCH %s: %u instructions%s\n", name, v[RUNS - 1],
		   v[0] == v[RUNS - 1] ? "" : " (runs differ)");
}

int cos_main(uint32_t arg)
{
	volatile uint32_t *tim = (volatile uint32_t *)TIM2;
	uint32_t bare[RUNS], add[RUNS], sum[RUNS], t0, t1;
	int i;

	(void)arg;
	cos_console_cap(COS_SLOT_CONSOLE);
	*(volatile uint32_t *)(board_devices_base(BOARD_DEV_CLOCKS) + BOARD_CLOCKS_TIMER_ENR) |=
		BOARD_CLOCKS_BENCH_TIMER_EN;
	tim[0x28 / 4] = 0;           /* PSC */
	tim[0x2c / 4] = 0xffffffffu; /* ARR */
	tim[0] = 1;                  /* CEN */
	t0 = now();
	t1 = now();
	overhead = t1 - t0;
	for (i = 0; i < RUNS; i++) {
		t0 = now();
		cos_sinv(COS_GATE_calc_add, 1, 2, 0, 0);
		t1 = now();
		bare[i] = t1 - t0 - overhead;
		t0 = now();
		calc_add(1, 2);
		t1 = now();
		add[i] = t1 - t0 - overhead;
		t0 = now();
		calc_sum(0, 16);
		t1 = now();
		sum[i] = t1 - t0 - overhead;
	}
	report("sinv_roundtrip_gate", bare);
	report("sinv_roundtrip_stub", add);
	report("sinv_roundtrip_stub_buffer", sum);
	cos_halt(COS_SLOT_HALT, 0);
	return 0;
}
