/* guard.c - a fault handler: reports what happened, ends the faulting context. */
#include "cos_gen.h"

uint32_t fault_handle(uint32_t cause, uint32_t address, uint32_t registers, uint32_t component)
{
	cos_console_cap(COS_SLOT_CONSOLE);
	cos_printf("guard: component %u faulted (cause %u) at %x, pc %x\n", component, cause, address,
		   ((const uint32_t *)registers)[6]);
	return 1; /* not COS_FAULT_RESUME */
}
