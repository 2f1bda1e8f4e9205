/*
 * ticker.c - a user-level timer driver: TIM3's update interrupt reaches its
 * thread through an endpoint; on each it clears the flag and wakes the app's
 * listener through the scheduler.  Programmed as the reference manual says
 * (clock enable, prescaler, auto-reload, update interrupt, counter enable);
 * QEMU 7.2's model arms the update one ARR period after the ARR write.
 */
#include <stdio.h>
#include "cos_gen.h"
#include "board.h"

#define TIM_CR1  0
#define TIM_DIER 3
#define TIM_SR   4
#define TIM_PSC  10
#define TIM_ARR  11
#define PERIOD 20000000u /* 20 ms under QEMU (its timer counts at 1 GHz) */
#define TICKS 3

volatile uint32_t ticks_seen; /* private: the intruder aims at the ticker's RAM */

int cos_main(uint32_t arg)
{
	volatile uint32_t *tim = (volatile uint32_t *)board_devices_base(BOARD_DEV_TEST_TIMER);

	(void)arg;
	*(volatile uint32_t *)(board_devices_base(BOARD_DEV_CLOCKS) + BOARD_CLOCKS_TIMER_ENR) |=
		BOARD_CLOCKS_TEST_TIMER_EN;
	tim[TIM_CR1] = 0;
	tim[TIM_PSC] = 0;
	tim[TIM_SR] = 0;
	tim[TIM_DIER] = 1; /* UIE */
	tim[TIM_CR1] = 1;  /* CEN */
	tim[TIM_ARR] = PERIOD;
	while (ticks_seen < TICKS && cos_arcv(COS_RCV_tick) > 0) {
		if (!(tim[TIM_SR] & 1))
			continue;
		tim[TIM_SR] = 0;
		ticks_seen++;
		printf("ticker: interrupt %u reached the driver thread\n", (unsigned)ticks_seen);
		cos_sched_wakeup(COS_TID_app_listener);
	}
	tim[TIM_DIER] = 0;
	tim[TIM_CR1] = 0;
	return 0;
}
