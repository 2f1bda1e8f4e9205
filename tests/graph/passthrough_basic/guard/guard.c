/*
 * guard.c - pt_first's fault handler: its one expected fault is the read of
 * TIM3 after pt_first released it.  Checks the cause and the address, then
 * ends the test.
 */
#include <stdio.h>
#include "cos_gen.h"
#include "board.h"
#include "test.h"

uint32_t fault_handle(uint32_t cause, uint32_t address, uint32_t registers, uint32_t component)
{
	uint32_t base = board_devices_base(BOARD_DEV_TIM3);

	(void)registers;
	printf("ptguard: component %u, %s at address %x\n", (unsigned)component,
	       cause == COS_FAULT_MEM ? "MPU violation" : "fault", (unsigned)address);
	CHECK_EQ("ptguard: the access to TIM3 after its release is an MPU fault", cause, COS_FAULT_MEM);
	CHECK("ptguard: at an address of TIM3", address - base < board_devices_size(BOARD_DEV_TIM3));
	cos_printf("passthrough_basic: %d failures in ptguard\n", test_failures());
	cos_halt(COS_SLOT_HALT, test_failures());
	return 1;
}
