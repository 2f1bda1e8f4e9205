/*
 * test_alarm.c - host test of the alarm multiplexer's policy
 * (components/alarm_mux/alarm_logic.c, docs/alarm.md section 2): the
 * wrapping arithmetic across 2^32, alarms set in the past (and with a
 * reference ahead of now), equal expiries, order of expiry, long alarms in
 * segments of less than half range, cancel of the next alarm to fire, when
 * the hardware is armed, moved and disarmed, busy slots and writes that
 * race with an evaluation; then a random run against a 64-bit model over
 * many wraps.
 */
#include <stdint.h>
#include <string.h>
#include "check.h"
#include "alarm_logic.h"
#include "../../../interfaces/alarm/alarm.h"

#define NS 8

static struct alarm_slot s[NS];

/* The fire callback records the order; a hook can change slots meanwhile,
 * as a client preempting the mux's thread would. */
static uint32_t order[64], norder, tids[64];
static void (*during_fire)(uint32_t slot);

static void rec(void *ctx, uint32_t slot, uint32_t tid)
{
	(void)ctx;
	if (norder < 64) {
		tids[norder] = tid;
		order[norder++] = slot;
	}
	if (during_fire)
		during_fire(slot);
}

static void reset(void)
{
	memset(s, 0, sizeof(s));
	norder = 0;
	during_fire = 0;
}

static uint32_t service(uint32_t now, struct alarm_next *nx)
{
	return alarm_service(s, NS, now, rec, 0, nx);
}

static void test_arithmetic(void)
{
	/* Tock's rule, across the wrap. */
	CHECK(alarm_is_pending(0xfffffff8u, 0xfffffff0u, 0x20));
	CHECK(alarm_is_pending(0x00000005u, 0xfffffff0u, 0x20)); /* now wrapped, 0x15 elapsed */
	CHECK(!alarm_is_pending(0x00000010u, 0xfffffff0u, 0x20)); /* exactly dt elapsed: expired */
	CHECK(!alarm_is_pending(0x00000011u, 0xfffffff0u, 0x20));
	CHECK_EQ(alarm_left(0x00000005u, 0xfffffff0u, 0x20), 0x0b);
	CHECK_EQ(alarm_left(0xfffffff0u, 0xfffffff0u, 0x20), 0x20);
	CHECK_EQ(alarm_left(0x00000010u, 0xfffffff0u, 0x20), 0);
	/* dt 0: expired at once; the longest dt. */
	CHECK(!alarm_is_pending(123, 123, 0));
	CHECK(alarm_is_pending(121, 123, 0xffffffffu)); /* 2^32 - 2 elapsed: the last pending tick */
	CHECK(!alarm_is_pending(122, 123, 0xffffffffu)); /* 2^32 - 1 elapsed */
	/* A reference ahead of now reads as long past: expired (Tock's rule). */
	CHECK(!alarm_is_pending(100, 110, 50));
	CHECK_EQ(alarm_left(100, 110, 50), 0);
}

static void test_set_normalises(void)
{
	reset();
	/* Pending: stored as (now, what is left), the same expiry. */
	CHECK_EQ(alarm_slot_set(&s[0], 0xfffffff0u, 0xffffffe0u, 0x40, 7), ALARM_PENDING);
	CHECK_EQ(s[0].base, 0xfffffff0u);
	CHECK_EQ(s[0].dt, 0x30);
	CHECK_EQ(s[0].base + s[0].dt, 0x20u); /* expiry across the wrap */
	CHECK(alarm_slot_armed(&s[0]));
	CHECK_EQ(ALARM_W_TID(s[0].word), 7);
	CHECK(!(s[0].word & ALARM_W_BUSY));
	/* In the past: expired, stored with dt 0. */
	CHECK_EQ(alarm_slot_set(&s[1], 100, 50, 20, 3), ALARM_EXPIRED);
	CHECK_EQ(s[1].dt, 0);
	CHECK(alarm_slot_armed(&s[1]));
	/* Reference ahead of now: expired too. */
	CHECK_EQ(alarm_slot_set(&s[2], 100, 110, 50, 3), ALARM_EXPIRED);
	/* Every write changes the sequence number (no ABA for the mux's CAS). */
	{
		uint32_t w = s[0].word;

		CHECK_EQ(alarm_slot_set(&s[0], 0xfffffff0u, 0xffffffe0u, 0x40, 7), ALARM_PENDING);
		CHECK(s[0].word != w);
		CHECK_EQ(s[0].word & ~(ALARM_W_SEQ - 1), (w & ~(ALARM_W_SEQ - 1)) + ALARM_W_SEQ);
	}
	/* A busy slot (another writer holds it) is refused, and left alone. */
	s[3].word = ALARM_W_BUSY;
	CHECK_EQ(alarm_slot_set(&s[3], 0, 0, 10, 1), ALARM_SLOT_BUSY);
	CHECK_EQ(alarm_slot_cancel(&s[3]), ALARM_SLOT_BUSY);
	CHECK_EQ(s[3].word, ALARM_W_BUSY);
	/* Cancel: 1 if it was armed, then 0. */
	CHECK_EQ(alarm_slot_cancel(&s[0]), 1);
	CHECK(!alarm_slot_armed(&s[0]));
	CHECK_EQ(alarm_slot_cancel(&s[0]), 0);
	CHECK_EQ(alarm_slot_cancel(&s[5]), 0); /* never set */
}

static void test_past_equal_order(void)
{
	struct alarm_next nx;
	uint32_t now = 0xfffffff0u;

	reset();
	/* Expiries around the wrap: 0xfffffff8, 0x8 (twice), 0x10; and one in the past. */
	alarm_slot_set(&s[0], now, now, 0x20, 10);       /* 0x10 */
	alarm_slot_set(&s[1], now, now - 8, 0x10, 11);   /* 0xfffffff8 */
	alarm_slot_set(&s[2], now, now, 0x18, 12);       /* 0x8 */
	alarm_slot_set(&s[3], now, now - 0x100, 1, 13);  /* in the past */
	alarm_slot_set(&s[6], now, now + 4, 0x14, 16);   /* 0x8, from a reference 4 ahead: expired */
	CHECK_EQ(service(now, &nx), 2); /* the two expired ones at once */
	CHECK_EQ(norder, 2);
	CHECK_EQ(order[0], 3);
	CHECK_EQ(order[1], 6);
	CHECK_EQ(tids[0], 13);
	CHECK(nx.armed);
	CHECK_EQ(nx.target, 0xfffffff8u);
	CHECK_EQ(nx.slot, 1);
	/* Once its time comes, in order: one at a time, equal ones together. */
	CHECK_EQ(service(0xfffffff8u, &nx), 1);
	CHECK_EQ(order[2], 1);
	CHECK_EQ(nx.target, 0x8u);
	CHECK_EQ(nx.slot, 2);
	alarm_slot_set(&s[4], 0xfffffff9u, 0xfffffff9u, 0xf, 14); /* 0x8 as well */
	CHECK_EQ(service(0x7u, &nx), 0); /* not yet: nothing early */
	CHECK_EQ(nx.target, 0x8u);
	CHECK_EQ(service(0x8u, &nx), 2);
	CHECK_EQ(order[3], 2);
	CHECK_EQ(order[4], 4);
	CHECK_EQ(nx.target, 0x10u);
	/* Late: several due at once fire most overdue first. */
	alarm_slot_set(&s[5], 0x9u, 0x9u, 0x2, 15);   /* 0xb */
	alarm_slot_set(&s[7], 0x9u, 0x9u, 0x1, 17);   /* 0xa */
	CHECK_EQ(service(0x40u, &nx), 3);
	CHECK_EQ(order[5], 7);
	CHECK_EQ(order[6], 5);
	CHECK_EQ(order[7], 0);
	/* None armed: the hardware is disarmed. */
	CHECK(!nx.armed);
	CHECK_EQ(norder, 8);
}

static void test_long_alarms(void)
{
	struct alarm_next nx;
	uint32_t now = 0x80000000u, dt = 0xfffffff0u, expiry = now + dt;

	reset();
	alarm_slot_set(&s[0], now, now, dt, 1);
	CHECK_EQ(service(now, &nx), 0);
	CHECK(nx.armed);
	CHECK_EQ(nx.target, now + ALARM_SEG_MAX); /* cut below half range */
	/* The first segment ends: not due, rebased; the rest is less than a segment. */
	now = nx.target + 1000; /* the evaluation is a little late */
	CHECK_EQ(service(now, &nx), 0);
	CHECK_EQ(s[0].base, now);
	CHECK_EQ(s[0].base + s[0].dt, expiry);
	CHECK_EQ(nx.target, expiry);
	CHECK_EQ(service(expiry - 1, &nx), 0);
	CHECK_EQ(service(expiry, &nx), 1);
	/* The longest, 2^32 - 1 from now: three segments. */
	reset();
	now = 0x40;
	expiry = now + 0xffffffffu;
	alarm_slot_set(&s[0], now, now, 0xffffffffu, 1);
	service(now, &nx);
	CHECK_EQ(nx.target, now + ALARM_SEG_MAX);
	now = nx.target;
	service(now, &nx);
	CHECK_EQ(nx.target, now + ALARM_SEG_MAX);
	now = nx.target;
	service(now, &nx);
	CHECK_EQ(nx.target, expiry);
	CHECK_EQ(nx.target - now, 1);
	CHECK_EQ(service(expiry - 1, &nx), 0);
	CHECK_EQ(service(expiry, &nx), 1);
	CHECK(!nx.armed);
	/* Without the rebase, a base left 2^32 - dt + 1 behind would read as pending
	 * again after the expiry: the rebased slot fires even evaluated late. */
	reset();
	now = 5;
	alarm_slot_set(&s[1], now, now, 0xffffff00u, 2);
	service(now, &nx);
	now = nx.target;
	service(now, &nx);
	now = nx.target + 0x1000; /* 0xf00 after the expiry */
	CHECK_EQ(service(now, &nx), 1);
	/* A short alarm among long ones decides the hardware; the long one stays. */
	reset();
	alarm_slot_set(&s[0], 0, 0, 0xf0000000u, 1);
	alarm_slot_set(&s[1], 0, 0, 0x100, 2);
	service(0, &nx);
	CHECK_EQ(nx.target, 0x100u);
	CHECK_EQ(nx.slot, 1);
	CHECK_EQ(service(0x100, &nx), 1);
	CHECK_EQ(nx.target, 0x100u + ALARM_SEG_MAX);
	CHECK_EQ(nx.slot, 0);
	/* Rebase only from ALARM_REBASE of age. */
	CHECK_EQ(s[0].base, 0);
	service(ALARM_REBASE, &nx);
	CHECK_EQ(s[0].base, ALARM_REBASE);
	CHECK_EQ(s[0].dt, 0xf0000000u - ALARM_REBASE);
}

static void test_cancel_and_kicks(void)
{
	struct alarm_next nx;
	struct alarm_hw hw = { 0, 0, 0 };

	reset();
	/* Off: any set needs the mux's thread. */
	CHECK(alarm_kick_after_set(&hw, 1000, 500));
	alarm_slot_set(&s[0], 1000, 1000, 500, 1); /* 1500 */
	alarm_slot_set(&s[1], 1000, 1000, 800, 2); /* 1800 */
	service(1000, &nx);
	hw.armed = nx.armed;
	hw.target = nx.target;
	hw.slot = nx.slot;
	CHECK_EQ(hw.target, 1500);
	CHECK_EQ(hw.slot, 0);
	/* Earlier: kick; later or equal: none; expired: kick. */
	CHECK(alarm_kick_after_set(&hw, 1100, 399));
	CHECK(!alarm_kick_after_set(&hw, 1100, 400));
	CHECK(!alarm_kick_after_set(&hw, 1100, 4000));
	CHECK(alarm_kick_after_set(&hw, 1100, 0));
	/* The hardware alarm reached (its wakeup is on the way): none. */
	CHECK(!alarm_kick_after_set(&hw, 1500, 1));
	CHECK(!alarm_kick_after_set(&hw, 1600, 1));
	/* Across the wrap. */
	hw.target = 0x10;
	CHECK(alarm_kick_after_set(&hw, 0xfffffff0u, 0x1f));
	CHECK(!alarm_kick_after_set(&hw, 0xfffffff0u, 0x20));
	hw.target = 1500;
	/* Cancel the next to fire: the mux's thread must move the hardware. */
	CHECK_EQ(alarm_slot_cancel(&s[0]), 1);
	CHECK(alarm_kick_after_cancel(&hw, 0));
	CHECK(!alarm_kick_after_cancel(&hw, 1));
	service(1100, &nx);
	CHECK(nx.armed);
	CHECK_EQ(nx.target, 1800);
	CHECK_EQ(nx.slot, 1);
	/* The cancelled one never fires. */
	CHECK_EQ(service(1600, &nx), 0);
	CHECK_EQ(norder, 0);
	/* Cancel the last: disarm. */
	hw.target = nx.target;
	hw.slot = nx.slot;
	CHECK_EQ(alarm_slot_cancel(&s[1]), 1);
	CHECK(alarm_kick_after_cancel(&hw, 1));
	service(1700, &nx);
	CHECK(!nx.armed);
	hw.armed = 0;
	CHECK(!alarm_kick_after_cancel(&hw, 1));
	/* Re-armed after firing. */
	alarm_slot_set(&s[1], 1700, 1700, 10, 2);
	CHECK_EQ(service(1710, &nx), 1);
	CHECK(!nx.armed);
	CHECK(!alarm_slot_armed(&s[1]));
}

/* Writers that come in while the mux's thread evaluates. */
static void rewrite_slot1(uint32_t slot)
{
	if (slot == 0)
		alarm_slot_set(&s[1], 50, 50, 100, 9); /* slot 1, due too, set again to 150 */
}

static void test_races(void)
{
	struct alarm_next nx;

	/* A busy slot is skipped, not waited for, and not in the hardware's target. */
	reset();
	alarm_slot_set(&s[0], 0, 0, 10, 1);
	alarm_slot_set(&s[1], 0, 0, 5, 2);
	s[1].word |= ALARM_W_BUSY;
	CHECK_EQ(service(20, &nx), 1);
	CHECK_EQ(order[0], 0);
	CHECK(!nx.armed);
	CHECK(s[1].word & ALARM_W_ARMED);
	/* A slot set again while the thread fires another: the new alarm stands. */
	reset();
	alarm_slot_set(&s[0], 0, 0, 10, 1);
	alarm_slot_set(&s[1], 0, 0, 5, 2);
	during_fire = rewrite_slot1;
	CHECK_EQ(service(20, &nx), 1 + 1); /* slot 1 was most overdue: fired before the rewrite */
	reset();
	alarm_slot_set(&s[0], 0, 0, 5, 1);  /* most overdue: fired first */
	alarm_slot_set(&s[1], 0, 0, 10, 2);
	during_fire = rewrite_slot1;
	CHECK_EQ(service(20, &nx), 1);
	CHECK_EQ(order[0], 0);
	CHECK(alarm_slot_armed(&s[1]));
	CHECK(nx.armed);
	CHECK_EQ(nx.target, 150);
	/* A slot written after the evaluation read now (its base is ahead):
	 * pending, due at base + dt, not fired early. */
	reset();
	alarm_slot_set(&s[2], 1000, 1000, 0, 3);   /* expired at 1000 */
	alarm_slot_set(&s[3], 1000, 1000, 50, 4);  /* 1050 */
	CHECK_EQ(service(990, &nx), 0);
	CHECK(nx.armed);
	CHECK_EQ(nx.target, 1000);
	CHECK_EQ(nx.slot, 2);
	CHECK_EQ(s[3].base, 1000); /* not rebased */
	CHECK_EQ(service(1000, &nx), 1);
	CHECK_EQ(nx.target, 1050);
	/* ... also across the wrap, with the longest dt. */
	reset();
	alarm_slot_set(&s[0], 0x10, 0x10, 0xffffffffu, 1);
	CHECK_EQ(service(0xfffffff0u, &nx), 0);
	CHECK_EQ(nx.target, 0xfffffff0u + ALARM_SEG_MAX);
}

/* A random run against a model with 64-bit time: sets (references in the
 * past and ahead, dt from 0 to 2^32 - 1), cancels, and the hardware alarm's
 * expiries, each evaluated a little late, over many wraps of the counter. */
static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint32_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 16);
}

static struct {
	int armed;
	uint64_t expiry;
	uint32_t tid;
} model[NS];
static uint64_t T; /* time; the counter is (uint32_t)T */
static unsigned early, late, wrong_tid, unknown;

static void check_fire(void *ctx, uint32_t slot, uint32_t tid)
{
	(void)ctx;
	if (!model[slot].armed)
		unknown++;
	else if (model[slot].expiry > T)
		early++;
	if (tid != model[slot].tid)
		wrong_tid++;
	model[slot].armed = 0;
}

static void test_random(void)
{
	struct alarm_next nx = { 0, 0, 0 };
	struct alarm_hw hw = { 0, 0, 0 };
	uint64_t hw_at = 0, min;
	unsigned i, k, services = 0, fires = 0, segs = 0, wraps0, kicks = 0, missed = 0;
	int run;

	reset();
	memset(model, 0, sizeof(model));
	T = 0xffff0000u;
	wraps0 = (unsigned)(T >> 32);
	for (k = 0; k < 400000; k++) {
		uint32_t now = (uint32_t)T, op = rnd() % 16, slot = rnd() % NS;

		run = 0;
		if (op < 6) { /* a set */
			uint32_t dt, ref, left, tid = 1 + rnd() % 30;

			switch (rnd() % 4) {
			case 0: dt = rnd() % 64; break;
			case 1: dt = rnd() % 100000; break;
			case 2: dt = rnd() << (rnd() % 16); break;
			default: dt = 0xffffffffu - rnd() % 1000; break;
			}
			ref = (rnd() % 3) ? now - rnd() % 1000 : now - rnd(); /* mostly recent, some far back */
			if (rnd() % 16 == 0)
				ref = now + rnd() % 100; /* ahead: expired */
			left = alarm_left(now, ref, dt);
			alarm_slot_set(&s[slot], now, ref, dt, tid);
			model[slot].armed = 1;
			model[slot].expiry = T + left;
			model[slot].tid = tid;
			if (alarm_kick_after_set(&hw, now, left)) {
				run = 1;
				kicks++;
			} else if (!(hw.armed && hw_at <= model[slot].expiry)) {
				missed++; /* no kick, yet the hardware would come too late */
			}
		} else if (op < 8) { /* a cancel */
			if (alarm_slot_cancel(&s[slot]) == 1 && alarm_kick_after_cancel(&hw, slot))
				run = 1;
			model[slot].armed = 0;
		} else { /* time passes, up to the hardware's alarm, which is evaluated late */
			uint64_t step = (rnd() % 4 == 0) ? rnd() : rnd() % 5000;

			if (hw.armed && T + step >= hw_at) {
				T = hw_at + rnd() % 2000;
				run = 1;
			} else {
				T += step;
			}
		}
		if (!run)
			continue;
		services++;
		fires += alarm_service(s, NS, (uint32_t)T, check_fire, 0, &nx);
		/* What is due has fired; what is pending has not. */
		min = UINT64_MAX;
		for (i = 0; i < NS; i++) {
			if (model[i].armed != alarm_slot_armed(&s[i]))
				late++;
			if (model[i].armed && model[i].expiry < min)
				min = model[i].expiry;
		}
		if (nx.armed != (min != UINT64_MAX))
			late++;
		hw.armed = nx.armed;
		hw.target = nx.target;
		hw.slot = nx.slot;
		if (nx.armed) {
			hw_at = T + (uint32_t)(nx.target - (uint32_t)T);
			if (hw_at > min || hw_at <= T)
				late++; /* never after the earliest expiry, always ahead */
			if (hw_at < min)
				segs++;
		}
	}
	CHECK_EQ(early, 0);
	CHECK_EQ(late, 0);
	CHECK_EQ(missed, 0);
	CHECK_EQ(wrong_tid, 0);
	CHECK_EQ(unknown, 0);
	CHECK((unsigned)(T >> 32) - wraps0 > 100); /* many wraps */
	CHECK(fires > 10000);
	CHECK(segs > 100); /* long alarms took several segments */
	CHECK(kicks > 10000);
	printf("test_alarm: random run: %u services, %u fired, %u segments, %u wraps\n", services, fires, segs,
	       (unsigned)(T >> 32) - wraps0);
}

int main(int argc, char **argv)
{
	(void)argc;
	test_arithmetic();
	test_set_normalises();
	test_past_equal_order();
	test_long_alarms();
	test_cancel_and_kicks();
	test_races();
	test_random();
	return check_summary(argv[0]);
}
