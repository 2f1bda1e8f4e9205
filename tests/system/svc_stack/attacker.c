/*
 * attacker.c - sets its stack pointer into memory it may not write (the
 * kernel's RAM, another component's data, nothing at all) and traps.  The
 * hardware cannot push the frame; the kernel must take that as a fault of
 * this thread and must not run the system call on whatever the stack
 * pointer names.  If the call returned, the thread would print FAIL.
 */
#include "svc_stack.h"

static const uint32_t targets[] = { SP_KERNEL, SP_VICTIM, SP_NOWHERE };

int cos_main(uint32_t arg)
{
	uint32_t sp = targets[arg - TID_KERNEL];

	test_init();
	cos_printf("attacker %u: svc with the stack pointer at %x\n", arg, sp);
	__asm volatile("mov r0, sp\n\t"
		       "mov sp, %0\n\t"
		       "movs r12, #1\n\t"
		       "svc %1\n\t"
		       "mov sp, r0"
		       : : "r"(sp), "i"(COS_OP_ASND) : "r0", "r1", "r2", "r3", "r12", "lr", "memory");
	CHECK("svc with an unwritable stack: the call must never return", 0);
	test_done();
	return 0;
}
