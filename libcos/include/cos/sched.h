/*
 * sched.h - libcos: the client side of the scheduler component.
 *
 * Contract: the interface (export numbers, priorities, the C API
 * cos_sched_init, cos_sched_block, cos_sched_wakeup, cos_sched_yield,
 * cos_sched_exit, cos_sched_stat) is interfaces/sched/sched.h; the rules
 * are in docs/sched.md.  Each call is one call-gate invocation of the
 * scheduler on the calling thread.
 */
#ifndef COS_SCHED_H
#define COS_SCHED_H

#include "../../../interfaces/sched/sched.h"

#endif
