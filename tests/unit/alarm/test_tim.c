/*
 * test_tim.c - host test of a timer_stm32 backend (components/timer_stm32/
 * tim_qemu.c or tim_chip.c, chosen with -DTIMER_STM32_QEMU or
 * -DTIMER_STM32_CHIP) on an array standing for the timer's registers: what
 * it writes to start the counter, to arm the alarm at a target (ahead,
 * reached, across the wrap, half a range away), to disarm it and to
 * acknowledge its flag.
 */
#include <stdint.h>
#include <string.h>
#include "check.h"
#include "tim.h"

#define SENTINEL 0x5a5a5a5au

static volatile uint32_t r[256];

static void test_reached(void)
{
	CHECK(tim_reached(100, 100));
	CHECK(tim_reached(101, 100));
	CHECK(!tim_reached(99, 100));
	CHECK(tim_reached(5, 0xfffffff0u));                /* across the wrap: passed */
	CHECK(!tim_reached(0xfffffff0u, 5));               /* ahead, across the wrap */
	CHECK(!tim_reached(0, 0x7fffffffu));               /* half a range minus one ahead */
	CHECK(!tim_reached(0, 0x80000000u));               /* half a range ahead: still ahead */
	CHECK(tim_reached(0, 0x80000001u));                /* half a range minus one behind */
}

#ifdef TIMER_STM32_QEMU
static void test_qemu(void)
{
	uint32_t now;

	for (int i = 0; i < 256; i++)
		r[i] = SENTINEL;
	r[TIM_CNT] = 1000;
	tim_init(r);
	/* Never CNT, PSC or EGR: each re-bases the model's counter and skews its events. */
	CHECK_EQ(r[TIM_CNT], 1000);
	CHECK_EQ(r[TIM_PSC], SENTINEL);
	CHECK_EQ(r[TIM_EGR], SENTINEL);
	CHECK_EQ(r[TIM_CR1], TIM_CR1_CEN);
	CHECK_EQ(r[TIM_DIER], 0);
	CHECK_EQ(tim_freq(), 1000000000u);
	/* The driver's time: CNT from TIMER_STM32_START. */
	now = tim_now();
	CHECK_EQ(now, TIMER_STM32_START + 1000);
	/* Ahead: the update event ARR ticks after the write, UIE on, UIF cleared. */
	r[TIM_ARR] = SENTINEL;
	CHECK_EQ(tim_arm(now + 500), now);
	CHECK_EQ(r[TIM_ARR], 500);
	CHECK_EQ(r[TIM_DIER], TIM_DIER_UIE);
	CHECK_EQ(r[TIM_SR], ~TIM_SR_UIF);
	CHECK_EQ(tim_arm(now + 1), now);
	CHECK_EQ(r[TIM_ARR], 1);
	CHECK_EQ(tim_arm(now + 0x7fffffffu), now);
	CHECK_EQ(r[TIM_ARR], 0x7fffffffu);
	/* Reached (now, behind, half a range ahead): nothing armed, the counter returned. */
	r[TIM_ARR] = SENTINEL;
	CHECK_EQ(tim_arm(now), now);
	CHECK_EQ(r[TIM_DIER], 0);
	CHECK_EQ(r[TIM_ARR], SENTINEL);
	r[TIM_DIER] = TIM_DIER_UIE;
	CHECK_EQ(tim_arm(now - 1), now);
	CHECK_EQ(r[TIM_DIER], 0);
	CHECK_EQ(tim_arm(now + 0x80000001u), now);
	CHECK_EQ(r[TIM_ARR], SENTINEL);
	/* Across the wrap. */
	r[TIM_CNT] = 0u - TIMER_STM32_START - 10; /* now = 2^32 - 10 */
	now = tim_now();
	CHECK_EQ(now, 0xfffffff6u);
	CHECK_EQ(tim_arm(20), now);
	CHECK_EQ(r[TIM_ARR], 30);
	CHECK_EQ(r[TIM_DIER], TIM_DIER_UIE);
	/* Disarm, acknowledge. */
	tim_disarm();
	CHECK_EQ(r[TIM_DIER], 0);
	r[TIM_SR] = TIM_SR_UIF;
	CHECK_EQ(tim_ack(), 1);
	CHECK_EQ(r[TIM_SR], ~TIM_SR_UIF); /* rc_w0: only UIF cleared */
	r[TIM_SR] = 0;
	CHECK_EQ(tim_ack(), 0);
	/* Still never CNT, PSC or EGR. */
	CHECK_EQ(r[TIM_PSC], SENTINEL);
	CHECK_EQ(r[TIM_EGR], SENTINEL);
}
#endif

#ifdef TIMER_STM32_CHIP
static void test_chip(void)
{
	uint32_t now;

	for (int i = 0; i < 256; i++)
		r[i] = SENTINEL;
	tim_init(r);
	/* RM0090: a 32-bit up-counter over the whole range from START, compare 1 frozen. */
	CHECK_EQ(r[TIM_ARR], 0xffffffffu);
	CHECK_EQ(r[TIM_PSC], 0);
	CHECK_EQ(r[TIM_CNT], TIMER_STM32_START);
	CHECK_EQ(r[TIM_CCMR1], 0);
	CHECK_EQ(r[TIM_CCER], 0);
	CHECK_EQ(r[TIM_DIER], 0);
	CHECK_EQ(r[TIM_SR], 0);
	CHECK_EQ(r[TIM_EGR], TIM_EGR_UG);
	CHECK_EQ(r[TIM_CR1], TIM_CR1_CEN);
	CHECK_EQ(tim_freq(), 16000000u);
	r[TIM_CNT] = 0xfffffff0u;
	now = tim_now();
	CHECK_EQ(now, 0xfffffff0u);
	/* Ahead (across the wrap): CCR1 the target, CC1IE on, a stale CC1IF cleared. */
	CHECK_EQ(tim_arm(0x10), now);
	CHECK_EQ(r[TIM_CCR1], 0x10);
	CHECK_EQ(r[TIM_DIER], TIM_DIER_CC1IE);
	CHECK_EQ(r[TIM_SR], ~TIM_SR_CC1IF);
	/* Reached: CCR1 written but the interrupt left off, the counter returned. */
	CHECK_EQ(tim_arm(now), now);
	CHECK_EQ(r[TIM_DIER], 0);
	CHECK_EQ(tim_arm(now - 5), now);
	CHECK_EQ(r[TIM_DIER], 0);
	CHECK_EQ(tim_arm(now + 0x80000001u), now);
	CHECK_EQ(r[TIM_DIER], 0);
	CHECK_EQ(tim_arm(now + 0x7fffffffu), now);
	CHECK_EQ(r[TIM_DIER], TIM_DIER_CC1IE);
	tim_disarm();
	CHECK_EQ(r[TIM_DIER], 0);
	r[TIM_SR] = TIM_SR_CC1IF | TIM_SR_UIF;
	CHECK_EQ(tim_ack(), 1);
	CHECK_EQ(r[TIM_SR], ~TIM_SR_CC1IF);
	r[TIM_SR] = TIM_SR_UIF; /* the wrap's update flag is not the alarm */
	CHECK_EQ(tim_ack(), 0);
}
#endif

int main(int argc, char **argv)
{
	(void)argc;
	test_reached();
#ifdef TIMER_STM32_QEMU
	test_qemu();
#endif
#ifdef TIMER_STM32_CHIP
	test_chip();
#endif
	return check_summary(argv[0]);
}
