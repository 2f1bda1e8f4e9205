/*
 * checker.c - scheduling operations from a thread that is not the scheduler,
 * with capabilities that lack rights; then it blocks for good, so that the
 * booter can try to dispatch a blocked thread.
 */
#include "test.h"
#include "dispatch.h"

int cos_main(uint32_t arg)
{
	uint32_t flags = 0;
	int32_t r;

	(void)arg;
	test_init();
	CHECK_EQ("dispatch: scheduler events for a thread that is not the scheduler: COS_EPERM",
		 cos_sched_event(&flags), COS_EPERM);
	CHECK_EQ("dispatch: a thread dispatching itself: COS_EINVAL", cos_dispatch(SLOT_SELF_THD, 0), COS_EINVAL);
	r = cos_op_thd_sched(SLOT_SELF_THD, 0, 0, 0, 0);
	CHECK_EQ("dispatch: a thread that is not the scheduler cannot name the scheduler: COS_EPERM", r, COS_EPERM);
	if (r == COS_OK) /* wrongly made the scheduler: hand the role back, or nothing ends */
		cos_op_thd_sched(SLOT_BOOTER_THD, 0, 0, 0, 0);
	CHECK_EQ("dispatch: priority through a thread cap without COS_R_SCHED: COS_ERIGHTS",
		 cos_thd_prio(SLOT_SPIN_NOSCHED, 0), COS_ERIGHTS);
	CHECK_EQ("dispatch: making a thread the scheduler without COS_R_SCHED: COS_ERIGHTS",
		 cos_op_thd_sched(SLOT_SPIN_NOSCHED, 0, 0, 0, 0), COS_ERIGHTS);
	/* With a timeout: were it wrongly allowed, the spinner would never give the CPU back. */
	CHECK_EQ("dispatch: dispatch through a thread cap without COS_R_DISPATCH: COS_ERIGHTS",
		 cos_dispatch(SLOT_SPIN_NODISP, 100000), COS_ERIGHTS);
	test_done();
	cos_arcv(SLOT_RCV); /* nothing is ever sent: blocked from now on (the booter checks) */
	return 0;
}
