/* sched.c - libcos: calls into the scheduler component (cos/sched.h). */
#include <cos/cos.h>
#include <cos/sched.h>

/* The slot of the gate to SCHED_EXPORT_BLOCK; the other gates follow it.
 * One per component: every thread of the component uses the same gates. */
static uint32_t sched_gate;

void cos_sched_init(uint32_t gate_slot)
{
	sched_gate = gate_slot;
}

int32_t cos_sched_block(void)
{
	return cos_sinv(sched_gate + SCHED_EXPORT_BLOCK, 0, 0, 0, 0);
}

int32_t cos_sched_wakeup(uint32_t tid)
{
	return cos_sinv(sched_gate + SCHED_EXPORT_WAKEUP, tid, 0, 0, 0);
}

int32_t cos_sched_yield(void)
{
	return cos_sinv(sched_gate + SCHED_EXPORT_YIELD, 0, 0, 0, 0);
}

int32_t cos_sched_stat(uint32_t tid, uint32_t what)
{
	return cos_sinv(sched_gate + SCHED_EXPORT_STAT, tid, what, 0, 0);
}

/* Tell the scheduler, if there is one, that the calling thread ends. */
void cos_sched_leave(void)
{
	if (sched_gate)
		cos_sinv(sched_gate + SCHED_EXPORT_EXIT, 0, 0, 0, 0);
}

/* The scheduler never returns from exit; if the call fails (no gate, a
 * thread the scheduler does not know), give the CPU back for good anyway. */
void cos_sched_exit(void)
{
	cos_sinv(sched_gate + SCHED_EXPORT_EXIT, 0, 0, 0, 0);
	for (;;)
		cos_yield();
}
