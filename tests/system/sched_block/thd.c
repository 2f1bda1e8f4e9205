/*
 * thd.c - the two threads of the sched_block test, A and B, one per
 * component, of the same priority.  A blocks and B (another component)
 * wakes it; a wakeup B makes before A blocks is not lost; yields rotate
 * between them; B exits and never runs again; at last the less urgent
 * booter wakes A, which runs at once, inside the booter's wakeup.
 *
 * A and B share their priority, so a time slice that ends (1 ms; printing
 * takes long) lets the other one run: the steps whose order matters print
 * nothing, an order between A and B that only a slice's end can change is
 * checked as "... or one of their slices ended meanwhile", and one thread
 * prints while the other waits (lines of two threads would interleave).
 */
#include <cos/sched.h>
#include "shared.h"

#define POLL_MAX 100

static uint32_t state_of(uint32_t tid)
{
	return (uint32_t)cos_sched_stat(tid, SCHED_STAT_STATE);
}

static uint32_t dispatches(uint32_t tid)
{
	return (uint32_t)cos_sched_stat(tid, SCHED_STAT_DISPATCHES);
}

/* Slices of A and B that have ended. */
static uint32_t slices(void)
{
	return (uint32_t)cos_sched_stat(TID_A, SCHED_STAT_TIMEOUTS) + (uint32_t)cos_sched_stat(TID_B, SCHED_STAT_TIMEOUTS);
}

/* Nothing was logged between entries a and b (a before b). */
static int adjacent(uint32_t a, uint32_t b)
{
	return log_find(a) >= 0 && log_find(b) == log_find(a) + 1;
}

static void a(void)
{
	uint32_t d0, d1, s0, i, token, token_after;
	int32_t r1, ry, r2;
	int at_once;

	log_put(A_BLOCK1);
	r1 = cos_sched_block(); /* B wakes it */
	log_put(A_WOKE1);
	d0 = dispatches(TID_B);
	log_put(A_YIELD);
	ry = cos_sched_yield(); /* B runs, wakes A (not blocked), yields */
	log_put(A_BACK);
	d1 = dispatches(TID_B);
	for (i = 0; i < POLL_MAX && log_find(B_EARLY_WAKE) < 0; i++) /* only if a slice ended */
		cos_sched_yield();
	token = state_of(TID_A) & SCHED_ST_TOKEN;
	s0 = slices();
	log_put(A_BLOCK2);
	r2 = cos_sched_block(); /* B's early wakeup is pending: returns at once */
	log_put(A_WOKE2);
	at_once = adjacent(A_BLOCK2, A_WOKE2) || slices() != s0;
	token_after = state_of(TID_A) & SCHED_ST_TOKEN;

	CHECK_EQ("sched_block: A's block returns 0 once woken", r1, 0);
	CHECK("sched_block: A ran again only after B's wakeup (from another component)",
	      log_find(B_WAKE) >= 0 && log_find(B_WAKE) < log_find(A_WOKE1));
	CHECK_EQ("sched_block: yield returns 0", ry, 0);
	CHECK("sched_block: A's yield let B (same priority) run before A came back", d1 > d0);
	CHECK("sched_block: B's wakeup of A, not blocked, left a wakeup pending", token);
	CHECK_EQ("sched_block: block after a pending wakeup returns 0", r2, 0);
	CHECK("sched_block: ... at once: nothing ran between A's block and its return (or a slice ended)", at_once);
	CHECK("sched_block: ... and the pending wakeup is used up", !token_after);

	/* B prints its checks while A waits, then wakes A and exits. */
	log_put(A_PRINTED);
	cos_sched_block();
	for (i = 0; i < POLL_MAX && !(state_of(TID_B) & SCHED_ST_EXITED); i++)
		cos_sched_yield();
	CHECK("sched_block: B exited", log_find(B_EXIT) >= 0 && (state_of(TID_B) & SCHED_ST_EXITED));
	d0 = dispatches(TID_B);
	for (i = 0; i < 3; i++)
		cos_sched_yield();
	CHECK_EQ("sched_block: an exited thread is never dispatched again (A yielded 3 times)", dispatches(TID_B), d0);
	CHECK_EQ("sched_block: A, alone at its priority, got the CPU back from 3 yields at once "
		 "(the less urgent booter did not run)", log_last(), B_EXIT);

	log_put(A_BLOCK3);
	cos_sched_block(); /* only the less urgent booter is left to run: it wakes A */
	log_put(A_WOKE3);
	CHECK("sched_block: a wakeup of a more urgent thread runs it at once, inside the waker's call",
	      adjacent(BOOT_WAKE, A_WOKE3) && log_find(BOOT_AFTER) < 0);
	test_done();
}

static void b(void)
{
	uint32_t i, blocked, s0, d;
	int32_t r;
	int no_preempt, ran;

	for (i = 0; i < POLL_MAX && !(state_of(TID_A) & SCHED_ST_SBLOCKED); i++)
		cos_sched_yield();
	blocked = state_of(TID_A) & SCHED_ST_SBLOCKED;
	s0 = slices();
	log_put(B_WAKE);
	r = cos_sched_wakeup(TID_A);
	log_put(B_AFTER_WAKE);
	no_preempt = log_find(A_WOKE1) < 0 || slices() != s0;
	d = dispatches(TID_A);
	log_put(B_YIELD1);
	cos_sched_yield();
	ran = dispatches(TID_A) != d;
	/* A is runnable, not blocked, and does not block before this is logged:
	 * the wakeup must wait for its next block. */
	cos_sched_wakeup(TID_A);
	log_put(B_EARLY_WAKE);
	log_put(B_YIELD2);
	cos_sched_yield();

	for (i = 0; i < POLL_MAX && log_find(A_PRINTED) < 0; i++) /* one thread prints at a time */
		cos_sched_yield();
	CHECK("sched_block: A is blocked in the scheduler", blocked);
	CHECK_EQ("sched_block: wakeup returns 0", r, 0);
	CHECK("sched_block: a woken thread of the same priority does not preempt the waker (or a slice ended)",
	      no_preempt);
	CHECK("sched_block: B's yield let A (same priority) run", ran);
	CHECK("sched_block: a wakeup made before the block was not lost (A came back from it)",
	      log_find(A_WOKE2) >= 0);
	if (log_find(A_WOKE2) < 0) /* lost: let A go on, so that the test ends */
		cos_sched_wakeup(TID_A);

	CHECK_EQ("sched_block: wakeup of thread id 32: COS_EINVAL", cos_sched_wakeup(COS_MAX_TID), COS_EINVAL);
	CHECK_EQ("sched_block: wakeup of a thread the scheduler does not have (its idle thread): COS_EINVAL",
		 cos_sched_wakeup(TID_IDLE), COS_EINVAL);
	CHECK_EQ("sched_block: stat of thread id 32: COS_EINVAL", cos_sched_stat(COS_MAX_TID, SCHED_STAT_STATE),
		 COS_EINVAL);
	test_done();
	cos_sched_wakeup(TID_A); /* A, waiting for the end of B's output */
	log_put(B_EXIT);
	cos_sched_exit();
}

int cos_main(uint32_t role)
{
	test_init();
	cos_sched_init(SLOT_SCHED);
	if (role == ROLE_A)
		a();
	else
		b();
	cos_sched_exit();
}
