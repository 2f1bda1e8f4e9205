/*
 * client.c - the ADC benchmark, with TIM2 (one tick per instruction under
 * -icount shift=0; its RCC clock is not needed under QEMU, and the driver
 * owns RCC here):
 *   adc_sample_mux       adc_sample(3): the client's stub, the mux (claim,
 *                        wakeup of its worker, which makes the round: the
 *                        collection turn, the driver's conversion, the
 *                        delivery, its block), the scheduler's decision that
 *                        runs the client again, the collect;
 *   adc_sample_driver    adc_hw_convert(3): one conversion through the
 *                        driver's gate, no mux;
 *   adc_mux_client_bytes the mux's state per client of "adc".
 */
#include "cos_gen.h"
#include "board.h"
#include "../../../../interfaces/adc/adc.h"

#define TIM2 ((volatile uint32_t *)board_devices_base(BOARD_DEV_BENCH_TIMER))
#define CNT(t) ((t)[0x24 / 4])
#define RUNS 4

static void report(const char *name, const uint32_t *v)
{
	cos_printf("BENCH %s: %u instructions%s\n", name, v[RUNS - 1], v[0] == v[RUNS - 1] ? "" : " (runs differ)");
}

int cos_main(uint32_t arg)
{
	uint32_t mux[RUNS], drv[RUNS], t0, t1, overhead;
	int32_t v, w;
	int i, bad = 0;

	(void)arg;
	TIM2[0x28 / 4] = 0;           /* PSC */
	TIM2[0x2c / 4] = 0xffffffffu; /* ARR */
	TIM2[0] = 1;                  /* CEN */
	t0 = CNT(TIM2);
	t1 = CNT(TIM2);
	overhead = t1 - t0;
	for (i = 0; i < RUNS; i++) {
		t0 = CNT(TIM2);
		v = adc_sample(3);
		t1 = CNT(TIM2);
		mux[i] = t1 - t0 - overhead;
		t0 = CNT(TIM2);
		w = adc_hw_convert(3);
		t1 = CNT(TIM2);
		drv[i] = t1 - t0 - overhead;
		if (v < 0 || w != ((v + 7) & (int32_t)ADC_MAX_VALUE))
			bad++;
	}
	report("adc_sample_mux", mux);
	report("adc_sample_driver", drv);
	cos_printf("BENCH adc_mux_client_bytes: %d bytes\n", adc_stat(ADC_STAT_CLIENT_BYTES));
	if (bad)
		cos_printf("bench: adc: %d samples out of sequence\n", bad);
	cos_halt(COS_SLOT_HALT, bad);
	return 0;
}
