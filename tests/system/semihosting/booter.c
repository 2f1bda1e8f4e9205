/* booter.c - runs the caller; the system must still be here afterwards. */
#include "booter.h"
#include "test.h"

#define TID 1

int cos_main(uint32_t first_kernel_block)
{
	struct boot_comp c;
	uint32_t thd, flags, seen = 0;
	int32_t id;

	boot_init(first_kernel_block);
	if (boot_comp_create(&c, 0, 1) || test_prepare(&c) || boot_thd_create(&c, TID, TID, 10, 0, &thd) ||
	    test_prepare_thread(TID))
		cos_halt(COS_BOOT_HW, 100);
	CHECK_EQ("scheduler: dispatch returns", cos_dispatch(thd, 0), COS_OK);
	while ((id = cos_sched_event(&flags)) >= 0)
		if (id == TID)
			seen |= flags;
	CHECK("the component's semihosting call ended its thread as a fault", seen & COS_EV_FAULTED);
	CHECK("the system is still running after it", 1);
	cos_halt(COS_BOOT_HW, test_failures());
	return 0;
}
