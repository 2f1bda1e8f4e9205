/*
 * booter.c - a second thread of the booter's own component faults; the
 * booter component's fault gate leads to a handler that faults as well.
 * The thread must end, and the scheduler (the booter, same component, same
 * memory table as the dead thread) must run on with its own map, not the
 * handler's: its next accesses to its own data would fault otherwise.
 */
#include "booter.h"
#include "test.h"

#define SELF COS_BOOT_CAPTBL
#define VICTIM_TID 1
#define HANDLER_INIT_TID 2

static uint64_t victim_stack[64]; /* 512 bytes in the booter's own RAM */
static volatile uint32_t booter_data = 0x5a5a5a5a;

static void victim(void)
{
	cos_printf("booter thread %u: reading kernel RAM\n", VICTIM_TID);
	(void)*(volatile uint32_t *)BOARD_KERNEL_RAM_BASE;
	for (;;)
		cos_yield(); /* never reached when the fault ends the thread */
}

int cos_main(uint32_t first_kernel_block)
{
	struct boot_comp h;
	uint32_t init, gate, thd, flags, seen = 0;
	int32_t id;

	boot_init(first_kernel_block);
	gate = boot_slot();
	thd = boot_slot();
	if (boot_comp_create(&h, 0, 1) || test_prepare(&h) ||
	    boot_thd_create(&h, HANDLER_INIT_TID, HANDLER_INIT_TID, 10, 0, &init) || boot_bind(&h, VICTIM_TID) ||
	    cos_op_act_sinv(SELF, gate, h.comp, boot_export(&h, 0), 0) ||
	    cos_op_comp_fault(COS_BOOT_COMP, gate, 0, 0, 0) ||
	    cos_op_act_thd(SELF, boot_kmem(1), thd, COS_BOOT_COMP | (VICTIM_TID << 16), VICTIM_TID) ||
	    cos_op_thd_start(thd, (uint32_t)victim, (uint32_t)&victim_stack[64], 0, 0))
		cos_halt(COS_BOOT_HW, 100);
	cos_dispatch(init, 0);
	CHECK_EQ("scheduler: dispatching the thread returns COS_OK", cos_dispatch(thd, 0), COS_OK);
	while ((id = cos_sched_event(&flags)) >= 0)
		if (id == VICTIM_TID)
			seen |= flags;
	CHECK("scheduler: the thread whose handler faulted is suspended", seen & COS_EV_FAULTED);
	CHECK_EQ("scheduler: its own data is still readable (its map is loaded)", booter_data, 0x5a5a5a5a);
	booter_data = 1;
	CHECK_EQ("scheduler: and writable", booter_data, 1);
	CHECK_EQ("scheduler: the dead thread cannot be dispatched", cos_dispatch(thd, 0), COS_ESTATE);
	cos_printf("booter: %d failures\n", test_failures());
	cos_halt(COS_BOOT_HW, test_failures());
	return 0;
}
