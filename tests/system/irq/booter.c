/*
 * booter.c - irq test: one timer driver (slot 0) with TIM3 and the clock
 * controller mapped, interrupt-line rights, and send capabilities to its own
 * endpoints; an idle thread (slot 1).  The booter schedules the driver, and
 * idles while it is blocked, until it signals that it finished (a send to
 * the booter's own endpoint), then checks what it was told.
 */
#include "booter.h"
#include "test.h"
#include "irq.h"

#define SELF COS_BOOT_CAPTBL
#define TIMESLICE 0xffffffu /* a bound: the driver polls for two 10 ms periods at most */
/* Idling is bounded by the dispatch timeout, a timer like TIM3's: when the
 * host is loaded QEMU runs both late, but in order. */
#define IDLE_TICKS 1680000u /* 10 ms at 168 MHz */
#define MAX_ROUNDS 300u     /* the test takes about ten */

int cos_main(uint32_t first_kernel_block)
{
	struct boot_comp d, idle;
	uint32_t thd, t_idle, ep, ep2, ep_done, round, flags;
	int32_t id;

	boot_init(first_kernel_block);
	if (boot_comp_create(&d, 0, 1) || test_prepare(&d) ||
	    boot_map_device(&d, 2, BOARD_DEV_TEST_TIMER, COS_R_READ | COS_R_WRITE) ||
	    boot_map_device(&d, 3, BOARD_DEV_CLOCKS, COS_R_READ | COS_R_WRITE) ||
	    boot_comp_create(&idle, 1, 2) ||
	    boot_thd_create(&idle, TID_IDLE, TID_IDLE, PRIO_IDLE, 0, &t_idle))
		cos_halt(COS_BOOT_HW, 100);
	test_prepare_thread(TID_DRIVER);
	ep = boot_slot();
	ep2 = boot_slot();
	ep_done = boot_slot();
	if (boot_thd_create(&d, TID_DRIVER, TID_DRIVER, PRIO_DRIVER, 0, &thd) ||
	    cos_op_act_arcv(SELF, boot_kmem(1), ep, thd, 0) ||
	    cos_op_act_arcv(SELF, boot_kmem(1), ep2, thd, 0) ||
	    cos_op_act_arcv(SELF, boot_kmem(1), ep_done, COS_BOOT_THD, 0) ||
	    boot_give(&d, SLOT_RCV, ep, COS_R_ALL) ||
	    cos_op_act_asnd(d.captbl, SLOT_SND, ep, 0, 0) ||
	    cos_op_act_asnd(d.captbl, SLOT_SND2, ep2, 0, 0) ||
	    cos_op_act_asnd(d.captbl, SLOT_DONE, ep_done, 0, 0) ||
	    boot_give(&d, SLOT_HW, COS_BOOT_HW, COS_R_WRITE) ||
	    boot_give(&d, SLOT_HW_RO, COS_BOOT_HW, COS_R_ALL & ~COS_R_WRITE))
		cos_halt(COS_BOOT_HW, 100);

	for (round = 0; round < MAX_ROUNDS; round++) {
		if (cos_dispatch(thd, TIMESLICE) == COS_ESTATE) /* blocked: idle until its interrupt */
			cos_dispatch(t_idle, IDLE_TICKS);
		while ((id = cos_sched_event(&flags)) >= 0)
			if ((uint32_t)id < COS_MAX_TID)
				test_events_seen[id] |= flags;
		if (cos_arcv(ep_done) > 0) /* the scheduler's arcv never blocks */
			break;
	}
	cos_printf("irq: the driver finished after %u scheduling rounds\n", round);
	CHECK("irq: scheduler told the driver blocked in arcv", test_events_seen[TID_DRIVER] & COS_EV_BLOCKED);
	CHECK("irq: scheduler told the driver was woken (by the interrupt)",
	      test_events_seen[TID_DRIVER] & COS_EV_WOKEN);
	CHECK("irq: the driver never faulted", !(test_events_seen[TID_DRIVER] & COS_EV_FAULTED));
	test_run(&thd, 1, 1, 1, TIMESLICE); /* tallies the report (or its absence) and halts */
	return 0;
}
