/*
 * client.c - the alarm figures, counted with TIM2 (one tick per instruction
 * under -icount shift=0; never written here, so it reads the virtual clock
 * exactly as the driver's TIM5 does, and the driver's time is that plus
 * TIMER_STM32_START).
 *   alarm_set:        the generated stub alarm_set(...) of an alarm that
 *                     becomes the earliest (the hardware alarm was off): the
 *                     mux reads the driver's counter, stores the alarm, wakes
 *                     its thread (a hand-off), which evaluates and sets the
 *                     driver's alarm, blocks, and the client returns.
 *   alarm_set_later:  the same for an alarm behind the hardware alarm: no
 *                     wakeup of the mux's thread.
 *   alarm_fire:       from the alarm's expiry (the driver's counter reaches
 *                     it while a less urgent thread spins) until the client
 *                     thread returns from cos_sched_block.
 * and the bytes the mux reserves per client.
 */
#include "cos_gen.h"
#include <cos/alarm.h>
#include "board.h"
#include "../../../../components/timer_stm32/tim.h"

#define TIM2_CNT (*(volatile uint32_t *)(board_devices_base(BOARD_DEV_BENCH_TIMER) + 0x24))
#define RUNS 4

static volatile uint32_t spins;

static uint32_t now(void)
{
	return TIM2_CNT;
}

static void report(const char *name, const uint32_t *v)
{
	cos_printf("BENCH %s: %u instructions%s\n", name, v[RUNS - 1], v[0] == v[RUNS - 1] ? "" : " (runs differ)");
}

int cos_main(uint32_t arg)
{
	uint32_t set[RUNS], later[RUNS], fire[RUNS], overhead, t0, t1, ref, at, i;

	if (arg == COS_THREAD_spin)
		for (;;)
			spins++;

	t0 = now();
	t1 = now();
	overhead = t1 - t0;
	t0 = now();
	ref = alarm_now();
	t1 = now();
	if (ref - TIMER_STM32_START - t0 > t1 - t0)
		cos_printf("alarm bench: TIM2 and the driver's counter disagree: the figures are wrong\n");

	/* One round more than recorded, first: every path has run once (the
	 * scheduler's positions included) before the counted rounds. */
	for (i = 0; i <= RUNS; i++) {
		/* set: the hardware alarm is off (nothing armed). */
		alarm_cancel(0);
		ref = alarm_now();
		t0 = now();
		alarm_set(0, ref, 100000000u, COS_TID_main);
		t1 = now();
		if (i)
			set[i - 1] = t1 - t0 - overhead;
		/* set_later: alarm 0 (0.1 s away) keeps the hardware alarm. */
		ref = alarm_now();
		t0 = now();
		alarm_set(1, ref, 200000000u, COS_TID_main);
		t1 = now();
		if (i)
			later[i - 1] = t1 - t0 - overhead;
		alarm_cancel(1);
		alarm_cancel(0);
		/* fire: block; the spinner runs when the alarm is due. */
		ref = alarm_now();
		at = ref + 200000u;
		alarm_set(2, ref, 200000u, COS_TID_main);
		do {
			cos_sched_block();
			t1 = now();
		} while (alarm_armed(2) == 1); /* (another wakeup: not this alarm's) */
		if (i)
			fire[i - 1] = t1 - (at - TIMER_STM32_START) - overhead;
	}
	report("alarm_set", set);
	report("alarm_set_later", later);
	report("alarm_fire", fire);
	cos_printf("BENCH alarm_mux_client_bytes: %u bytes\n", alarm_stat(ALARM_STAT_CLIENT_BYTES));
	cos_halt(COS_SLOT_HALT, spins ? 0 : 1);
	return 0;
}
