/*
 * alarm.h - the "alarm" interface: virtual alarms served by the alarm
 * multiplexer (components/alarm_mux) to its clients.  The rules are in
 * docs/alarm.md; the client calls (sleep, periodic timers) are libcos'
 * cos/alarm.h.
 *
 * Contract: interfaces/alarm/interface.toml declares the functions in the
 * order of ALARM_FN_*; a client's generated gates to them are consecutive,
 * function i at gate_slot + i, so libcos calls them through the slot of the
 * first (cos_alarm_init(COS_GATE_alarm_now)).  The interface identifies its
 * caller (identify = true): every alarm number is the caller's own.
 */
#ifndef ALARM_INTERFACE_H
#define ALARM_INTERFACE_H

#include <stdint.h>

/* The functions, in interface order: gate_slot + ALARM_FN_x. */
#define ALARM_FN_NOW    0 /* () -> the counter */
#define ALARM_FN_FREQ   1 /* () -> ticks per second */
#define ALARM_FN_SET    2 /* (alarm, reference, dt, tid) -> 0 pending, 1 expired at once, or COS_E* */
#define ALARM_FN_SET_IN 3 /* (alarm, dt, tid) -> set(alarm, now, dt, tid) */
#define ALARM_FN_CANCEL 4 /* (alarm) -> 1 it was pending, 0 it was not, or COS_E* */
#define ALARM_FN_ARMED  5 /* (alarm) -> 1 pending, 0 not, or COS_E* */
#define ALARM_FN_STAT   6 /* (what) -> ALARM_STAT_* */
#define ALARM_NFNS      7

/* Virtual alarms per client, numbered 0 .. ALARM_PER_CLIENT - 1 (libcos'
 * sleep and periodic timers each use one the caller names).  The mux
 * reserves them for every client the graph gives it. */
#define ALARM_PER_CLIENT 4

/* set's results besides errors. */
#define ALARM_PENDING 0 /* it will expire later */
#define ALARM_EXPIRED 1 /* it had expired at the call: the wakeup comes at once */

/* stat(what): diagnostics, for tests and the benchmark.  They are of the
 * whole mux, not of the caller: a client learns from them whether any alarm
 * is armed (docs/alarm.md, confidentiality). */
#define ALARM_STAT_HW_ARMED     0 /* 1 while the hardware alarm is armed */
#define ALARM_STAT_HW_SETS      1 /* times the mux armed the hardware alarm */
#define ALARM_STAT_SERVICES     2 /* evaluations by the mux's thread */
#define ALARM_STAT_CLIENT_BYTES 3 /* bytes of state the mux reserves per client */
#define ALARM_STAT_FIRED        4 /* alarms fired, all clients */

#endif
