/*
 * ticker.c - a user-level timer driver: TIM3's update interrupt reaches it as
 * sends on its endpoint; on each it clears the flag and notifies the app.
 * Programmed as the STM32F405 reference manual says (the booter enabled its
 * clock): prescaler, auto-reload, update interrupt enable, counter enable.
 */
#include "demo.h"

#define TIM_CR1  0
#define TIM_DIER 3
#define TIM_SR   4
#define TIM_PSC  10
#define TIM_ARR  11
#define TICK_PERIOD 20000000u /* timer clocks: 20 ms under QEMU (1 GHz), 1.25 s at 16 MHz */

/* Private to the ticker: the intruder aims here. */
volatile uint32_t ticks_seen;

int cos_main(uint32_t arg)
{
	volatile uint32_t *tim = (volatile uint32_t *)TICKER_TIM;
	int32_t r;

	(void)arg;
	test_init();
	CHECK_EQ("ticker: interrupt line attached to its endpoint",
		 cos_hw_attach(SLOT_HW, TICKER_IRQ, SLOT_SELF_SND), COS_OK);
	tim[TIM_CR1] = 0;
	tim[TIM_PSC] = 0;
	tim[TIM_SR] = 0;
	tim[TIM_DIER] = 1;            /* UIE */
	tim[TIM_CR1] = 1;             /* CEN */
	tim[TIM_ARR] = TICK_PERIOD;
	while (ticks_seen < TICKS) {
		r = cos_arcv(SLOT_RCV);
		if (r <= 0)
			break;
		if (tim[TIM_SR] & 1) {
			tim[TIM_SR] = 0;      /* UIF is cleared by writing 0 */
			ticks_seen++;
			cos_printf("ticker: interrupt %u reached the driver thread\n", ticks_seen);
			cos_asnd(SLOT_TO_APP);
		}
	}
	tim[TIM_DIER] = 0;
	tim[TIM_CR1] = 0;
	CHECK_EQ("ticker: three timer interrupts handled at user level", ticks_seen, TICKS);
	test_done();
	return 0;
}
