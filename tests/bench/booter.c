/*
 * booter.c - benchmark image: TIM2 free-running as the instruction counter,
 * a client and a server component, and the booter as the scheduler.
 */
#include "booter.h"
#include "bench.h"
#include "../../components/sched/sched_boot.h"

#define SELF COS_BOOT_CAPTBL
#define ROUNDS_MAX 200

static void timer_start(void)
{
	volatile uint32_t *tim = (volatile uint32_t *)BENCH_TIM;

	*(volatile uint32_t *)(board_devices_base(BOARD_DEV_CLOCKS) + BOARD_CLOCKS_TIMER_ENR) |=
		BOARD_CLOCKS_BENCH_TIMER_EN | BOARD_CLOCKS_TEST_TIMER_EN;
	tim[TIM_PSC / 4] = 0;
	tim[TIM_ARR / 4] = 0xffffffffu;
	tim[TIM_CR1 / 4] = 1; /* CEN */
}

/*
 * Under QEMU the update interrupt of a timer comes ARR ticks after the ARR
 * write (its model schedules from the write), so the due time is the counter
 * read just before that write plus ARR; the one instruction between the read
 * and the store is counted in `overhead`-like fashion by BENCH_ARM_GAP.
 */
#define BENCH_ARM_GAP 1

static void irq_arm(void)
{
	volatile uint32_t *tim = (volatile uint32_t *)BENCH_IRQ_TIM;
	uint32_t t;

	SHARED->irq_seen = 0;
	tim[TIM_CR1 / 4] = 0;
	tim[TIM_PSC / 4] = 0;
	tim[TIM_SR / 4] = 0;
	tim[TIM_DIER / 4] = TIM_UIE;
	tim[TIM_CR1 / 4] = 1;
	t = bench_now();
	tim[TIM_ARR / 4] = BENCH_IRQ_PERIOD;
	SHARED->irq_due = t + BENCH_ARM_GAP + BENCH_IRQ_PERIOD;
}

static int same(const volatile uint32_t *v, int n)
{
	int i;

	for (i = 1; i < n; i++)
		if (v[i] != v[0])
			return 0;
	return 1;
}

/*
 * After the other figures: the scheduler component (slot 3) takes over the
 * scheduler role, with a blocking thread (slot 4) and a less urgent waking
 * thread (slot 5), and the booter's own thread, least urgent, which runs
 * again once both are done.  Built last, so that the figures before it are
 * taken in the same system as without it.
 */
static int bench_sched(void)
{
	struct sched_boot s;
	struct boot_comp blk, wkr;
	uint32_t tb, tw, rw = COS_R_READ | COS_R_WRITE, i;

	for (i = 0; i < BENCH_RUNS; i++)
		SHARED->sbw[i] = 0;
	if (sched_boot_create(&s, 3, 4, SBENCH_TID_SCHED, SBENCH_TID_IDLE) ||
	    boot_comp_create(&blk, 4, 5) || boot_comp_create(&wkr, 5, 6) ||
	    boot_map_device(&blk, 2, BOARD_DEV_BENCH_TIMER, COS_R_READ) ||
	    boot_map_device(&wkr, 2, BOARD_DEV_BENCH_TIMER, COS_R_READ) ||
	    cos_memtbl_map(blk.memtbl, COS_BOOT_POOL, 3, BENCH_SHARED, COS_REGION_ATTR(12, 0, rw)) ||
	    cos_memtbl_map(wkr.memtbl, COS_BOOT_POOL, 3, BENCH_SHARED, COS_REGION_ATTR(12, 0, rw)) ||
	    boot_thd_create(&blk, SBENCH_TID_BLOCKER, SBENCH_TID_BLOCKER, SBENCH_PRIO_BLOCKER, SBENCH_BLOCKER, &tb) ||
	    boot_thd_create(&wkr, SBENCH_TID_WAKER, SBENCH_TID_WAKER, SBENCH_PRIO_WAKER, SBENCH_WAKER, &tw) ||
	    sched_boot_client(&s, &blk, BENCH_SLOT_SCHED) || sched_boot_client(&s, &wkr, BENCH_SLOT_SCHED) ||
	    sched_boot_add(&s, COS_BOOT_THD, 0, SBENCH_PRIO_BOOTER, 0) ||
	    sched_boot_add(&s, tb, SBENCH_TID_BLOCKER, SBENCH_PRIO_BLOCKER, 1) ||
	    sched_boot_add(&s, tw, SBENCH_TID_WAKER, SBENCH_PRIO_WAKER, 1) ||
	    sched_boot_start(&s))
		return 1;
	/* Both threads have exited. */
	for (i = 0; i < BENCH_RUNS; i++)
		if (!SHARED->sbw[i])
			return 1;
	cos_printf("BENCH sched_block_wakeup: %u instructions%s\n",
		   SHARED->sbw[BENCH_RUNS - 1] - SHARED->sbw_overhead - 1,
		   same(SHARED->sbw, BENCH_RUNS) ? "" : " (runs differ)");
	return 0;
}

int cos_main(uint32_t first_kernel_block)
{
	struct boot_comp client, server, irq;
	uint32_t init, iinit, cthd, rthd, ithd, rcv, ircv, isnd, rounds = 0;
	uint32_t rw = COS_R_READ | COS_R_WRITE;

	boot_init(first_kernel_block);
	boot_map_device(&boot_self, 3, BOARD_DEV_BENCH_TIMER, rw);
	boot_map_device(&boot_self, 4, BOARD_DEV_CLOCKS, rw);
	boot_map_device(&boot_self, 6, BOARD_DEV_TEST_TIMER, rw);
	cos_retype(COS_BOOT_POOL, boot_block(BENCH_SHARED), LAYOUT_SLOT_RAM_SIZE / 128, COS_KMEM_USER);
	cos_memtbl_map(COS_BOOT_MEMTBL, COS_BOOT_POOL, 5, BENCH_SHARED, COS_REGION_ATTR(12, 0, rw));
	timer_start();

	boot_comp_create(&client, 0, 1);
	boot_comp_create(&server, 1, 2);
	boot_comp_create(&irq, 2, 3);
	boot_map_device(&irq, 2, BOARD_DEV_BENCH_TIMER, COS_R_READ);
	boot_map_device(&irq, 4, BOARD_DEV_TEST_TIMER, rw);
	cos_memtbl_map(irq.memtbl, COS_BOOT_POOL, 3, BENCH_SHARED, COS_REGION_ATTR(12, 0, rw));
	boot_map_device(&client, 2, BOARD_DEV_BENCH_TIMER, rw);
	boot_map_device(&server, 2, BOARD_DEV_BENCH_TIMER, rw);
	cos_memtbl_map(client.memtbl, COS_BOOT_POOL, 3, BENCH_SHARED, COS_REGION_ATTR(12, 0, rw));
	cos_memtbl_map(server.memtbl, COS_BOOT_POOL, 3, BENCH_SHARED, COS_REGION_ATTR(12, 0, rw));
	boot_give(&client, BENCH_SLOT_CONSOLE, COS_BOOT_HW, COS_R_READ);
	boot_gate(&client, BENCH_SLOT_GATE, &server, 0, 0);

	/* Server threads: initialiser, send receiver (more urgent than the client);
	 * the interrupt thread, most urgent, in a third component. */
	boot_thd_create(&server, 2, 2, 5, 0, &init);
	boot_thd_create(&server, 3, 3, 10, 1, &rthd);
	boot_thd_create(&irq, 4, 4, 5, 0, &iinit);
	boot_thd_create(&irq, 5, 5, 5, 1, &ithd);
	rcv = boot_slot();
	ircv = boot_slot();
	isnd = boot_slot();
	/* One endpoint each: the receive end goes to the server, the send end
	 * to the client (or to the interrupt line). */
	cos_op_act_arcv(SELF, boot_kmem(1), rcv, rthd, 0);
	boot_give(&server, BENCH_SLOT_RCV, rcv, COS_R_ALL);
	cos_op_act_asnd(client.captbl, BENCH_SLOT_ASND, rcv, 0, 0);
	cos_op_act_arcv(SELF, boot_kmem(1), ircv, ithd, 0);
	boot_give(&irq, BENCH_SLOT_IRQ_RCV, ircv, COS_R_ALL);
	cos_op_act_asnd(SELF, isnd, ircv, 0, 0);
	cos_hw_attach(COS_BOOT_HW, BENCH_IRQ, isnd);

	/* The client (tid 1) invokes the server: it needs a stack there. */
	boot_bind(&server, 1);
	boot_thd_create(&client, 1, 1, 20, 0, &cthd);

	cos_dispatch(init, 0);
	cos_dispatch(iinit, 0);
	cos_dispatch(rthd, 0); /* blocks in arcv */
	cos_dispatch(ithd, 0); /* blocks in arcv */
	while (SHARED->phase != PHASE_DONE && rounds++ < ROUNDS_MAX) {
		if (SHARED->phase == PHASE_IRQ) {
			SHARED->phase = PHASE_IRQ_ARMED;
			irq_arm();
		}
		if (SHARED->phase == PHASE_DISPATCH)
			SHARED->t0 = bench_now();
		cos_dispatch(cthd, 0);
	}
	if (SHARED->phase != PHASE_DONE)
		cos_halt(COS_BOOT_HW, 1);
	cos_halt(COS_BOOT_HW, bench_sched() ? 2 : 0);
	return 0;
}
