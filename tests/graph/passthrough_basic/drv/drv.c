/*
 * drv.c - a driver given TIM3 at run time (docs/passthrough.md): devices the
 * board does not pass through to it are refused with PASSTHROUGH_EREFUSED;
 * TIM3 is mapped into it on request, its update interrupt reaches this
 * thread's endpoint, a release unmaps it and a second request gives it
 * again.  The last access, after the final release, faults: the fault
 * handler (ptguard) checks it and ends the test.
 */
#include <stdio.h>
#include "cos_gen.h"
#include "board.h"
#include "test.h"
#include "../../passthrough_basic/tim3.h"

#define TICKS 3

int cos_main(uint32_t arg)
{
	volatile uint32_t *t = tim3();

	(void)arg;
	CHECK_EQ("pt_first: USART2 is refused: the board passes it to pt_second only",
		 passthrough_request(BOARD_DEV_USART2), PASSTHROUGH_EREFUSED);
	CHECK_EQ("pt_first: ADC is refused: the board passes it to nobody", passthrough_request(BOARD_DEV_ADC),
		 PASSTHROUGH_EREFUSED);
	CHECK_EQ("pt_first: a device index past the board's is refused", passthrough_request(BOARD_NDEVICES + 3),
		 PASSTHROUGH_EREFUSED);
	CHECK_EQ("pt_first: TIM3 is not held before a request", passthrough_held(BOARD_DEV_TIM3), 0);
	CHECK_EQ("pt_first: releasing TIM3 before a request is PASSTHROUGH_ENOTHELD",
		 passthrough_release(BOARD_DEV_TIM3), PASSTHROUGH_ENOTHELD);

	tim3_clock_on();
	CHECK_EQ("pt_first: TIM3 is given on request", passthrough_request(BOARD_DEV_TIM3), COS_OK);
	CHECK_EQ("pt_first: a second request is PASSTHROUGH_EHELD", passthrough_request(BOARD_DEV_TIM3),
		 PASSTHROUGH_EHELD);
	CHECK_EQ("pt_first: held says so", passthrough_held(BOARD_DEV_TIM3), 1);
	t[TIM_CR1] = 0;
	t[TIM_ARR] = 12345;
	CHECK_EQ("pt_first: TIM3's registers are mapped: ARR reads back", t[TIM_ARR], 12345);
	tim3_start();
	CHECK_EQ("pt_first: TIM3's update interrupts reach this thread through its endpoint",
		 tim3_wait(COS_PT_RCV_TIM3, TICKS, 100), TICKS);
	printf("pt_first: %d update interrupts of TIM3 received at user level\n", TICKS);
	tim3_stop();
	CHECK_EQ("pt_first: TIM3 is released", passthrough_release(BOARD_DEV_TIM3), COS_OK);
	CHECK_EQ("pt_first: a second release is PASSTHROUGH_ENOTHELD", passthrough_release(BOARD_DEV_TIM3),
		 PASSTHROUGH_ENOTHELD);
	CHECK_EQ("pt_first: not held after the release", passthrough_held(BOARD_DEV_TIM3), 0);

	CHECK_EQ("pt_first: TIM3 is given again after its release", passthrough_request(BOARD_DEV_TIM3), COS_OK);
	t[TIM_ARR] = 777;
	CHECK_EQ("pt_first: and its registers are mapped again", t[TIM_ARR], 777);
	tim3_start();
	CHECK_EQ("pt_first: and its interrupt attached again", tim3_wait(COS_PT_RCV_TIM3, 1, 100), 1);
	tim3_stop();
	CHECK_EQ("pt_first: TIM3 is released again", passthrough_release(BOARD_DEV_TIM3), COS_OK);

	printf("pt_first: %d failures; now reading TIM3 after its release (must fault)\n", test_failures());
	printf("pt_first: read %x (must never print)\n", (unsigned)t[TIM_CNT]);
	return 0;
}
