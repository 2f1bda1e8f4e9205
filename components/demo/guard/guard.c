/* guard.c - the intruder's fault handler: reports, and ends the faulting thread. */
#include <stdio.h>
#include "cos_gen.h"

uint32_t fault_handle(uint32_t cause, uint32_t address, uint32_t registers, uint32_t component)
{
	printf("guard: component %u, %s at address %x (pc %x): thread ended, the rest goes on\n",
	       (unsigned)component, cause == COS_FAULT_MEM ? "MPU violation" : "fault", (unsigned)address,
	       (unsigned)((const uint32_t *)registers)[6]);
	return 1; /* not COS_FAULT_RESUME */
}
