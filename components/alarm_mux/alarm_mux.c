/*
 * alarm_mux.c - the alarm multiplexer: ALARM_PER_CLIENT virtual alarms per
 * client (the clients are counted by the graph: the "alarm" interface
 * identifies its caller) over the one hardware alarm of a "timer" driver
 * (components/timer_stm32).  The policy is alarm_logic.c; the rules are in
 * docs/alarm.md.
 *
 * Threads.  Clients run set, cancel, ... on their own threads (thread
 * migration); they write only their own slots.  The mux's own thread,
 * `events`, is the only one that fires alarms and the only one that programs
 * the hardware: the driver wakes it at each hardware expiry, and a client
 * wakes it when its new alarm must move the hardware alarm earlier (or its
 * cancel may move it later).  So no lock is held across a preemption: a
 * client preempted inside the mux delays nothing but its own call.
 *
 * Graph: a thread named "events" (more urgent than every client, so that a
 * client's wakeup of it is a hand-off, docs/sched.md P7), and dependencies
 * on "timer" and "sched".
 */
#include "cos_gen.h"
#include "alarm_logic.h"
#include "../../interfaces/alarm/alarm.h"

#if defined(COS_GEN_H) && !defined(COS_TID_events)
#error "alarm_mux needs a thread named events (docs/alarm.md, section 6)"
#endif

#define NSLOTS (COS_NCLIENTS_alarm * ALARM_PER_CLIENT)

static struct alarm_slot slots[NSLOTS];
static struct alarm_hw hw;        /* written by the events thread only */
static uint32_t dirty;            /* a client changed a slot since the events thread looked */
static uint32_t hw_sets, services, fired;

/*
 * Which thread ids client `client` may name to be woken (a bit per id).  The
 * graph knows, but cos_gen.h does not say which threads are whose; a system
 * may define this in a source file of the mux (`sources`), with the
 * COS_TID_<component>_<thread> names.  Without one, any thread but the
 * booter's is accepted.  (docs/alarm.md, section 9: glue we would like.)
 */
uint32_t alarm_mux_client_threads(uint32_t client);
__attribute__((weak)) uint32_t alarm_mux_client_threads(uint32_t client)
{
	(void)client;
	return ~1u;
}

static struct alarm_slot *slot_of(uint32_t client, uint32_t alarm)
{
	if (client >= COS_NCLIENTS_alarm || alarm >= ALARM_PER_CLIENT)
		return 0;
	return &slots[client * ALARM_PER_CLIENT + alarm];
}

uint32_t alarm_now(uint32_t client)
{
	(void)client;
	return timer_now();
}

uint32_t alarm_freq(uint32_t client)
{
	(void)client;
	return timer_freq();
}

static int32_t set_at(uint32_t client, uint32_t alarm, uint32_t now, uint32_t reference, uint32_t dt,
		      uint32_t tid)
{
	struct alarm_slot *s = slot_of(client, alarm);
	int r;

	if (!s)
		return COS_EINVAL;
	if (tid >= COS_MAX_TID || !(alarm_mux_client_threads(client) & (1u << tid)))
		return COS_EPERM;
	r = alarm_slot_set(s, now, reference, dt, tid);
	if (r < 0)
		return COS_EAGAIN;
	__atomic_store_n(&dirty, 1, __ATOMIC_SEQ_CST);
	if (alarm_kick_after_set(&hw, now, alarm_left(now, reference, dt)))
		cos_sched_wakeup(COS_TID_events);
	return r;
}

int32_t alarm_set(uint32_t alarm, uint32_t reference, uint32_t dt, uint32_t tid, uint32_t client)
{
	return set_at(client, alarm, timer_now(), reference, dt, tid);
}

int32_t alarm_set_in(uint32_t alarm, uint32_t dt, uint32_t tid, uint32_t client)
{
	uint32_t now = timer_now();

	return set_at(client, alarm, now, now, dt, tid);
}

int32_t alarm_cancel(uint32_t alarm, uint32_t client)
{
	struct alarm_slot *s = slot_of(client, alarm);
	int r;

	if (!s)
		return COS_EINVAL;
	r = alarm_slot_cancel(s);
	if (r < 0)
		return COS_EAGAIN;
	__atomic_store_n(&dirty, 1, __ATOMIC_SEQ_CST);
	if (r && alarm_kick_after_cancel(&hw, (uint32_t)(s - slots)))
		cos_sched_wakeup(COS_TID_events);
	return r;
}

int32_t alarm_armed(uint32_t alarm, uint32_t client)
{
	struct alarm_slot *s = slot_of(client, alarm);

	return s ? alarm_slot_armed(s) : COS_EINVAL;
}

uint32_t alarm_stat(uint32_t what, uint32_t client)
{
	(void)client;
	switch (what) {
	case ALARM_STAT_HW_ARMED:
		return __atomic_load_n(&hw.armed, __ATOMIC_SEQ_CST);
	case ALARM_STAT_HW_SETS:
		return hw_sets;
	case ALARM_STAT_SERVICES:
		return services;
	case ALARM_STAT_CLIENT_BYTES:
		return sizeof(slots) / COS_NCLIENTS_alarm;
	case ALARM_STAT_FIRED:
		return fired;
	default:
		return (uint32_t)COS_EINVAL;
	}
}

static void fire(void *ctx, uint32_t slot, uint32_t tid)
{
	(void)ctx;
	(void)slot;
	fired++;
	cos_sched_wakeup(tid);
}

/* Evaluate until nothing changed meanwhile, and give the hardware alarm the
 * earliest pending expiry (or disarm it).  The driver's set and cancel
 * return the counter, which the next round uses. */
static void service(void)
{
	struct alarm_next next;
	uint32_t now = timer_now();

	for (;;) {
		__atomic_store_n(&dirty, 0, __ATOMIC_SEQ_CST);
		services++;
		alarm_service(slots, NSLOTS, now, fire, 0, &next);
		__atomic_store_n(&hw.target, next.target, __ATOMIC_SEQ_CST);
		__atomic_store_n(&hw.slot, next.slot, __ATOMIC_SEQ_CST);
		__atomic_store_n(&hw.armed, next.armed, __ATOMIC_SEQ_CST);
		if (next.armed) {
			hw_sets++;
			now = timer_set(next.target);
			if (now - next.target < ALARM_HALF)
				continue; /* already reached: nothing was armed */
		} else {
			now = timer_cancel();
		}
		if (!__atomic_load_n(&dirty, __ATOMIC_SEQ_CST))
			return;
	}
}

int cos_main(uint32_t arg)
{
	(void)arg;
	timer_notify(COS_TID_events);
	for (;;) {
		service();
		cos_sched_block();
	}
}
