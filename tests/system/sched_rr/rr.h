/*
 * rr.h - the sched_rr test: two spinning threads of one priority, one per
 * component, count in a page of pool RAM that the booter maps into both
 * (region 2) and into itself (region 3).
 */
#ifndef SCHED_RR_H
#define SCHED_RR_H

#include <stdint.h>
#include "layout.h"
#include "test.h"

#define SHARED_ADDR LAYOUT_SLOT_RAM(7) /* slot 7 holds no component in this image */
#define SHARED_LOG2 12

/* Counts each spinner makes: about 35 ms of QEMU's time on a fast host
 * today (a count is 4 instructions), so tens of 1 ms slices; the checks
 * need 3. */
#define SPIN_COUNTS 10000000u

struct rr_shared {
	volatile uint32_t count[2];    /* each spinner's count so far */
	volatile uint32_t other_at_end[2]; /* the other's count when this one finished */
	volatile uint32_t switches[2]; /* times this one saw the other's count move */
	volatile uint32_t done[2];
};
#define SH ((struct rr_shared *)SHARED_ADDR)

#define TID_BOOTER 0
#define TID_SCHED  1
#define TID_IDLE   2
#define TID_SPIN0  3 /* spinner i has thread id TID_SPIN0 + i and argument i */
#define PRIO_SPIN   10
#define PRIO_BOOTER 20

#define SLOT_SCHED TEST_SLOT_FIRST /* the spinners' gates to the scheduler */

#endif
