/*
 * booter.c - dispatch test: the booter (the scheduler) dispatches a thread
 * that never yields (slot 0) with timeouts and must get the CPU back each
 * time, told COS_EV_TIMEOUT for it; a checker (slot 1) tries scheduling
 * operations it may not use, then blocks, and dispatching it is refused.
 */
#include "booter.h"
#include "test.h"
#include "dispatch.h"

#define SELF COS_BOOT_CAPTBL
#define BOUND 0xffffffu /* the longest timeout: a bound for threads that should stop by themselves */
/* A clock: QEMU's model of the bench timer counts nanoseconds from reset,
 * enabled or not.  SysTick counts the 168 MHz processor clock: a timeout of
 * n ticks lasts at least 5n ns (200 MHz, above any STM32F405).  Host load
 * only makes QEMU deliver it later, so the lower bound holds. */
#define CLOCK_REGION 4
#define CLOCK_NS (*(volatile uint32_t *)(board_devices_base(BOARD_DEV_BENCH_TIMER) + 0x24u))

static uint32_t events[COS_MAX_TID], other_events;

static void collect_events(void)
{
	uint32_t flags;
	int32_t id;
	int n;

	for (n = 0; n < 64 && (id = cos_sched_event(&flags)) >= 0; n++) {
		if ((uint32_t)id < COS_MAX_TID)
			events[id] |= flags;
		else
			other_events |= flags;
	}
}

static void clear_events(void)
{
	uint32_t i;

	collect_events();
	for (i = 0; i < COS_MAX_TID; i++)
		events[i] = 0;
	other_events = 0;
}

/* Only the spinner had an event since the last clear, and it was the timeout. */
static int only_spin_timed_out(void)
{
	uint32_t i;

	for (i = 0; i < COS_MAX_TID; i++)
		if (i != TID_SPIN && events[i])
			return 0;
	return events[TID_SPIN] == COS_EV_TIMEOUT && !other_events;
}

int cos_main(uint32_t first_kernel_block)
{
	static const uint32_t ticks[3] = { 10000, 200000, BOUND };
	struct boot_comp spin, chk;
	uint32_t t_spin, t_chk, ep, before, spun, t0, ns, i;
	int32_t r;

	boot_init(first_kernel_block);
	if (boot_comp_create(&spin, 0, 1) || boot_comp_create(&chk, 1, 2) || test_prepare(&chk))
		cos_halt(COS_BOOT_HW, 100);
	/* The spinner's counter: user memory the booter can read. */
	if (cos_retype(COS_BOOT_POOL, boot_block(SHARED_ADDR), (1u << SHARED_LOG2) / 128u, COS_KMEM_USER) ||
	    cos_memtbl_map(spin.memtbl, COS_BOOT_POOL, 2, SHARED_ADDR,
			   COS_REGION_ATTR(SHARED_LOG2, 0, COS_R_READ | COS_R_WRITE)) ||
	    cos_memtbl_map(COS_BOOT_MEMTBL, COS_BOOT_POOL, 3, SHARED_ADDR,
			   COS_REGION_ATTR(SHARED_LOG2, 0, COS_R_READ | COS_R_WRITE)) ||
	    cos_memtbl_map(COS_BOOT_MEMTBL, COS_BOOT_DEV0 + BOARD_DEV_BENCH_TIMER, CLOCK_REGION,
			   board_devices_base(BOARD_DEV_BENCH_TIMER), COS_REGION_ATTR(10, 0, COS_R_READ)))
		cos_halt(COS_BOOT_HW, 100);
	SPIN_COUNT = 0;

	test_prepare_thread(TID_CHECKER);
	ep = boot_slot();
	if (boot_thd_create(&spin, TID_SPIN, TID_SPIN, PRIO_COMP, 0, &t_spin) ||
	    boot_thd_create(&chk, TID_CHECKER, TID_CHECKER, PRIO_COMP, 0, &t_chk) ||
	    cos_op_act_arcv(SELF, boot_kmem(1), ep, t_chk, 0) ||
	    boot_give(&chk, SLOT_RCV, ep, COS_R_ALL) ||
	    boot_give(&chk, SLOT_SELF_THD, t_chk, COS_R_ALL) ||
	    boot_give(&chk, SLOT_SPIN_NOSCHED, t_spin, COS_R_ALL & ~COS_R_SCHED) ||
	    boot_give(&chk, SLOT_SPIN_NODISP, t_spin, COS_R_ALL & ~COS_R_DISPATCH) ||
	    boot_give(&chk, SLOT_BOOTER_THD, COS_BOOT_THD, COS_R_SCHED))
		cos_halt(COS_BOOT_HW, 100);

	CHECK_EQ("dispatch: the scheduler dispatching itself: COS_EINVAL", cos_dispatch(COS_BOOT_THD, 0), COS_EINVAL);
	CHECK_EQ("dispatch: timeout above 0xffffff: COS_EINVAL", cos_dispatch(t_spin, BOUND + 1), COS_EINVAL);
	CHECK_EQ("dispatch: a refused dispatch leaves the spinner unrun", SPIN_COUNT, 0);
	CHECK_EQ("dispatch: priority set through a cap with COS_R_SCHED", cos_thd_prio(t_spin, PRIO_COMP), COS_OK);

	/* The checker runs its checks, reports and blocks (a loaded host may make
	 * the bound expire first: then it is dispatched again). */
	clear_events();
	CHECK_EQ("dispatch: to a runnable thread succeeds", cos_dispatch(t_chk, BOUND), COS_OK);
	collect_events();
	for (i = 0; i < 20 && !(events[TID_CHECKER] & COS_EV_BLOCKED); i++) {
		cos_dispatch(t_chk, BOUND);
		collect_events();
	}
	CHECK("dispatch: the scheduler was told the checker blocked", events[TID_CHECKER] & COS_EV_BLOCKED);
	CHECK_EQ("dispatch: to a blocked thread: COS_ESTATE", cos_dispatch(t_chk, 0), COS_ESTATE);

	/* The spinner never yields: each time only the timeout brings the CPU back. */
	spun = SPIN_COUNT;
	for (i = 0; i < sizeof(ticks) / sizeof(ticks[0]); i++) {
		clear_events();
		before = SPIN_COUNT;
		t0 = CLOCK_NS;
		r = cos_dispatch(t_spin, ticks[i]);
		ns = CLOCK_NS - t0;
		collect_events();
		cos_printf("dispatch: timeout %u ticks: back after %u ns, the spinner counted %u\n", ticks[i], ns,
			   SPIN_COUNT - before);
		CHECK_EQ("dispatch: to a spinning thread with a timeout returns COS_OK once back", r, COS_OK);
		CHECK("dispatch: the spinner kept the CPU for the whole timeout", ns >= 5 * ticks[i]);
		CHECK("dispatch: the timeout returned control with COS_EV_TIMEOUT for the spinner, only",
		      only_spin_timed_out());
	}
	/* Over all three (a loaded host may not run it at all in a short one). */
	CHECK("dispatch: the spinning thread ran", SPIN_COUNT != spun);
	/* Reports: the checker's; test_run with no threads only tallies and halts. */
	test_run(&t_spin, 0, 1, 1, 0);
	return 0;
}
