/*
 * loner.c - a component without a fault gate.  Thread T_LONER (arg 0) reads
 * the kernel's RAM: the kernel reports the fault and suspends it.  Thread
 * T_SURVIVOR (arg 1), in the same component, runs afterwards and checks
 * the scheduler was told, and was not told of threads that did not fault.
 */
#include "board.h"
#include "fault.h"

static uint32_t events(uint32_t tid)
{
	return (uint32_t)cos_sinv(SLOT_EVENTS, tid, 0, 0, 0);
}

int cos_main(uint32_t arg)
{
	uint32_t v;
	int tries;

	test_init();
	if (arg == 0) {
		v = *(volatile uint32_t *)BOARD_KERNEL_RAM_BASE;
		cos_printf("loner: read %x from kernel RAM\n", v);
		CHECK("loner: reading the kernel's RAM was not stopped", 0);
		return 0;
	}
	for (tries = 0; tries < 40 && !(events(T_LONER) & COS_EV_FAULTED); tries++)
		cos_yield();
	CHECK("scheduler: COS_EV_FAULTED for the thread without a fault gate", events(T_LONER) & COS_EV_FAULTED);
	CHECK("scheduler: no COS_EV_FAULTED for the client whose servers faulted",
	      !(events(T_CLIENT) & COS_EV_FAULTED));
	CHECK("scheduler: no COS_EV_FAULTED for the resumed thread", !(events(T_RESUMER) & COS_EV_FAULTED));
	test_done();
	return 0;
}
