/*
 * guard.c - the drivers' fault handler.  Two faults are expected, in this
 * order: pt_first's read of TIM3 after its release, then pt_second's after
 * the revocation.  Each ends its thread while the rest goes on: the first
 * wakes pt_second (TIM3 is free), the second wakes ptadmin, which ends the
 * test.
 */
#include <stdio.h>
#include "cos_gen.h"
#include "board.h"
#include "test.h"

#define PT_FIRST_ID 3 /* component ids follow the file: sched, ptmgr, pt_first, pt_second */

static uint32_t faults;

uint32_t fault_handle(uint32_t cause, uint32_t address, uint32_t registers, uint32_t component)
{
	uint32_t base = board_devices_base(BOARD_DEV_TIM3);

	(void)registers;
	faults++;
	printf("ptguard: component %u, %s at address %x: thread ended, the rest goes on\n", (unsigned)component,
	       cause == COS_FAULT_MEM ? "MPU violation" : "fault", (unsigned)address);
	CHECK_EQ(faults == 1 ? "ptguard: pt_first faults first (after its release)"
			     : "ptguard: then pt_second (after the revocation)", component, PT_FIRST_ID + faults - 1);
	CHECK_EQ("ptguard: an MPU fault", cause, COS_FAULT_MEM);
	CHECK("ptguard: at an address of TIM3", address - base < board_devices_size(BOARD_DEV_TIM3));
	if (faults == 1) {
		cos_sched_wakeup(COS_TID_pt_second_main);
	} else {
		printf("ptguard: both drivers lost TIM3; %d failures\n", test_failures());
		cos_sched_wakeup(COS_TID_ptadmin_main);
	}
	return 1; /* not COS_FAULT_RESUME: the thread ends */
}
