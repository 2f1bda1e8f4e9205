/*
 * driver.c - the interrupt thread: TIM3's update interrupt reaches it as
 * sends on its endpoint.  It is more urgent than the spinner, so when the
 * interrupt wakes it the kernel runs it at once (the scheduler gave it that
 * kernel priority): the scheduler thread has not run in between, so the
 * thread the scheduler dispatched last is still the spinner (or, once every
 * other thread is blocked, the idle thread).  Then its yield must come back
 * before the spinner runs: the scheduler learnt from COS_EV_WOKEN that it is
 * runnable again.
 *
 * QEMU 7.2's model of the timer (tests/system/irq/driver.c has the whole
 * story): PSC stays 0; an ARR write arms the update one ARR period (ns)
 * ahead; the update repeats every period while CR1.CEN is set, so the
 * driver stops the timer (CR1 = 0) to handle one.  The timer itself is the
 * irq test's subject: here a wakeup counts only when UIF is set and the
 * spinner ran meanwhile (a loaded host delivers some early or late).
 */
#include <cos/sched.h>
#include "sirq.h"

#define REG(a) (*(volatile uint32_t *)(a))
#define TIM3 ((uint32_t)board_devices_base(BOARD_DEV_TEST_TIMER))
#define IRQ_TIM3 ((uint32_t)board_devices_irq(BOARD_DEV_TEST_TIMER))
#define PERIOD 2000000u /* ns under QEMU: two of the spinner's 1 ms slices */
#define TRIES 16
#define BACKOFF_MAX 5 /* a wakeup that came too early doubles the period, up to 64 ms */

struct wakeup {
	int32_t r;              /* arcv's result */
	uint32_t last;          /* the thread the scheduler dispatched last, when the driver ran */
	uint32_t chosen;        /* times the scheduler dispatched the driver between its block and its run */
	uint32_t sliced;        /* a slice of the driver ended meanwhile: then `chosen` proves nothing */
	uint32_t uif;
	uint32_t before, after; /* the spinner's count when the driver blocked, and when it ran */
};

static uint32_t stat(uint32_t what)
{
	return (uint32_t)cos_sched_stat(TID_DRIVER, what);
}

/* Start the timer, block until its interrupt, stop it.  The driver's
 * timeouts are read around its dispatches, so that a dispatch after the
 * end of a slice (a loaded host can end one anywhere) is seen as such. */
static void wait_interrupt(struct wakeup *w, uint32_t period)
{
	uint32_t t0 = stat(SCHED_STAT_TIMEOUTS), d0 = stat(SCHED_STAT_DISPATCHES);

	w->before = SH->count;
	REG(TIM_ARR(TIM3)) = period; /* arms the update, replacing a stale repeat */
	REG(TIM_CR1(TIM3)) = TIM_CR1_CEN;
	w->r = cos_arcv(SLOT_RCV);
	w->after = SH->count;
	w->chosen = stat(SCHED_STAT_DISPATCHES) - d0;
	w->last = (uint32_t)cos_sched_stat(0, SCHED_STAT_LAST);
	w->sliced = stat(SCHED_STAT_TIMEOUTS) != t0;
	REG(TIM_CR1(TIM3)) = 0;
	w->uif = REG(TIM_SR(TIM3)) & TIM_SR_UIF;
	REG(TIM_SR(TIM3)) = ~TIM_SR_UIF; /* rc_w0: clear UIF only */
}

int cos_main(uint32_t arg)
{
	struct wakeup w;
	uint32_t tries, backoff, got = 0, chosen = 0, last_spin = 0, stayed = 0, c, from_idle = 0;

	(void)arg;
	test_init();
	cos_sched_init(SLOT_SCHED);
	CHECK_EQ("sched_irq: attach TIM3's line to the driver's endpoint", cos_hw_attach(SLOT_HW, IRQ_TIM3, SLOT_SND),
		 COS_OK);
	REG(RCC_APB1ENR) |= RCC_TIM3EN;
	REG(TIM_CR1(TIM3)) = 0;
	REG(TIM_PSC(TIM3)) = 0;
	REG(TIM_SR(TIM3)) = 0;
	REG(TIM_DIER(TIM3)) = TIM_DIER_UIE;

	/* The spinner runs while the driver waits.  Counted: wakeups by an
	 * update (UIF set) that came while the spinner ran (it counted).  A
	 * loaded host may deliver one before the spinner got to run (then the
	 * period doubles), or QEMU's repeat of a late one. */
	for (tries = 0, backoff = 0; got < 3 && tries < TRIES; tries++) {
		wait_interrupt(&w, PERIOD << backoff);
		c = SH->count;
		cos_sched_yield(); /* alone at its priority, and the most urgent: comes back at once */
		stayed += SH->count == c;
		cos_printf("sched_irq: wakeup %u: arcv %d, UIF %u; the scheduler dispatched the driver %u times "
			   "meanwhile (slice ended: %u), last dispatched %u; the spinner counted %u while the driver "
			   "waited, %u during its yield\n", tries + 1, w.r, w.uif, w.chosen, w.sliced, w.last,
			   w.after - w.before, SH->count - c);
		if (w.sliced)
			continue;
		chosen += w.chosen;
		if (w.r >= 1 && w.uif && w.after != w.before) {
			got++;
			last_spin += w.last == TID_SPIN;
		} else if (backoff < BACKOFF_MAX) {
			backoff++;
		}
	}
	CHECK_EQ("sched_irq: three interrupts came while the scheduler ran the less urgent spinner", got, 3);
	CHECK_EQ("sched_irq: the kernel ran the driver at once on each interrupt: the scheduler never dispatched "
		 "it between its block and its run", chosen, 0);
	CHECK_EQ("sched_irq: ... it preempted the spinner: the thread the scheduler had dispatched last",
		 last_spin, got);
	CHECK_EQ("sched_irq: the driver, woken by the kernel, was runnable for the scheduler: each yield came "
		 "back before the spinner counted", stayed, tries);

	/* Everything else blocks: the scheduler runs its idle thread. */
	SH->phase = PHASE_IDLE;
	for (tries = 0, backoff = 0; !from_idle && tries < TRIES; tries++) {
		wait_interrupt(&w, PERIOD << backoff);
		from_idle = w.last == SCHED_TID_IDLE && !w.chosen && !w.sliced;
		if (!from_idle && backoff < BACKOFF_MAX)
			backoff++;
	}
	CHECK("sched_irq: with the spinner and the booter blocked, the scheduler ran its idle thread, and the "
	      "interrupt thread preempted it at once", from_idle);
	CHECK("sched_irq: ... the spinner is blocked in the scheduler",
	      SH->s_blocked && (cos_sched_stat(TID_SPIN, SCHED_STAT_STATE) & SCHED_ST_SBLOCKED));

	cos_op_hw_detach(SLOT_HW, IRQ_TIM3, 0, 0, 0);
	REG(TIM_DIER(TIM3)) = 0;
	REG(TIM_SR(TIM3)) = 0;
	SH->phase = PHASE_DONE;
	test_done();
	cos_sched_wakeup(TID_SPIN);
	cos_sched_wakeup(TID_BOOTER);
	cos_sched_exit();
}
