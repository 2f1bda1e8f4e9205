/*
 * booter.c - runs three attacks, one thread each, then the victim's check.
 * Each attack must end as a fault of its thread (suspended, reported to the
 * scheduler), and the scheduler's own calls must go on returning what they
 * should: a system call run on a bad frame would corrupt memory or state.
 */
#include "booter.h"
#include "svc_stack.h"

int cos_main(uint32_t first_kernel_block)
{
	struct boot_comp attacker, victim;
	uint32_t thd[NATTACKS], checker, flags, t;
	int32_t id, r;
	int i;

	boot_init(first_kernel_block);
	if (boot_comp_create(&attacker, 0, 1) || test_prepare(&attacker) ||
	    boot_comp_create(&victim, 1, 2) || test_prepare(&victim))
		cos_halt(COS_BOOT_HW, 100);
	for (t = TID_KERNEL; t <= TID_NOWHERE; t++)
		if (boot_thd_create(&attacker, t, t, 10, t, &thd[t - TID_KERNEL]) || test_prepare_thread(t))
			cos_halt(COS_BOOT_HW, 100);
	for (i = 0; i < NATTACKS; i++) {
		r = cos_dispatch(thd[i], 0);
		CHECK_EQ("scheduler: dispatch returns COS_OK after the attack", r, COS_OK);
		while ((id = cos_sched_event(&flags)) >= 0)
			if ((uint32_t)id < COS_MAX_TID)
				test_events_seen[id] |= flags;
		CHECK_EQ("scheduler: the attacking thread is suspended (dispatch refused)",
			 cos_dispatch(thd[i], 0), COS_ESTATE);
	}
	CHECK("attack with the stack in kernel RAM ended as a fault", test_events_seen[TID_KERNEL] & COS_EV_FAULTED);
	CHECK("attack with the stack in another component ended as a fault",
	      test_events_seen[TID_VICTIM_SP] & COS_EV_FAULTED);
	CHECK("attack with the stack nowhere ended as a fault", test_events_seen[TID_NOWHERE] & COS_EV_FAULTED);
	if (boot_thd_create(&victim, TID_CHECKER, TID_CHECKER, 10, 0, &checker) || test_prepare_thread(TID_CHECKER))
		cos_halt(COS_BOOT_HW, 100);
	test_run(&checker, 1, 1, 10, 0);
	return 0;
}
