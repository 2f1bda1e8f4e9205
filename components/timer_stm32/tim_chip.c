/*
 * tim_chip.c - the timer on the STM32F405 (RM0090, section 18: TIM2 to TIM5
 * are 32-bit up-counters).  The counter runs free through all 32 bits
 * (ARR = 0xffffffff, prescaler 1); compare channel 1 is the alarm: CCR1 the
 * target, CC1IF set when CNT equals CCR1, CC1IE its interrupt.  A target
 * already reached when it is written would match only after a full wrap, so
 * tim_arm checks the counter after writing CCR1 and reports it instead.
 * Not used under QEMU 7.2, whose model raises no compare interrupts
 * (tim_qemu.c; the choice is in tim.h).
 */
#include "tim.h"

#ifdef TIMER_STM32_CHIP

/* The timer's clock: the kernel leaves the clock tree as reset left it
 * (HSI, 16 MHz; APB1 prescaler 1, so the timers get PCLK1 itself). */
#define TIMER_STM32_CHIP_HZ 16000000u

static volatile uint32_t *t;

void tim_init(volatile uint32_t *tim)
{
	t = tim;
	t[TIM_CR1] = 0;
	t[TIM_DIER] = 0;
	t[TIM_CCMR1] = 0; /* channel 1: output compare, frozen (no pin), no preload */
	t[TIM_CCER] = 0;
	t[TIM_PSC] = 0;
	t[TIM_ARR] = 0xffffffffu;
	t[TIM_EGR] = TIM_EGR_UG; /* load the prescaler and ARR now */
	t[TIM_CNT] = TIMER_STM32_START; /* before CEN: the counter starts there */
	t[TIM_SR] = 0;
	t[TIM_CR1] = TIM_CR1_CEN;
}

uint32_t tim_now(void)
{
	return t[TIM_CNT];
}

uint32_t tim_freq(void)
{
	return TIMER_STM32_CHIP_HZ;
}

uint32_t tim_arm(uint32_t target)
{
	uint32_t now;

	t[TIM_CCR1] = target;
	t[TIM_SR] = ~TIM_SR_CC1IF; /* rc_w0: forget a match of the old CCR1 */
	t[TIM_DIER] = TIM_DIER_CC1IE;
	now = t[TIM_CNT];
	if (tim_reached(now, target))
		t[TIM_DIER] = 0; /* (if it matched meanwhile, the wakeup still comes: harmless) */
	return now;
}

void tim_disarm(void)
{
	t[TIM_DIER] = 0;
}

int tim_ack(void)
{
	if (!(t[TIM_SR] & TIM_SR_CC1IF))
		return 0;
	t[TIM_SR] = ~TIM_SR_CC1IF;
	return 1;
}

#endif
