/*
 * booter.c - async test: a sender (slot 0) and two receivers (slots 1 and 2),
 * one more urgent than the sender and one less urgent, sharing a log page.
 * The booter is the scheduler: it also checks that its own receive never
 * blocks, and that it was told of the receivers' blocking and wakeups.
 */
#include "booter.h"
#include "test.h"
#include "shared.h"

#define SELF COS_BOOT_CAPTBL
#define NTHD 3
#define ROUNDS 8            /* the threads finish in two; the rest is margin */
/* No timeslice: a timeout would reorder the threads (QEMU's clock runs on
 * while the host deschedules it), and none of them loops without yielding. */
#define TIMESLICE 0

/* An endpoint bound to thread cap thd, in a new slot of the booter's table. */
static uint32_t endpoint(uint32_t thd)
{
	uint32_t ep = boot_slot();

	if (cos_op_act_arcv(SELF, boot_kmem(1), ep, thd, 0))
		cos_halt(COS_BOOT_HW, 100);
	return ep;
}

static void map_shared(uint32_t memtbl, uint32_t region)
{
	if (cos_memtbl_map(memtbl, COS_BOOT_POOL, region, SHARED_ADDR,
			   COS_REGION_ATTR(SHARED_LOG2, 0, COS_R_READ | COS_R_WRITE)))
		cos_halt(COS_BOOT_HW, 100);
}

static void collect_events(void)
{
	uint32_t flags;
	int32_t id;

	while ((id = cos_sched_event(&flags)) >= 0)
		if ((uint32_t)id < COS_MAX_TID)
			test_events_seen[id] |= flags;
}

/* The scheduler thread's own endpoint: receive never blocks it. */
static void check_scheduler_receive(void)
{
	uint32_t ep = endpoint(COS_BOOT_THD), snd = boot_slot();

	if (cos_op_act_asnd(SELF, snd, ep, 0, 0))
		cos_halt(COS_BOOT_HW, 100);
	CHECK_EQ("async: the scheduler's arcv on an empty endpoint is COS_EAGAIN", cos_arcv(ep), COS_EAGAIN);
	cos_asnd(snd);
	cos_asnd(snd);
	CHECK_EQ("async: the scheduler's arcv returns the sends counted", cos_arcv(ep), 2);
	CHECK_EQ("async: ... and clears the count", cos_arcv(ep), COS_EAGAIN);
}

int cos_main(uint32_t first_kernel_block)
{
	struct boot_comp snd, urg, lazy;
	uint32_t thd[NTHD], ep_urg, ep_lazy, round, i;

	boot_init(first_kernel_block);
	if (boot_comp_create(&snd, 0, 1) || test_prepare(&snd) ||
	    boot_comp_create(&urg, 1, 2) || test_prepare(&urg) ||
	    boot_comp_create(&lazy, 2, 3) || test_prepare(&lazy))
		cos_halt(COS_BOOT_HW, 100);

	/* The log page: user memory, mapped everywhere at the same address. */
	if (cos_retype(COS_BOOT_POOL, boot_block(SHARED_ADDR), (1u << SHARED_LOG2) / 128u, COS_KMEM_USER))
		cos_halt(COS_BOOT_HW, 100);
	map_shared(COS_BOOT_MEMTBL, 3);
	map_shared(snd.memtbl, 2);
	map_shared(urg.memtbl, 2);
	map_shared(lazy.memtbl, 2);
	SHLOG->n = 0;

	/* Receivers first, so that they are blocked when the sender runs. */
	test_prepare_thread(TID_URGENT);
	test_prepare_thread(TID_LAZY);
	test_prepare_thread(TID_SENDER);
	if (boot_thd_create(&urg, TID_URGENT, TID_URGENT, PRIO_URGENT, ROLE_URGENT, &thd[0]) ||
	    boot_thd_create(&lazy, TID_LAZY, TID_LAZY, PRIO_LAZY, ROLE_LAZY, &thd[1]) ||
	    boot_thd_create(&snd, TID_SENDER, TID_SENDER, PRIO_SENDER, 0, &thd[2]))
		cos_halt(COS_BOOT_HW, 100);

	ep_urg = endpoint(thd[0]);
	ep_lazy = endpoint(thd[1]);
	if (boot_give(&urg, SLOT_RCV, ep_urg, COS_R_ALL) || boot_give(&lazy, SLOT_RCV, ep_lazy, COS_R_ALL) ||
	    cos_op_act_asnd(snd.captbl, SLOT_SND_URGENT, ep_urg, 0, 0) ||
	    cos_op_act_asnd(snd.captbl, SLOT_SND_LAZY, ep_lazy, 0, 0) ||
	    boot_give(&snd, SLOT_RCV_OTHER, ep_urg, COS_R_ALL))
		cos_halt(COS_BOOT_HW, 100);

	check_scheduler_receive();

	/* Round-robin by hand, so that the events can be checked before the end. */
	for (round = 0; round < ROUNDS; round++) {
		for (i = 0; i < NTHD; i++)
			cos_dispatch(thd[i], TIMESLICE); /* blocked ones refuse */
		collect_events();
	}
	CHECK("async: scheduler told the urgent receiver blocked", test_events_seen[TID_URGENT] & COS_EV_BLOCKED);
	CHECK("async: scheduler told the urgent receiver was woken", test_events_seen[TID_URGENT] & COS_EV_WOKEN);
	CHECK("async: scheduler told the lazy receiver blocked", test_events_seen[TID_LAZY] & COS_EV_BLOCKED);
	CHECK("async: scheduler told the lazy receiver was woken", test_events_seen[TID_LAZY] & COS_EV_WOKEN);
	CHECK("async: the sender never blocked or timed out",
	      !(test_events_seen[TID_SENDER] & (COS_EV_BLOCKED | COS_EV_TIMEOUT | COS_EV_FAULTED)));
	/* Every report is in by now; test_run only collects any missing ones and halts. */
	test_run(thd, NTHD, NTHD, ROUNDS, TIMESLICE);
	return 0;
}
