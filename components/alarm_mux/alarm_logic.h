/*
 * alarm_logic.h - the alarm multiplexer's policy, without the target: the
 * wrapping arithmetic, the state of each virtual alarm, what one evaluation
 * fires and where it sets the hardware alarm, and when a client must wake
 * the mux's thread.  alarm_logic.c is linked into the component
 * (components/alarm_mux) and into the host unit test (tests/unit/alarm);
 * docs/alarm.md states the rules this implements.
 *
 * Concurrency (docs/alarm.md, section 5): a slot is written by its client's
 * calls (set, cancel) and by the mux's thread (firing, rebasing).  Its word
 * holds ARMED, BUSY, the thread to wake and a sequence number; a writer takes
 * BUSY with a compare-and-swap from a word without it, writes base and dt,
 * and releases with a new sequence number.  The mux's thread never waits for
 * BUSY (it skips such a slot: the writer asks it to evaluate again), and its
 * own changes are compare-and-swaps from the word it read, so a client's
 * write in between makes them fail instead of being lost.
 */
#ifndef ALARM_LOGIC_H
#define ALARM_LOGIC_H

#include <stdint.h>

#define ALARM_HALF    0x80000000u /* half the counter's range */
#define ALARM_SEG_MAX 0x7fffffffu /* the longest wait the hardware alarm is given: below half range */
#define ALARM_REBASE  0x10000000u /* a pending alarm whose base is this old is rebased to now */
/* An evaluation's now can be older than a slot's base (the slot was written
 * after now was read): a base up to 2^30 ahead of now is taken as such.  So
 * real ages must stay below 2^32 - 2^30: at most REBASE + SEG_MAX plus the
 * evaluation's lateness, which leaves 3 * 2^28 ticks for the lateness. */
#define ALARM_AHEAD   0xc0000000u

/* The slot word. */
#define ALARM_W_ARMED     0x00000001u
#define ALARM_W_BUSY      0x00000002u
#define ALARM_W_TID_SHIFT 8
#define ALARM_W_TID_MASK  0x0000ff00u
#define ALARM_W_SEQ       0x00010000u /* the sequence number counts in the top half */
#define ALARM_W_TID(w)    (((w) & ALARM_W_TID_MASK) >> ALARM_W_TID_SHIFT)

/* One virtual alarm: it expires at base + dt.  A client's (reference, dt) is
 * stored normalised to the time of the set: base = now, dt = what was left. */
struct alarm_slot {
	uint32_t base;
	uint32_t dt;
	uint32_t word;
};

/* Tock's rule: (reference, dt) is pending at now while now - reference < dt,
 * in wrapping 32-bit arithmetic. */
static inline int alarm_is_pending(uint32_t now, uint32_t reference, uint32_t dt)
{
	return now - reference < dt;
}

/* Ticks left until (reference, dt) expires; 0 once it has. */
static inline uint32_t alarm_left(uint32_t now, uint32_t reference, uint32_t dt)
{
	uint32_t elapsed = now - reference;

	return elapsed < dt ? dt - elapsed : 0;
}

#define ALARM_SLOT_BUSY (-1) /* another writer holds the slot */

/* A client's set at now: ALARM_PENDING (0) or ALARM_EXPIRED (1), or
 * ALARM_SLOT_BUSY.  tid is stored as the thread to wake (0-255). */
int alarm_slot_set(struct alarm_slot *s, uint32_t now, uint32_t reference, uint32_t dt, uint32_t tid);
/* A client's cancel: 1 if it was armed, 0 if not, or ALARM_SLOT_BUSY. */
int alarm_slot_cancel(struct alarm_slot *s);
/* 1 while armed. */
int alarm_slot_armed(const struct alarm_slot *s);

/* Where the hardware alarm goes after an evaluation. */
struct alarm_next {
	uint32_t armed;  /* 0: no alarm is pending, disarm the hardware */
	uint32_t target; /* the absolute counter value to set it to */
	uint32_t slot;   /* the slot that decided it (the first of equal ones) */
};

/* fire(ctx, slot, tid): slot expired and is disarmed; wake tid. */
typedef void (*alarm_fire_fn)(void *ctx, uint32_t slot, uint32_t tid);

/*
 * One evaluation of slots[0 .. n-1] at now, by the mux's thread:
 * - every armed slot that is due (now - base >= dt) is disarmed and fired,
 *   the most overdue first (so in order of expiry), equal ones in slot order;
 * - a slot whose base is ahead of now (now - base >= ALARM_AHEAD: written
 *   after now was read) is pending, due at base + dt;
 * - a pending slot whose base is ALARM_REBASE or more behind now is
 *   rebased (base = now, dt = what is left), so that its base never falls
 *   half a range behind;
 * - next gets the earliest expiry of the pending slots, cut to at most
 *   ALARM_SEG_MAX ticks after now (a long alarm takes several segments),
 *   or armed = 0 when none is pending.
 * Slots a client is writing (BUSY) are skipped.  Returns how many fired.
 */
uint32_t alarm_service(struct alarm_slot *slots, uint32_t n, uint32_t now, alarm_fire_fn fire, void *ctx,
		       struct alarm_next *next);

/* What the mux's thread last gave the hardware, for the clients' decisions. */
struct alarm_hw {
	uint32_t armed;
	uint32_t target;
	uint32_t slot;
};

/* After a set at now of an alarm with `left` ticks left (0: expired): must
 * the mux's thread evaluate now?  Yes when it has expired, when the
 * hardware alarm is off, or when it expires before the hardware alarm.  No
 * when the hardware alarm comes first or at the same time, or has already
 * been reached (the thread evaluates anyway). */
int alarm_kick_after_set(const struct alarm_hw *hw, uint32_t now, uint32_t left);
/* After a cancel of slot that was armed: must it?  Yes when that slot set
 * the hardware alarm (it may now go later, or off). */
int alarm_kick_after_cancel(const struct alarm_hw *hw, uint32_t slot);

#endif
