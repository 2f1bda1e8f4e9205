/*
 * bench.h - what the benchmark components share: TIM2 as an instruction
 * counter (under QEMU with -icount shift=0 it advances one per instruction)
 * and one shared page for timestamps and phases.
 */
#ifndef BENCH_H
#define BENCH_H

#include <stdint.h>
#include "board.h"
#include "layout.h"

#define BENCH_SHARED   LAYOUT_SLOT_RAM(LAYOUT_NSLOTS - 1) /* an unused slot's RAM page */
#define BENCH_TIM      board_devices_base(BOARD_DEV_BENCH_TIMER) /* the instruction counter */
#define BENCH_IRQ_TIM  board_devices_base(BOARD_DEV_TEST_TIMER)  /* the interrupt source */
#define BENCH_IRQ      ((uint32_t)board_devices_irq(BOARD_DEV_TEST_TIMER))
#define BENCH_IRQ_PERIOD 2000
#define TIM_CR1  0x00u
#define TIM_DIER 0x0cu
#define TIM_SR   0x10u
#define TIM_CNT  0x24u
#define TIM_PSC  0x28u
#define TIM_ARR  0x2cu
#define TIM_UIE  1u

/* Capability slots the booter fills in the benchmark components. */
#define BENCH_SLOT_CONSOLE 1
#define BENCH_SLOT_GATE    3 /* client: gate to the server's bench_fn */
#define BENCH_SLOT_ASND    4 /* client: send end of the server's receiver */
#define BENCH_SLOT_RCV     3 /* server: receive end of its receiver thread */
#define BENCH_SLOT_IRQ_RCV 3 /* irq component: receive end of its interrupt thread */

/* The scheduler benchmark's components (slots 4 and 5): the scheduler's
 * client gates from this slot on. */
#define BENCH_SLOT_SCHED   3

#define BENCH_RUNS 4

/* sched_block_wakeup: roles (start arguments), thread ids, priorities. */
#define SBENCH_BLOCKER 0
#define SBENCH_WAKER   1
#define SBENCH_TID_SCHED   6
#define SBENCH_TID_IDLE    7
#define SBENCH_TID_BLOCKER 8
#define SBENCH_TID_WAKER   9
#define SBENCH_PRIO_BLOCKER 2
#define SBENCH_PRIO_WAKER   5
#define SBENCH_PRIO_BOOTER  10

enum bench_phase { PHASE_RUN, PHASE_IRQ, PHASE_IRQ_ARMED, PHASE_DISPATCH, PHASE_DONE };

struct bench_shared {
	volatile uint32_t phase;
	volatile uint32_t t0;          /* stamp taken before a send or dispatch */
	volatile uint32_t asnd[BENCH_RUNS];
	volatile uint32_t irq;         /* counter value read by the interrupt thread */
	volatile uint32_t irq_due;     /* the counter value the interrupt was due at */
	volatile uint32_t irq_seen;
	/* sched_block_wakeup: counter at the blocked thread's return minus t0 */
	volatile uint32_t sbw[BENCH_RUNS];
	volatile uint32_t sbw_overhead; /* one counter read, measured by the waker */
};

#define SHARED ((struct bench_shared *)BENCH_SHARED)

static inline uint32_t bench_now(void)
{
	return *(volatile uint32_t *)(BENCH_TIM + TIM_CNT);
}

#endif
