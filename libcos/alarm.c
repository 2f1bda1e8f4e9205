/* alarm.c - libcos: calls into the alarm multiplexer, sleep and periodic
 * timers (cos/alarm.h). */
#include <cos/cos.h>
#include <cos/sched.h>
#include <cos/alarm.h>

/* The slot of the gate to "alarm.now"; the others follow it.  One per
 * component, like the scheduler's. */
static uint32_t alarm_gate;
static uint32_t alarm_hz;

void cos_alarm_init(uint32_t gate_slot)
{
	alarm_gate = gate_slot;
}

uint32_t cos_alarm_now(void)
{
	return (uint32_t)cos_sinv(alarm_gate + ALARM_FN_NOW, 0, 0, 0, 0);
}

uint32_t cos_alarm_freq(void)
{
	if (!alarm_hz)
		alarm_hz = (uint32_t)cos_sinv(alarm_gate + ALARM_FN_FREQ, 0, 0, 0, 0);
	return alarm_hz;
}

/* COS_EAGAIN: the alarm is being written by another thread (another of the
 * component's, or the mux's own rebasing it, docs/alarm.md A14): let it
 * finish, a few times. */
#define ALARM_RETRIES 4

static int32_t call(uint32_t fn, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3)
{
	int32_t r, i;

	for (i = 0; (r = cos_sinv(alarm_gate + fn, a0, a1, a2, a3)) == COS_EAGAIN && i < ALARM_RETRIES; i++)
		cos_sched_yield();
	return r;
}

int32_t cos_alarm_set(const struct cos_alarm *a, uint32_t reference, uint32_t dt)
{
	return call(ALARM_FN_SET, a->alarm, reference, dt, a->tid);
}

int32_t cos_alarm_set_in(const struct cos_alarm *a, uint32_t dt)
{
	return call(ALARM_FN_SET_IN, a->alarm, dt, a->tid, 0);
}

int32_t cos_alarm_cancel(const struct cos_alarm *a)
{
	return call(ALARM_FN_CANCEL, a->alarm, 0, 0, 0);
}

int32_t cos_alarm_armed(const struct cos_alarm *a)
{
	return cos_sinv(alarm_gate + ALARM_FN_ARMED, a->alarm, 0, 0, 0);
}

/* Wakeups can come from elsewhere (or be left from an alarm that fired
 * before it was set again): block until the mux says it is not armed. */
int32_t cos_alarm_wait(const struct cos_alarm *a)
{
	int32_t r;

	while ((r = cos_alarm_armed(a)) > 0)
		cos_sched_block();
	return r;
}

static int32_t waited(const struct cos_alarm *a, int32_t set)
{
	int32_t r;

	if (set < 0)
		return set;
	r = cos_alarm_wait(a);
	return r < 0 ? r : set;
}

int32_t cos_sleep_until(const struct cos_alarm *a, uint32_t reference, uint32_t dt)
{
	return waited(a, cos_alarm_set(a, reference, dt));
}

int32_t cos_sleep_ticks(const struct cos_alarm *a, uint32_t ticks)
{
	return waited(a, cos_alarm_set_in(a, ticks));
}

uint64_t cos_alarm_us_to_ticks(uint32_t us)
{
	return ((uint64_t)us * cos_alarm_freq() + 999999u) / 1000000u;
}

int32_t cos_sleep_us(const struct cos_alarm *a, uint32_t us)
{
	uint64_t ticks = cos_alarm_us_to_ticks(us);
	uint32_t ref, step;
	int32_t r = 0;

	if (ticks <= 0xffffffffu)
		return cos_sleep_ticks(a, (uint32_t)ticks);
	/* Longer than the counter's range: consecutive alarms from one reference. */
	ref = cos_alarm_now();
	do {
		step = ticks > 0x80000000u ? 0x80000000u : (uint32_t)ticks;
		r = cos_sleep_until(a, ref, step);
		if (r < 0)
			return r;
		ref += step;
		ticks -= step;
	} while (ticks);
	return r;
}

int32_t cos_periodic_start_at(struct cos_periodic *p, const struct cos_alarm *a, uint32_t start, uint32_t period)
{
	if (!period)
		return COS_EINVAL;
	p->a = *a;
	p->release = start;
	p->period = period;
	p->missed = 0;
	return COS_OK;
}

int32_t cos_periodic_start(struct cos_periodic *p, const struct cos_alarm *a, uint32_t period)
{
	return cos_periodic_start_at(p, a, cos_alarm_now(), period);
}

int32_t cos_periodic_wait(struct cos_periodic *p)
{
	int32_t r = cos_sleep_until(&p->a, p->release, p->period);
	uint32_t late;

	if (r < 0)
		return r;
	p->release += p->period;
	if (r != ALARM_EXPIRED)
		return 0;
	/* The release was behind us already: skip the ones that passed too. */
	late = (cos_alarm_now() - p->release) / p->period;
	p->release += late * p->period;
	p->missed += late;
	return (int32_t)late;
}
