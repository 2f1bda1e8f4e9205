/* alarm_logic.c - the alarm multiplexer's policy (alarm_logic.h). */
#include "alarm_logic.h"

/* The ALARM_PENDING and ALARM_EXPIRED results of the interface. */
#include "../../interfaces/alarm/alarm.h"

static inline uint32_t load(const uint32_t *p)
{
	return __atomic_load_n(p, __ATOMIC_SEQ_CST);
}

static inline void store(uint32_t *p, uint32_t v)
{
	__atomic_store_n(p, v, __ATOMIC_SEQ_CST);
}

/* Compare-and-swap: fails when *p is no longer `old` (or, on the target,
 * when the thread was preempted between its LDREX and STREX). */
static inline int cas(uint32_t *p, uint32_t old, uint32_t new)
{
	return __atomic_compare_exchange_n(p, &old, new, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
}

/* Take BUSY from a word without it: the word it had, or ALARM_W_BUSY (which
 * no released word equals, since a released word has no BUSY) if taken. */
static uint32_t take(struct alarm_slot *s)
{
	uint32_t w = load(&s->word);

	while (!(w & ALARM_W_BUSY)) {
		if (cas(&s->word, w, w | ALARM_W_BUSY))
			return w;
		w = load(&s->word);
	}
	return ALARM_W_BUSY;
}

int alarm_slot_set(struct alarm_slot *s, uint32_t now, uint32_t reference, uint32_t dt, uint32_t tid)
{
	uint32_t left = alarm_left(now, reference, dt);
	uint32_t w = take(s);

	if (w == ALARM_W_BUSY)
		return ALARM_SLOT_BUSY;
	s->base = now;
	s->dt = left;
	store(&s->word, ((w & ~(ALARM_W_SEQ - 1)) + ALARM_W_SEQ) | ((tid << ALARM_W_TID_SHIFT) & ALARM_W_TID_MASK) |
				ALARM_W_ARMED);
	return left ? ALARM_PENDING : ALARM_EXPIRED;
}

int alarm_slot_cancel(struct alarm_slot *s)
{
	uint32_t w = load(&s->word);

	for (;;) {
		if (w & ALARM_W_BUSY)
			return ALARM_SLOT_BUSY;
		if (cas(&s->word, w, (w & ~ALARM_W_ARMED) + ALARM_W_SEQ))
			return (w & ALARM_W_ARMED) ? 1 : 0;
		w = load(&s->word);
	}
}

int alarm_slot_armed(const struct alarm_slot *s)
{
	return (load(&s->word) & ALARM_W_ARMED) ? 1 : 0;
}

/* Reads slot s consistently: its word (armed and not busy) and base and dt
 * of that same word, or 0. */
static int snapshot(const struct alarm_slot *s, uint32_t *w, uint32_t *base, uint32_t *dt)
{
	*w = load(&s->word);
	if (!(*w & ALARM_W_ARMED) || (*w & ALARM_W_BUSY))
		return 0;
	*base = s->base;
	*dt = s->dt;
	return load(&s->word) == *w; /* else a writer came in between: skip it */
}

/* Slot (base, dt) at now: 1 if due, with how overdue in *x; 0 if pending,
 * with the ticks left in *x (at most 2^32 - 1). */
static int classify(uint32_t now, uint32_t base, uint32_t dt, uint32_t *x)
{
	uint32_t age = now - base, ahead;

	if (age >= ALARM_AHEAD) {
		ahead = base - now;
		*x = dt > 0xffffffffu - ahead ? 0xffffffffu : dt + ahead;
		return 0;
	}
	if (age >= dt) {
		*x = age - dt;
		return 1;
	}
	*x = dt - age;
	return 0;
}

uint32_t alarm_service(struct alarm_slot *slots, uint32_t n, uint32_t now, alarm_fire_fn fire, void *ctx,
		       struct alarm_next *next)
{
	uint32_t i, w, base, dt, x, best = 0, fired = 0;

	/* Fire what is due, the most overdue first. */
	for (;;) {
		uint32_t pick = n, pick_w = 0, most = 0;

		for (i = 0; i < n; i++) {
			if (!snapshot(&slots[i], &w, &base, &dt) || !classify(now, base, dt, &x))
				continue;
			if (pick == n || x > most) {
				pick = i;
				pick_w = w;
				most = x;
			}
		}
		if (pick == n)
			break;
		/* Fails only if a writer changed the slot since: look again. */
		if (cas(&slots[pick].word, pick_w, (pick_w & ~ALARM_W_ARMED) + ALARM_W_SEQ)) {
			fire(ctx, pick, ALARM_W_TID(pick_w));
			fired++;
		}
	}

	/* Rebase the old ones; the earliest of the rest sets the hardware. */
	next->armed = 0;
	next->slot = 0;
	for (i = 0; i < n; i++) {
		if (!snapshot(&slots[i], &w, &base, &dt) || classify(now, base, dt, &x))
			continue; /* (due: written since the first loop; its writer asks again) */
		if (now - base >= ALARM_REBASE && now - base < ALARM_AHEAD &&
		    cas(&slots[i].word, w, w | ALARM_W_BUSY)) {
			slots[i].base = now;
			slots[i].dt = x;
			store(&slots[i].word, w + ALARM_W_SEQ);
		}
		if (!next->armed || x < best) {
			best = x;
			next->slot = i;
			next->armed = 1;
		}
	}
	next->target = next->armed ? now + (best > ALARM_SEG_MAX ? ALARM_SEG_MAX : best) : 0;
	return fired;
}

int alarm_kick_after_set(const struct alarm_hw *hw, uint32_t now, uint32_t left)
{
	uint32_t hw_left;

	if (!left || !load(&hw->armed))
		return 1;
	hw_left = load(&hw->target) - now;
	if (hw_left == 0 || hw_left >= ALARM_HALF)
		return 0; /* reached: the mux's thread is about to evaluate */
	return left < hw_left;
}

int alarm_kick_after_cancel(const struct alarm_hw *hw, uint32_t slot)
{
	return load(&hw->armed) && load(&hw->slot) == slot;
}
