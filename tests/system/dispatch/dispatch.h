/*
 * dispatch.h - what the dispatch test's booter and components agree on.
 * The spinner counts in a page of pool RAM that the booter also maps, so
 * the booter can see that it really ran.
 */
#ifndef DISPATCH_H
#define DISPATCH_H

#include <stdint.h>
#include "layout.h"
#include "test.h"

#define SHARED_ADDR LAYOUT_SLOT_RAM(7) /* slot 7 holds no component in this image */
#define SHARED_LOG2 12
#define SPIN_COUNT (*(volatile uint32_t *)SHARED_ADDR)

#define TID_SPIN    1
#define TID_CHECKER 2
#define PRIO_COMP  10

/* Checker's capability slots. */
#define SLOT_SELF_THD      TEST_SLOT_FIRST       /* its own thread, all rights */
#define SLOT_SPIN_NOSCHED  (TEST_SLOT_FIRST + 1) /* spinner, without COS_R_SCHED */
#define SLOT_SPIN_NODISP   (TEST_SLOT_FIRST + 2) /* spinner, without COS_R_DISPATCH */
#define SLOT_RCV           (TEST_SLOT_FIRST + 3) /* its endpoint, never sent to */
#define SLOT_BOOTER_THD    (TEST_SLOT_FIRST + 4) /* the booter's thread, COS_R_SCHED only */

#endif
