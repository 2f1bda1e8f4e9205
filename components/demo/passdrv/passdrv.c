/*
 * passdrv.c - a driver that is given TIM3 at run time by the passthrough
 * manager (compgraph/default.toml; the board passes TIM3 to components
 * named pt_first): it asks the clock service for TIM3's clock, takes the
 * device, counts its update interrupts at user level, gives it back, and
 * reports on its console channel.  TIM3 is a 16-bit timer (RM0090 18.4):
 * the period fits ARR without the prescaler (QEMU 7.2's model mis-times
 * updates with a prescaler): 60 us under QEMU (1 GHz), 0.7 ms on the part
 * (84 MHz).
 */
#include <stdio.h>
#include "cos_gen.h"
#include "board.h"
#include "test.h"

#define TIM_CR1  0  /* CEN: bit 0 */
#define TIM_DIER 3  /* UIE: bit 0 */
#define TIM_SR   4  /* UIF: bit 0 */
#define TIM_PSC  10
#define TIM_ARR  11
#define TICKS    5

int cos_main(uint32_t arg)
{
	volatile uint32_t *t = (volatile uint32_t *)board_devices_base(BOARD_DEV_TIM3);
	uint32_t seen = 0, tries = 100;

	(void)arg;
	CHECK_EQ("capsules: the clock service refuses RCC (no clock gate)", clock_enable(BOARD_DEV_RCC), COS_EINVAL);
	CHECK_EQ("capsules: the clock service refuses a device past the board's",
		 clock_enable(BOARD_NDEVICES + 3), COS_EINVAL);
	CHECK_EQ("capsules: TIM3's clock on", clock_enable(BOARD_DEV_TIM3), 0);
	CHECK_EQ("capsules: TIM3 passed through to pt_first", passthrough_request(BOARD_DEV_TIM3), COS_OK);
	t[TIM_CR1] = 0;
	t[TIM_PSC] = 0;
	t[TIM_SR] = 0;
	t[TIM_DIER] = 1;
	t[TIM_CR1] = 1;
	t[TIM_ARR] = 60000; /* QEMU's model schedules the update on this write */
	while (seen < TICKS && tries-- && cos_arcv(COS_PT_RCV_TIM3) > 0) {
		if (!(t[TIM_SR] & 1))
			continue;
		t[TIM_SR] = 0;
		seen++;
	}
	t[TIM_DIER] = 0;
	t[TIM_CR1] = 0;
	t[TIM_SR] = 0;
	CHECK_EQ("capsules: TIM3's update interrupts reached pt_first", seen, TICKS);
	CHECK_EQ("capsules: TIM3 given back", passthrough_release(BOARD_DEV_TIM3), COS_OK);
	printf("pt_first: drove TIM3 (passed through): %u update interrupts, then gave it back\n",
	       (unsigned)seen);
	return 0;
}
