/* guard.c - the intruder's fault handler: reports, and ends the thread. */
#include "demo.h"

static uint32_t faults;

uint32_t guard_fault(uint32_t cause, uint32_t addr, const uint32_t *regs, uint32_t comp)
{
	faults++;
	cos_printf("guard: component %u, thread %u: %s at address %x (pc %x); thread ended\n", comp,
		   regs[16], cause == COS_FAULT_MEM ? "MPU violation" : "fault", addr, regs[6]);
	CHECK_EQ("guard: the intruder's read was stopped at the ticker's memory", addr, TICKER_RAM);
	return 1; /* not COS_FAULT_RESUME: the kernel suspends the thread */
}
COS_SERVER_ENTRY(guard_fault);
COS_DECLARE_ENTRY(guard_fault);
COS_EXPORTS(COS_ENTRY_ADDR(guard_fault));

int cos_main(uint32_t arg)
{
	(void)arg;
	test_init();
	return 0;
}
