/*
 * app.c - creates threads at run time from its pool of two: each runs a
 * function with its argument, more urgent than main, and wakes main when
 * done; a third creation while both are busy is refused; after they are
 * back in the pool, creation works again.
 */
#include "cos_gen.h"
#include "test.h"

struct job {
	uint32_t n;
	volatile uint32_t result;
	volatile uint32_t done;
};

static void square_sum(void *arg)
{
	struct job *j = arg;
	uint32_t i, s = 0;

	for (i = 1; i <= j->n; i++)
		s += i * i;
	j->result = s;
	j->done = 1;
	cos_sched_wakeup(COS_TID_app_main);
}

static void hold(void *arg)
{
	struct job *j = arg;

	j->done = 1;
	cos_sched_wakeup(COS_TID_app_main);
	while (j->n) /* keep this pool thread taken until main lets it go */
		cos_sched_block();
	j->result = 1;
}

static void wait_done(struct job *j)
{
	uint32_t tries;

	for (tries = 0; tries < 100 && !j->done; tries++)
		cos_sched_block();
}

int cos_main(uint32_t arg)
{
	struct job a = { 10, 0, 0 }, b = { 1, 0, 0 }, b2 = { 1, 0, 0 }, c = { 20, 0, 0 };
	int32_t ta, tb;

	(void)arg;
	ta = cos_thd_create(square_sum, &a);
	CHECK_EQ("threads: the first created thread is the first of the pool", ta, COS_POOL_TID0);
	wait_done(&a);
	CHECK_EQ("threads: it ran its function with its argument", a.result, 385);
	ta = cos_thd_create(hold, &b);
	tb = cos_thd_create(hold, &b2);
	CHECK("threads: two threads of the pool at once", ta >= 0 && tb >= 0 && ta != tb);
	wait_done(&b);
	wait_done(&b2);
	CHECK_EQ("threads: a third while both are busy is COS_EAGAIN", cos_thd_create(square_sum, &c), COS_EAGAIN);
	b.n = 0; /* let the holding thread finish */
	cos_sched_wakeup((uint32_t)ta);
	c.done = 0;
	for (ta = 0; ta < 100 && cos_thd_create(square_sum, &c) == COS_EAGAIN; ta++)
		cos_sched_yield();
	wait_done(&c);
	CHECK_EQ("threads: a thread back in the pool runs new work", c.result, 2870);
	b2.n = 0;
	cos_sched_wakeup((uint32_t)tb);
	cos_printf("threads: %d failures\n", test_failures());
	cos_halt(COS_SLOT_HALT, test_failures());
	return 0;
}
