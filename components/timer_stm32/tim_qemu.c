/*
 * tim_qemu.c - the timer as QEMU 7.2 models it (hw/timer/stm32f2xx_timer.c),
 * which is not the chip:
 *   - CNT reads the virtual clock in ns (the model counts at 1 GHz whatever
 *     the clock tree says) minus an offset taken at reset (0) or at a CNT,
 *     PSC or EGR write; it wraps at 2^32, never at ARR;
 *   - there is no compare interrupt: CCR1 and CC1IE do nothing;
 *   - an ARR write at time t arms the update event at t + ARR + offset, and
 *     the event then repeats every ARR + offset while CR1.CEN and DIER.UIE
 *     are set; it sets SR.UIF and raises the line only while both are set.
 * So this backend never writes CNT, PSC or EGR (the offset stays 0 and the
 * counter exact); the driver's time is CNT + TIMER_STM32_START (the start
 * the chip gets by a CNT write before CEN); and the alarm is the update
 * event: ARR = target - now, a one-shot whose repeats the next tim_arm or
 * tim_disarm replaces (they are spurious wakeups, which the contract allows).
 * It never fires early: the event comes ARR ticks after the ARR write, which
 * is after the now it was computed from.
 */
#include "tim.h"

#ifdef TIMER_STM32_QEMU

#define TIMER_STM32_QEMU_HZ 1000000000u

static volatile uint32_t *t;

void tim_init(volatile uint32_t *tim)
{
	t = tim;
	t[TIM_CR1] = 0;
	t[TIM_DIER] = 0;
	t[TIM_SR] = 0;
	t[TIM_CR1] = TIM_CR1_CEN; /* the model raises updates only while CEN is set */
}

uint32_t tim_now(void)
{
	return t[TIM_CNT] + TIMER_STM32_START;
}

uint32_t tim_freq(void)
{
	return TIMER_STM32_QEMU_HZ;
}

uint32_t tim_arm(uint32_t target)
{
	uint32_t now = tim_now();

	if (tim_reached(now, target)) {
		t[TIM_DIER] = 0;
		return now;
	}
	t[TIM_SR] = ~TIM_SR_UIF;
	t[TIM_DIER] = TIM_DIER_UIE; /* first: an event between the two writes must not be dropped */
	t[TIM_ARR] = target - now;  /* replaces the pending event */
	return now;
}

void tim_disarm(void)
{
	t[TIM_DIER] = 0;
}

int tim_ack(void)
{
	if (!(t[TIM_SR] & TIM_SR_UIF))
		return 0;
	t[TIM_SR] = ~TIM_SR_UIF;
	return 1;
}

#endif
