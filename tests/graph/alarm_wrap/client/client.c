/*
 * client.c - four alarms of one client around the counter's wrap: one set in
 * the past, one before the wrap, two after it with equal expiries (one of
 * them set again after it fired in the past), one later.  After each wakeup
 * the thread notes which alarms are no longer armed, then reads the time:
 * they must come in order of expiry, equal ones together, and none may be
 * seen fired with a time still before its expiry.
 */
#include "cos_gen.h"
#include <cos/alarm.h>
#include "test.h"

#define N 4

static int reached(uint32_t now, uint32_t at)
{
	return now - at < 0x80000000u;
}

/* Where a time lies from start, across the wrap (within half a range). */
static int32_t rank(uint32_t at, uint32_t start)
{
	return (int32_t)(at - start);
}

int cos_main(uint32_t arg)
{
	const uint32_t ms = cos_alarm_freq() / 1000;
	uint32_t now = cos_alarm_now(), start = now, wrap = 0, at[N], seen_at[N], group[N], i, groups = 0, left, rounds;
	struct cos_alarm a[N];
	int armed[N];

	(void)arg;
	cos_printf("alarm_wrap: now %x, %u ticks per ms, wrap in %u ms\n", now, ms, (wrap - now) / ms);
	CHECK("alarm_wrap: the counter starts close enough before 2^32 to cross it here",
	      wrap - now > 60 * ms && wrap - now < (1u << 29));
	for (i = 0; i < N; i++) {
		a[i].alarm = i;
		a[i].tid = COS_TID_main;
	}
	/* a3: in the past (reference 2 ms ago, dt 1 ms): expired at once. */
	at[3] = now - 1 * ms;
	CHECK_EQ("alarm_wrap: an alarm set in the past has expired", cos_alarm_set(&a[3], now - 2 * ms, 1 * ms),
		 ALARM_EXPIRED);
	/* a1: 30 ms before the wrap, from a reference 5 ms ago. */
	at[1] = wrap - 30 * ms;
	CHECK_EQ("alarm_wrap: before the wrap", cos_alarm_set(&a[1], now - 5 * ms, at[1] - (now - 5 * ms)),
		 ALARM_PENDING);
	/* a0: 60 ms after the wrap; a2: 15 ms after it. */
	at[0] = wrap + 60 * ms;
	CHECK_EQ("alarm_wrap: after the wrap", cos_alarm_set(&a[0], now, at[0] - now), ALARM_PENDING);
	at[2] = wrap + 15 * ms;
	CHECK_EQ("alarm_wrap: just after the wrap", cos_alarm_set(&a[2], now, at[2] - now), ALARM_PENDING);
	CHECK_EQ("alarm_wrap: the hardware alarm is armed", alarm_stat(ALARM_STAT_HW_ARMED), 1);

	for (i = 0; i < N; i++) {
		armed[i] = 1;
		group[i] = 0;
		seen_at[i] = 0;
	}
	for (rounds = 0, left = N + 1; left && rounds < 100; rounds++) {
		int any = 0, gone[N] = { 0 };
		uint32_t k, j;

		cos_sched_block();
		/* Which have fired, the latest expiry first, then the time.  The mux's
		 * thread fires between these reads at most: the fired ones must then
		 * be the earliest (so seen in order), an alarm seen fired with the
		 * time read after it still before its expiry would have fired early,
		 * and one of two equal alarms never fires without the other. */
		for (k = 0; k < N; k++) {
			uint32_t latest = N;

			for (j = 0; j < N; j++)
				if (armed[j] && !gone[j] && (latest == N || rank(at[j], start) > rank(at[latest], start)))
					latest = j;
			if (latest == N)
				break;
			gone[latest] = cos_alarm_armed(&a[latest]) == 0 ? 1 : -1;
		}
		if (armed[2] && armed[3] && at[2] == at[3] && (gone[2] == 1) != (gone[3] == 1))
			CHECK("alarm_wrap: equal alarms fire together",
			      cos_alarm_armed(&a[2]) == 0 && cos_alarm_armed(&a[3]) == 0);
		now = cos_alarm_now();
		for (i = 0; i < N; i++)
			for (j = 0; j < N; j++)
				if (gone[i] == -1 && gone[j] == 1 && rank(at[i], start) < rank(at[j], start))
					CHECK("alarm_wrap: alarms fire in order of expiry", 0);
		for (i = 0; i < N; i++) {
			if (gone[i] != 1)
				continue;
			armed[i] = 0;
			seen_at[i] = now;
			group[i] = groups + 1;
			any = 1;
			left--;
			cos_printf("alarm_wrap: alarm %u (due %x) seen at %x, group %u\n", i, at[i], now, groups + 1);
			if (!reached(now, at[i]))
				CHECK("alarm_wrap: no alarm fires before its expiry", 0);
			if (i == 3 && groups == 0) {
				/* Again, with the same expiry as a2. */
				at[3] = at[2];
				CHECK_EQ("alarm_wrap: set again, due with alarm 2",
					 cos_alarm_set(&a[3], now, at[3] - now), ALARM_PENDING);
				armed[3] = 1;
			}
		}
		if (any)
			groups++;
	}
	CHECK_EQ("alarm_wrap: every alarm fired", left, 0);
	cos_printf("alarm_wrap: groups: alarm 1 in %u, 2 in %u, 3 in %u, 0 in %u\n", group[1], group[2], group[3],
		   group[0]);
	CHECK("alarm_wrap: the one set in the past first, then in order of expiry, equal ones together",
	      group[1] == 2 && group[2] == 3 && group[3] == 3 && group[0] == 4);
	CHECK("alarm_wrap: none fired before its expiry", reached(seen_at[0], at[0]) && reached(seen_at[1], at[1]) &&
		  reached(seen_at[2], at[2]) && reached(seen_at[3], at[3]));
	CHECK("alarm_wrap: the wrap was crossed", start >= 0x80000000u && seen_at[0] < 0x80000000u);
	CHECK_EQ("alarm_wrap: with none armed, the hardware alarm is off", alarm_stat(ALARM_STAT_HW_ARMED), 0);
	cos_halt(COS_SLOT_HALT, test_failures());
	return 0;
}
