/*
 * app.c - libcos' alarm calls (cos/alarm.h) on two threads of one client.
 *   main: sleeps of ticks and of microseconds (not shorter than asked), a
 *         sleep until a time already past (returns at once), a periodic
 *         timer (releases at start + k * period, whatever the lateness of
 *         the wakeups), missed releases reported and skipped; then, once
 *         the first half-range segment of long's alarm is over, checks that
 *         the alarm is still pending (it was split, not fired early);
 *   long: an alarm of 2^31 + 20 ms ticks (more than half the range): not
 *         early, and the system ends.
 */
#include "cos_gen.h"
#include <cos/alarm.h>
#include "test.h"

#define PERIOD_MS 3
#define LONG_EXTRA_MS 20

static volatile uint32_t long_start, long_set, main_done;

static int reached(uint32_t now, uint32_t at)
{
	return now - at < 0x80000000u;
}

static void main_thread(uint32_t ms)
{
	struct cos_alarm a0 = { 0, COS_TID_main }, a1 = { 1, COS_TID_main };
	struct cos_periodic p;
	uint32_t t0, now, k, start, period = PERIOD_MS * ms, sets;
	int32_t r, on_time = 1;

	t0 = cos_alarm_now();
	CHECK_EQ("alarm_libcos: cos_sleep_ticks(2 ms)", cos_sleep_ticks(&a0, 2 * ms), ALARM_PENDING);
	CHECK("alarm_libcos: ... not shorter", reached(cos_alarm_now(), t0 + 2 * ms));
	t0 = cos_alarm_now();
	CHECK_EQ("alarm_libcos: cos_sleep_us(1500)", cos_sleep_us(&a0, 1500), ALARM_PENDING);
	CHECK("alarm_libcos: ... not shorter", reached(cos_alarm_now(), t0 + 1500 * (ms / 1000)));
	t0 = cos_alarm_now();
	CHECK_EQ("alarm_libcos: cos_sleep_until a time already past returns at once",
		 cos_sleep_until(&a0, t0 - 10 * ms, 5 * ms), ALARM_EXPIRED);
	CHECK_EQ("alarm_libcos: ... its alarm is not armed", cos_alarm_armed(&a0), 0);
	CHECK("alarm_libcos: microseconds to ticks, beyond 32 bits",
	      cos_alarm_us_to_ticks(5000000) == 5000000ull * cos_alarm_freq() / 1000000);
	CHECK("alarm_libcos: microseconds to ticks, rounded up", cos_alarm_us_to_ticks(1) >= 1);

	/* Periodic: releases at start + k * period. */
	CHECK_EQ("alarm_libcos: cos_periodic_start", cos_periodic_start(&p, &a1, period), COS_OK);
	start = p.release;
	for (k = 1; k <= 5; k++) {
		r = cos_periodic_wait(&p);
		now = cos_alarm_now();
		if (r < 0 || p.release != start + (k + p.missed) * period || !reached(now, p.release))
			on_time = 0;
	}
	CHECK("alarm_libcos: periodic releases at start + k * period, none early", on_time);
	/* Come back 2.5 periods late: at least one release merged, reported, skipped. */
	while (!reached(cos_alarm_now(), p.release + 2 * period + period / 2))
		;
	r = cos_periodic_wait(&p);
	now = cos_alarm_now();
	cos_printf("alarm_libcos: periodic wait 2.5 periods late: %d missed\n", r);
	CHECK("alarm_libcos: a late wait reports the releases it merged", r >= 1);
	CHECK("alarm_libcos: ... and the releases stay on the grid",
	      (p.release - start) % period == 0 && p.release == start + (k + p.missed) * period && reached(now, p.release));
	r = cos_periodic_wait(&p);
	CHECK("alarm_libcos: then on time again", r >= 0 && reached(cos_alarm_now(), p.release));

	/* long's alarm: still pending after its first segment (2^31 - 1 ticks). */
	while (!long_set)
		cos_sleep_ticks(&a0, ms);
	sets = alarm_stat(ALARM_STAT_HW_SETS);
	cos_sleep_until(&a0, long_start, 0x7fffffffu + 5 * ms);
	CHECK_EQ("alarm_libcos: the long alarm is pending after half the range", cos_alarm_armed(&(struct cos_alarm){ 3, COS_TID_long }), 1);
	CHECK("alarm_libcos: ... the hardware alarm was set again at the segment's end", alarm_stat(ALARM_STAT_HW_SETS) > sets + 1);
	main_done = 1;
}

static void long_thread(uint32_t ms)
{
	struct cos_alarm a3 = { 3, COS_TID_long };
	uint32_t dt = 0x80000000u + LONG_EXTRA_MS * ms;
	int32_t set, waited;

	/* Nothing printed until main is done: the two threads share stdout's
	 * line buffer, and main preempts this one. */
	long_start = cos_alarm_now();
	set = cos_alarm_set(&a3, long_start, dt);
	long_set = 1;
	waited = cos_alarm_wait(&a3);
	CHECK_EQ("alarm_libcos: a long alarm (2^31 + 20 ms)", set, ALARM_PENDING);
	CHECK_EQ("alarm_libcos: ... fired", waited, 0);
	CHECK("alarm_libcos: ... not early", reached(cos_alarm_now(), long_start + dt));
	CHECK("alarm_libcos: main's checks ran meanwhile", main_done);
	cos_halt(COS_SLOT_HALT, test_failures());
}

int cos_main(uint32_t arg)
{
	uint32_t ms = cos_alarm_freq() / 1000;

	if (arg == COS_THREAD_main)
		main_thread(ms);
	else
		long_thread(ms);
	return 0;
}
