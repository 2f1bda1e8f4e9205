/*
 * client.c - three clients of one alarm mux (one component each, the same
 * code; the thread's name says which):
 *   a: cancels its next alarm to fire (alarm 0, 150 ms) and is woken only by
 *      its other (alarm 1, 250 ms); refusals: an alarm number past the
 *      client's, a thread that is not the client's;
 *   b: alarm 0 (which a cancelled: its own is another) and alarm 1, both at
 *      150 ms: woken once, both fired;
 *   c: an alarm set in the past fires at once; a cancel of an alarm that is
 *      not the next to fire (300 ms, while one at 200 ms is pending); then
 *      waits for the others, checks that the hardware alarm is off and ends
 *      the system.
 */
#include "cos_gen.h"
#include <cos/alarm.h>
#include "test.h"

static int reached(uint32_t now, uint32_t at)
{
	return now - at < 0x80000000u;
}

#ifdef COS_THREAD_a
static void client(uint32_t ms)
{
	struct cos_alarm a0 = { 0, COS_TID_a }, a1 = { 1, COS_TID_a }, other = { 0, COS_TID_b_b };
	struct cos_alarm none = { ALARM_PER_CLIENT, COS_TID_a };
	uint32_t t0 = cos_alarm_now(), now;

	CHECK_EQ("alarm_clients a: set alarm 0 at 150 ms", cos_alarm_set_in(&a0, 150 * ms), ALARM_PENDING);
	CHECK_EQ("alarm_clients a: set alarm 1 at 250 ms", cos_alarm_set_in(&a1, 250 * ms), ALARM_PENDING);
	CHECK_EQ("alarm_clients a: cancel the next to fire: it was pending", cos_alarm_cancel(&a0), 1);
	CHECK_EQ("alarm_clients a: cancel it again: not pending", cos_alarm_cancel(&a0), 0);
	CHECK_EQ("alarm_clients a: not armed", cos_alarm_armed(&a0), 0);
	CHECK_EQ("alarm_clients a: alarm ALARM_PER_CLIENT does not exist", cos_alarm_set(&none, t0, ms), COS_EINVAL);
	CHECK_EQ("alarm_clients a: ... nor for cancel", cos_alarm_cancel(&none), COS_EINVAL);
	CHECK_EQ("alarm_clients a: ... nor for armed", cos_alarm_armed(&none), COS_EINVAL);
	CHECK_EQ("alarm_clients a: another client's thread cannot be named", cos_alarm_set(&other, t0, ms), COS_EPERM);
	CHECK_EQ("alarm_clients a: nor a thread id out of range", cos_alarm_set(&(struct cos_alarm){ 0, 40 }, t0, ms),
		 COS_EPERM);
	cos_sched_block();
	now = cos_alarm_now();
	cos_printf("alarm_clients a: woken after %u ms\n", (now - t0) / ms);
	CHECK("alarm_clients a: the first wakeup is the 250 ms alarm, not the cancelled one",
	      reached(now, t0 + 250 * ms));
	CHECK_EQ("alarm_clients a: alarm 1 fired", cos_alarm_armed(&a1), 0);
}
#endif

#ifdef COS_THREAD_b
static void client(uint32_t ms)
{
	struct cos_alarm b0 = { 0, COS_TID_b }, b1 = { 1, COS_TID_b };
	uint32_t t0 = cos_alarm_now(), now;

	CHECK_EQ("alarm_clients b: set alarm 0 at 150 ms", cos_alarm_set(&b0, t0, 150 * ms), ALARM_PENDING);
	CHECK_EQ("alarm_clients b: set alarm 1 at 150 ms too", cos_alarm_set(&b1, t0, 150 * ms), ALARM_PENDING);
	cos_sched_block();
	CHECK("alarm_clients b: both equal alarms fired at the one wakeup (alarm 0 of a was another)",
	      cos_alarm_armed(&b0) == 0 && cos_alarm_armed(&b1) == 0);
	now = cos_alarm_now();
	cos_printf("alarm_clients b: woken after %u ms\n", (now - t0) / ms);
	CHECK("alarm_clients b: not before 150 ms", reached(now, t0 + 150 * ms));
}
#endif

#ifdef COS_THREAD_c
static void client(uint32_t ms)
{
	struct cos_alarm c0 = { 0, COS_TID_c }, c1 = { 1, COS_TID_c }, c2 = { 2, COS_TID_c };
	uint32_t t0 = cos_alarm_now(), sleeps = 0;

	CHECK_EQ("alarm_clients c: an alarm set in the past has expired", cos_alarm_set(&c0, t0 - 100, 50),
		 ALARM_EXPIRED);
	CHECK_EQ("alarm_clients c: ... and it fires at once", cos_alarm_wait(&c0), 0);
	t0 = cos_alarm_now();
	CHECK_EQ("alarm_clients c: set alarm 1 at 300 ms", cos_alarm_set_in(&c1, 300 * ms), ALARM_PENDING);
	CHECK_EQ("alarm_clients c: set alarm 2 at 200 ms", cos_alarm_set_in(&c2, 200 * ms), ALARM_PENDING);
	CHECK_EQ("alarm_clients c: cancel the one that is not next", cos_alarm_cancel(&c1), 1);
	CHECK_EQ("alarm_clients c: alarm 2 still fires", cos_alarm_wait(&c2), 0);
	CHECK("alarm_clients c: not before 200 ms", reached(cos_alarm_now(), t0 + 200 * ms));
	/* a's alarm 1, b's two, c's two: wait until they have fired (and a and
	 * b, more urgent, have run), 2 s at most. */
	while (alarm_stat(ALARM_STAT_FIRED) < 5 + sleeps && sleeps < 200) {
		cos_sleep_ticks(&c2, 10 * ms);
		sleeps++;
	}
	CHECK("alarm_clients c: every alarm that was not cancelled fired", alarm_stat(ALARM_STAT_FIRED) >= 5 + sleeps);
	CHECK_EQ("alarm_clients c: none is armed: the hardware alarm is off", alarm_stat(ALARM_STAT_HW_ARMED), 0);
	cos_printf("alarm_clients: the mux reserves %u bytes per client\n", alarm_stat(ALARM_STAT_CLIENT_BYTES));
	cos_halt(COS_SLOT_HALT, test_failures());
}
#endif

int cos_main(uint32_t arg)
{
	(void)arg;
	client(cos_alarm_freq() / 1000);
	return 0;
}
