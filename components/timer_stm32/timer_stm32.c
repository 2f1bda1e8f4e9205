/*
 * timer_stm32.c - a 32-bit hardware alarm driver for the STM32's
 * general-purpose timers (the board's BOARD_DEV_ALARM_TIMER, TIM5 on
 * netduinoplus2): the "timer" interface (now, freq, set, cancel, notify) over
 * the backend of tim.h, and the thread that takes the timer's interrupt and
 * wakes the client's thread through the scheduler.
 *
 * Graph: devices = [TIM5, RCC] (RCC to turn the timer's clock on; or TIM5
 * and a dependency on "clock" where another component owns RCC), a thread
 * named "irq" that takes TIM5's interrupt, a dependency on "sched".  The
 * "timer" interface has exactly one client (alarm_mux), which calls set and
 * cancel from one thread: the driver keeps no state of its own to protect.
 * Priority: its thread must be at least as urgent as every thread that can
 * reach it (the compiler checks).
 */
#include "cos_gen.h"
#include "board.h"
#include "tim.h"

#if defined(COS_GEN_H) && !defined(COS_RCV_irq)
#error "timer_stm32 needs a thread named irq that takes the timer's interrupt (docs/alarm.md, section 6)"
#endif
_Static_assert(COS_NCLIENTS_timer == 1, "timer_stm32 serves one client: put alarm_mux in front of it");

static uint32_t notify_tid;

/* Start the counter.  With its own RCC the driver does it in the initialiser
 * thread, before any thread or caller.  With the clock service it cannot
 * (an initialiser has no server stack to call with: docs/compgraph.md), so
 * the interrupt thread does it first; the graph must then make that thread
 * strictly more urgent than every caller's (the compiler checks "at least
 * as urgent"), so that it runs before any of them. */
static void timer_start(void)
{
#ifdef COS_GATE_clock_enable
	if (clock_enable(BOARD_DEV_ALARM_TIMER) != 0)
		cos_printf("timer_stm32: the clock service refused the timer's clock\n");
#else
	volatile uint32_t *rcc = (volatile uint32_t *)board_devices_base(BOARD_DEV_CLOCKS);

	rcc[BOARD_CLOCKS_TIMER_ENR / 4] |= BOARD_CLOCKS_ALARM_TIMER_EN;
	(void)rcc[BOARD_CLOCKS_TIMER_ENR / 4]; /* RM0090: the clock is on after a read back */
#endif
	tim_init((volatile uint32_t *)board_devices_base(BOARD_DEV_ALARM_TIMER));
}

#ifndef COS_GATE_clock_enable
void cos_init(void)
{
	timer_start();
}
#endif

uint32_t timer_now(uint32_t client)
{
	(void)client;
	return tim_now();
}

uint32_t timer_freq(uint32_t client)
{
	(void)client;
	return tim_freq();
}

uint32_t timer_set(uint32_t target, uint32_t client)
{
	(void)client;
	return tim_arm(target);
}

uint32_t timer_cancel(uint32_t client)
{
	(void)client;
	tim_disarm();
	return tim_now();
}

int32_t timer_notify(uint32_t tid, uint32_t client)
{
	(void)client;
	if (tid == 0 || tid >= COS_MAX_TID)
		return COS_EINVAL;
	__atomic_store_n(&notify_tid, tid, __ATOMIC_SEQ_CST);
	return COS_OK;
}

/* The interrupt thread: each interrupt that finds the alarm's flag set wakes
 * the client's thread.  The kernel keeps the line masked until the next
 * cos_arcv, so the flag is cleared before it. */
int cos_main(uint32_t arg)
{
	uint32_t tid;

	(void)arg;
#ifdef COS_GATE_clock_enable
	timer_start();
#endif
	for (;;) {
		if (cos_arcv(COS_RCV_irq) < 0)
			break;
		tid = __atomic_load_n(&notify_tid, __ATOMIC_SEQ_CST);
		if (tim_ack() && tid)
			cos_sched_wakeup(tid);
	}
	return 0;
}
