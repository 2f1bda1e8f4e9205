/*
 * caller.c - tries to end the system through semihosting (SYS_EXIT with an
 * "application exit" reason).  Only the kernel may halt (COS_OP_HW_HALT with
 * COS_R_SCHED); from a component the breakpoint must be a fault.
 */
#include "test.h"

int cos_main(uint32_t arg)
{
	(void)arg;
	test_init();
	cos_printf("caller: semihosting SYS_EXIT from a component\n");
	__asm volatile("movs r0, #0x18\n\t"
		       "ldr r1, =0x20026\n\t"
		       "bkpt 0xab"
		       : : : "r0", "r1", "memory");
	CHECK("semihosting from a component must not return", 0);
	test_done();
	return 0;
}
