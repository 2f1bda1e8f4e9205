/*
 * first.c - pt_first: holds TIM3 while pt_second asks for it (refused as
 * busy), takes two update interrupts, releases it, and then reads TIM3 once
 * more: that read faults, ptguard reports it and wakes pt_second, and this
 * thread ends while the others go on.  pt_first and pt_second hand over to
 * each other (block, wakeup), so only one of them runs at a time.
 */
#include <stdio.h>
#include "cos_gen.h"
#include "board.h"
#include "test.h"
#include "../../passthrough_basic/tim3.h"

int cos_main(uint32_t arg)
{
	volatile uint32_t *t = tim3();

	(void)arg;
	tim3_clock_on();
	CHECK_EQ("pt_first: USART2 is refused: the board passes it to pt_second only",
		 passthrough_request(BOARD_DEV_USART2), PASSTHROUGH_EREFUSED);
	CHECK_EQ("pt_first: TIM3 is given", passthrough_request(BOARD_DEV_TIM3), COS_OK);
	cos_sched_wakeup(COS_TID_pt_second_main); /* pt_second asks for TIM3 now ... */
	cos_sched_block();                        /* ... and tells us it was refused */
	tim3_start();
	CHECK_EQ("pt_first: two update interrupts of TIM3", tim3_wait(COS_PT_RCV_TIM3, 2, 100), 2);
	tim3_stop();
	CHECK_EQ("pt_first: TIM3 is released", passthrough_release(BOARD_DEV_TIM3), COS_OK);
	printf("pt_first: %d failures; now reading TIM3 after its release (must fault)\n", test_failures());
	printf("pt_first: read %x (must never print)\n", (unsigned)t[TIM_CNT]);
	return 0;
}
