/*
 * booter.c - sched_block test: the scheduler component (slot 0) schedules
 * threads A (slot 1) and B (slot 2), of one priority, and the booter's own
 * thread, less urgent.  The booter builds everything, gives the threads to
 * the scheduler, checks thd_add's refusals, hands over the scheduler role,
 * and runs again once A has blocked and B has exited: then it wakes A, which
 * is more urgent and must run inside the wakeup.
 */
#include "booter.h"
#include "test.h"
#include "../../../components/sched/sched_boot.h"
#include "shared.h"

static void map_shared(uint32_t memtbl, uint32_t region)
{
	if (cos_memtbl_map(memtbl, COS_BOOT_POOL, region, SHARED_ADDR,
			   COS_REGION_ATTR(SHARED_LOG2, 0, COS_R_READ | COS_R_WRITE)))
		cos_halt(COS_BOOT_HW, 100);
}

int cos_main(uint32_t first_kernel_block)
{
	struct sched_boot s;
	struct boot_comp ca, cb;
	uint32_t ta, tb, gates, i;
	int32_t r;

	boot_init(first_kernel_block);
	if (sched_boot_create(&s, 0, 1, TID_SCHED, TID_IDLE) ||
	    boot_comp_create(&ca, 1, 2) || test_prepare(&ca) ||
	    boot_comp_create(&cb, 2, 3) || test_prepare(&cb))
		cos_halt(COS_BOOT_HW, 100);
	if (cos_retype(COS_BOOT_POOL, boot_block(SHARED_ADDR), (1u << SHARED_LOG2) / 128u, COS_KMEM_USER))
		cos_halt(COS_BOOT_HW, 100);
	map_shared(COS_BOOT_MEMTBL, 3);
	map_shared(ca.memtbl, 2);
	map_shared(cb.memtbl, 2);
	SHLOG->n = 0;

	gates = boot_slot();
	for (i = 1; i < SCHED_NCLIENT_EXPORTS; i++)
		boot_slot();
	test_prepare_thread(TID_A);
	test_prepare_thread(TID_B);
	if (boot_thd_create(&ca, TID_A, TID_A, PRIO_AB, ROLE_A, &ta) ||
	    boot_thd_create(&cb, TID_B, TID_B, PRIO_AB, ROLE_B, &tb) ||
	    sched_boot_client(&s, &ca, SLOT_SCHED) || sched_boot_client(&s, &cb, SLOT_SCHED) ||
	    sched_boot_client(&s, &boot_self, gates))
		cos_halt(COS_BOOT_HW, 100);
	cos_sched_init(gates);
	CHECK_EQ("sched_block: a thread not given to the scheduler (its stack there has no owner): COS_EPERM",
		 cos_sched_yield(), COS_EPERM);
	if (sched_boot_add(&s, COS_BOOT_THD, TID_BOOTER, PRIO_BOOTER, 1) ||
	    sched_boot_add(&s, ta, TID_A, PRIO_AB, 1) ||
	    sched_boot_add(&s, tb, TID_B, PRIO_AB, 1))
		cos_halt(COS_BOOT_HW, 100);

	/* s.next_cap is an empty slot of the scheduler's table from here on. */
	CHECK_EQ("sched_block: thd_add of a thread id given already: COS_EEXIST",
		 cos_sinv(s.add_gate, TID_A, PRIO_AB, s.next_cap, SCHED_NO_STACK), COS_EEXIST);
	CHECK_EQ("sched_block: thd_add with priority SCHED_NPRIO: COS_EINVAL",
		 cos_sinv(s.add_gate, 9, SCHED_NPRIO, s.next_cap, SCHED_NO_STACK), COS_EINVAL);
	CHECK_EQ("sched_block: thd_add with a stack of another thread: COS_EEXIST",
		 cos_sinv(s.add_gate, 9, PRIO_AB, s.next_cap, s.boot_stack), COS_EEXIST);
	CHECK_EQ("sched_block: thd_add with a stack the scheduler does not have: COS_EINVAL",
		 cos_sinv(s.add_gate, 9, PRIO_AB, s.next_cap, s.c.h->srv_stack_count), COS_EINVAL);
	CHECK_EQ("sched_block: thd_add with an empty capability slot: COS_ECAP",
		 cos_sinv(s.add_gate, 9, PRIO_AB, s.next_cap, SCHED_NO_STACK), COS_ECAP);
	CHECK_EQ("sched_block: thd_add of the idle thread's capability slot: COS_EINVAL",
		 cos_sinv(s.add_gate, 9, PRIO_AB, SCHED_SLOT_IDLE, SCHED_NO_STACK), COS_EINVAL);

	/* Back here once A and B are blocked or gone (the booter is less urgent). */
	if (sched_boot_start(&s))
		cos_halt(COS_BOOT_HW, 100);
	CHECK_EQ("sched_block: the less urgent booter ran only once A blocked (B having exited)", log_last(),
		 A_BLOCK3);
	CHECK("sched_block: A is blocked in the scheduler", cos_sched_stat(TID_A, SCHED_STAT_STATE) & SCHED_ST_SBLOCKED);
	log_put(BOOT_WAKE);
	r = cos_sched_wakeup(TID_A);
	log_put(BOOT_AFTER);
	CHECK_EQ("sched_block: wakeup of a more urgent thread returns 0 once the waker runs again", r, 0);
	CHECK("sched_block: the woken, more urgent A ran inside the booter's wakeup",
	      log_find(A_WOKE3) == log_find(BOOT_WAKE) + 1 && log_find(BOOT_AFTER) > log_find(A_WOKE3));
	CHECK("sched_block: A exited", cos_sched_stat(TID_A, SCHED_STAT_STATE) & SCHED_ST_EXITED);
	CHECK_EQ("sched_block: yield with no other thread to run returns 0", cos_sched_yield(), 0);
	CHECK_EQ("sched_block: thd_add once the scheduler runs: COS_ESTATE",
		 cos_sinv(s.add_gate, 9, PRIO_AB, s.next_cap, SCHED_NO_STACK), COS_ESTATE);
	CHECK_EQ("sched_block: the idle thread never ran (a thread was always runnable)",
		 cos_sched_stat(0, SCHED_STAT_IDLE), 0);
	cos_printf("sched_block: log:");
	for (i = 0; i < SHLOG->n && i < LOG_MAX; i++)
		cos_printf(" %u", SHLOG->e[i]);
	cos_printf("\n");
	test_run(0, 0, 2, 1, 0); /* tallies the reports of A and B, and halts */
	return 0;
}
