/*
 * booter.c - sched_rr test: the scheduler component (slot 0) schedules two
 * spinners of one priority (slots 1 and 2) and the booter's own thread,
 * less urgent.  The booter runs again once both spinners have exited, and
 * checks that they shared the CPU: each saw the other progress several
 * times, the first to finish saw the other well on its way, and the
 * scheduler ended several slices of each.
 */
#include "booter.h"
#include "test.h"
#include "../../../components/sched/sched_boot.h"
#include "rr.h"

static void map_shared(uint32_t memtbl, uint32_t region)
{
	if (cos_memtbl_map(memtbl, COS_BOOT_POOL, region, SHARED_ADDR,
			   COS_REGION_ATTR(SHARED_LOG2, 0, COS_R_READ | COS_R_WRITE)))
		cos_halt(COS_BOOT_HW, 100);
}

int cos_main(uint32_t first_kernel_block)
{
	struct sched_boot s;
	struct boot_comp c[2];
	uint32_t thd[2], gates, i, slices[2], first;

	boot_init(first_kernel_block);
	if (sched_boot_create(&s, 0, 1, TID_SCHED, TID_IDLE))
		cos_halt(COS_BOOT_HW, 100);
	if (cos_retype(COS_BOOT_POOL, boot_block(SHARED_ADDR), (1u << SHARED_LOG2) / 128u, COS_KMEM_USER))
		cos_halt(COS_BOOT_HW, 100);
	map_shared(COS_BOOT_MEMTBL, 3);
	gates = boot_slot();
	for (i = 1; i < SCHED_NCLIENT_EXPORTS; i++)
		boot_slot();
	if (sched_boot_client(&s, &boot_self, gates) || sched_boot_add(&s, COS_BOOT_THD, TID_BOOTER, PRIO_BOOTER, 1))
		cos_halt(COS_BOOT_HW, 100);
	for (i = 0; i < 2; i++) {
		if (boot_comp_create(&c[i], 1 + i, 2 + i) ||
		    boot_thd_create(&c[i], TID_SPIN0 + i, TID_SPIN0 + i, PRIO_SPIN, i, &thd[i]) ||
		    sched_boot_client(&s, &c[i], SLOT_SCHED) ||
		    sched_boot_add(&s, thd[i], TID_SPIN0 + i, PRIO_SPIN, 1))
			cos_halt(COS_BOOT_HW, 100);
		map_shared(c[i].memtbl, 2);
		SH->count[i] = SH->done[i] = 0;
	}
	cos_sched_init(gates);

	if (sched_boot_start(&s)) /* back here once both spinners have exited */
		cos_halt(COS_BOOT_HW, 100);
	for (i = 0; i < 2; i++)
		slices[i] = (uint32_t)cos_sched_stat(TID_SPIN0 + i, SCHED_STAT_TIMEOUTS);
	first = SH->other_at_end[0] < SH->other_at_end[1] ? 0 : 1;
	cos_printf("sched_rr: spinner 0 saw the other move %u times, spinner 1 %u times; "
		   "the first to finish (%u) saw the other at %u of %u\n",
		   SH->switches[0], SH->switches[1], first, SH->other_at_end[first], SPIN_COUNTS);
	cos_printf("sched_rr: slices ended: %u and %u\n", slices[0], slices[1]);
	CHECK("sched_rr: both spinners counted to the end and exited",
	      SH->done[0] && SH->done[1] && SH->count[0] == SPIN_COUNTS && SH->count[1] == SPIN_COUNTS);
	CHECK("sched_rr: the less urgent booter ran only after both spinners exited",
	      (cos_sched_stat(TID_SPIN0, SCHED_STAT_STATE) & SCHED_ST_EXITED) &&
	      (cos_sched_stat(TID_SPIN0 + 1, SCHED_STAT_STATE) & SCHED_ST_EXITED));
	CHECK("sched_rr: each spinner saw the other progress while it was itself unfinished, 3 times or more",
	      SH->switches[0] >= 3 && SH->switches[1] >= 3);
	CHECK("sched_rr: neither starved: when the first finished, the other had done a quarter or more",
	      SH->other_at_end[first] >= SPIN_COUNTS / 4);
	CHECK("sched_rr: the scheduler ended 3 or more slices of each spinner (COS_EV_TIMEOUT)",
	      slices[0] >= 3 && slices[1] >= 3);
	CHECK_EQ("sched_rr: the idle thread never ran (the booter was always runnable)",
		 cos_sched_stat(0, SCHED_STAT_IDLE), 0);
	test_run(0, 0, 0, 1, 0); /* tallies the booter's checks and halts */
	return 0;
}
