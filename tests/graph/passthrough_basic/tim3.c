/* tim3.c - TIM3 for the passthrough tests (tim3.h). */
#include <cos/cos.h>
#include "board.h"
#include "tim3.h"

_Static_assert(BOARD_DEV_TEST_TIMER == BOARD_DEV_TIM3, "the clock bit below is the test timer's: TIM3");

volatile uint32_t *tim3(void)
{
	return (volatile uint32_t *)board_devices_base(BOARD_DEV_TIM3);
}

void tim3_clock_on(void)
{
	*(volatile uint32_t *)(board_devices_base(BOARD_DEV_CLOCKS) + BOARD_CLOCKS_TIMER_ENR) |=
		BOARD_CLOCKS_TEST_TIMER_EN;
}

void tim3_start(void)
{
	volatile uint32_t *t = tim3();

	t[TIM_CR1] = 0;
	t[TIM_PSC] = 0;
	t[TIM_SR] = 0;
	t[TIM_DIER] = 1; /* UIE */
	t[TIM_CR1] = 1;  /* CEN */
	t[TIM_ARR] = PT_PERIOD;
}

void tim3_stop(void)
{
	volatile uint32_t *t = tim3();

	t[TIM_DIER] = 0;
	t[TIM_CR1] = 0;
	t[TIM_SR] = 0;
}

uint32_t tim3_wait(uint32_t rcv, uint32_t n, uint32_t tries)
{
	volatile uint32_t *t = tim3();
	uint32_t seen = 0;

	while (seen < n && tries-- && cos_arcv(rcv) > 0) {
		if (!(t[TIM_SR] & 1))
			continue;
		t[TIM_SR] = 0;
		seen++;
	}
	return seen;
}
