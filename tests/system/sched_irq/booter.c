/*
 * booter.c - sched_irq test: the scheduler component (slot 0) schedules a
 * spinner (slot 1), an interrupt thread driving TIM3 (slot 2, the most
 * urgent) and the booter's own thread (the least urgent), which blocks until
 * the driver has finished, then checks that everyone is gone.
 */
#include "booter.h"
#include "test.h"
#include "../../../components/sched/sched_boot.h"
#include "sirq.h"

#define SELF COS_BOOT_CAPTBL
#define WAIT_MAX 10 /* the booter's blocks: woken once, at the end */

static void map_shared(uint32_t memtbl, uint32_t region)
{
	if (cos_memtbl_map(memtbl, COS_BOOT_POOL, region, SHARED_ADDR,
			   COS_REGION_ATTR(SHARED_LOG2, 0, COS_R_READ | COS_R_WRITE)))
		cos_halt(COS_BOOT_HW, 100);
}

int cos_main(uint32_t first_kernel_block)
{
	struct sched_boot s;
	struct boot_comp spin, drv;
	uint32_t t_spin, t_drv, ep, gates, i;

	boot_init(first_kernel_block);
	if (sched_boot_create(&s, 0, 1, TID_SCHED, TID_IDLE) ||
	    boot_comp_create(&spin, 1, 2) ||
	    boot_comp_create(&drv, 2, 3) || test_prepare(&drv) ||
	    boot_map_device(&drv, 2, BOARD_DEV_TEST_TIMER, COS_R_READ | COS_R_WRITE) ||
	    boot_map_device(&drv, 3, BOARD_DEV_CLOCKS, COS_R_READ | COS_R_WRITE))
		cos_halt(COS_BOOT_HW, 100);
	if (cos_retype(COS_BOOT_POOL, boot_block(SHARED_ADDR), (1u << SHARED_LOG2) / 128u, COS_KMEM_USER))
		cos_halt(COS_BOOT_HW, 100);
	map_shared(COS_BOOT_MEMTBL, 3);
	map_shared(spin.memtbl, 2);
	map_shared(drv.memtbl, 4);
	SH->phase = PHASE_SPIN;
	SH->count = SH->s_blocked = 0;

	gates = boot_slot();
	for (i = 1; i < SCHED_NCLIENT_EXPORTS; i++)
		boot_slot();
	ep = boot_slot();
	test_prepare_thread(TID_DRIVER);
	/* Created least urgent for the kernel: only the scheduler's priorities
	 * (thd_add) make the driver preempt. */
	if (boot_thd_create(&spin, TID_SPIN, TID_SPIN, SCHED_KPRIO_IDLE, 0, &t_spin) ||
	    boot_thd_create(&drv, TID_DRIVER, TID_DRIVER, SCHED_KPRIO_IDLE, 0, &t_drv) ||
	    cos_op_act_arcv(SELF, boot_kmem(1), ep, t_drv, 0) ||
	    boot_give(&drv, SLOT_RCV, ep, COS_R_ALL) ||
	    cos_op_act_asnd(drv.captbl, SLOT_SND, ep, 0, 0) ||
	    boot_give(&drv, SLOT_HW, COS_BOOT_HW, COS_R_WRITE) ||
	    sched_boot_client(&s, &spin, SLOT_SCHED) || sched_boot_client(&s, &drv, SLOT_SCHED) ||
	    sched_boot_client(&s, &boot_self, gates) ||
	    sched_boot_add(&s, COS_BOOT_THD, TID_BOOTER, PRIO_BOOTER, 1) ||
	    sched_boot_add(&s, t_spin, TID_SPIN, PRIO_SPIN, 1) ||
	    sched_boot_add(&s, t_drv, TID_DRIVER, PRIO_DRIVER, 1))
		cos_halt(COS_BOOT_HW, 100);
	cos_sched_init(gates);

	if (sched_boot_start(&s)) /* back here once the spinner blocks (the driver waiting) */
		cos_halt(COS_BOOT_HW, 100);
	for (i = 0; i < WAIT_MAX && SH->phase != PHASE_DONE; i++)
		cos_sched_block(); /* the driver wakes it at the end */
	CHECK_EQ("sched_irq: the booter ran only in the idle phase, blocked, and was woken at the end", i, 1);
	CHECK("sched_irq: the driver exited",
	      cos_sched_stat(TID_DRIVER, SCHED_STAT_STATE) & SCHED_ST_EXITED);
	CHECK("sched_irq: the spinner, woken by the driver, ran and exited before the less urgent booter",
	      cos_sched_stat(TID_SPIN, SCHED_STAT_STATE) & SCHED_ST_EXITED);
	CHECK("sched_irq: the idle thread ran", cos_sched_stat(0, SCHED_STAT_IDLE) > 0);
	test_run(0, 0, 1, 1, 0); /* tallies the driver's report and halts */
	return 0;
}
