/*
 * alarm.h - libcos: the client side of the alarm multiplexer
 * (components/alarm_mux): the counter, sleeping, periodic timers.
 *
 * Contract: in a component that depends on the "alarm" interface the
 * generated cos_gen_init (run by crt0 first) names the slot of its first
 * gate, cos_alarm_init(COS_GATE_alarm_now) (its other gates follow in
 * interface order, ALARM_FN_* of interfaces/alarm/alarm.h).  A thread that sleeps names an alarm of its
 * component's (0 .. ALARM_PER_CLIENT - 1) that no other thread uses meanwhile,
 * and its own thread id (COS_TID_<thread>), which the mux wakes at expiry:
 * struct cos_alarm.  Sleeping blocks in the scheduler (cos_sched_block), so
 * the component also depends on "sched".  Every call returns a negative
 * COS_E* error when the mux refuses it or cannot be reached; rules and
 * figures in docs/alarm.md.
 */
#ifndef COS_ALARM_H
#define COS_ALARM_H

#include <stdint.h>
#include "../../../interfaces/alarm/alarm.h"

/* The alarm a thread sleeps on, and the thread. */
struct cos_alarm {
	uint32_t alarm; /* the component's alarm number */
	uint32_t tid;   /* the thread the mux wakes: the sleeping thread itself */
};

void cos_alarm_init(uint32_t gate_slot);

/* The interface, one call each. */
uint32_t cos_alarm_now(void);
uint32_t cos_alarm_freq(void); /* asked once, then remembered */
int32_t cos_alarm_set(const struct cos_alarm *a, uint32_t reference, uint32_t dt); /* ALARM_PENDING / ALARM_EXPIRED */
int32_t cos_alarm_set_in(const struct cos_alarm *a, uint32_t dt);
int32_t cos_alarm_cancel(const struct cos_alarm *a); /* 1: it was pending */
int32_t cos_alarm_armed(const struct cos_alarm *a);
/* Block until a is no longer armed (it fired or was cancelled). */
int32_t cos_alarm_wait(const struct cos_alarm *a);

/* Sleep: the calling thread (a->tid) blocks until the alarm expires.  The
 * results are those of cos_alarm_set (ALARM_EXPIRED: it had expired before
 * the call, so it returned at once). */
int32_t cos_sleep_until(const struct cos_alarm *a, uint32_t reference, uint32_t dt); /* till reference + dt */
int32_t cos_sleep_ticks(const struct cos_alarm *a, uint32_t ticks);
int32_t cos_sleep_us(const struct cos_alarm *a, uint32_t us); /* rounded up to whole ticks; any length */

/* Microseconds to ticks of the counter, rounded up (64 bits: may exceed one range). */
uint64_t cos_alarm_us_to_ticks(uint32_t us);

/*
 * A periodic timer: releases at start + k * period (k = 1, 2, ...), without
 * drift.  cos_periodic_wait() sleeps until the next release and returns how
 * many releases were missed, that is merged into this one because the
 * caller came back too late (0 when on time), or a COS_E* error.
 */
struct cos_periodic {
	struct cos_alarm a;
	uint32_t release; /* the last release (start, at first) */
	uint32_t period;  /* in ticks, 1 .. 2^32 - 1 */
	uint32_t missed;  /* releases missed in all */
};
int32_t cos_periodic_start(struct cos_periodic *p, const struct cos_alarm *a, uint32_t period);
int32_t cos_periodic_start_at(struct cos_periodic *p, const struct cos_alarm *a, uint32_t start, uint32_t period);
int32_t cos_periodic_wait(struct cos_periodic *p);

#endif
