/*
 * sender.c - sends to a less urgent receiver (which must not run until the
 * sender gives up the CPU, and must find every send counted) and to a more
 * urgent one (which must run inside the send), then checks misuse errors.
 */
#include "test.h"
#include "shared.h"

int cos_main(uint32_t arg)
{
	int32_t r;
	int i, ok;

	(void)arg;
	test_init();
	/* The booter dispatched both receivers first: each logged, then blocked. */
	CHECK("async: both receivers reached arcv before the sender ran",
	      log_find(EV_URGENT_WAIT) >= 0 && log_find(EV_LAZY_WAIT) >= 0);

	log_put(EV_SND_LAZY_FIRST);
	CHECK_EQ("async: asnd to a blocked receiver succeeds", cos_asnd(SLOT_SND_LAZY), COS_OK);
	CHECK_EQ("async: a woken, less urgent receiver does not preempt the sender",
		 log_last(), EV_SND_LAZY_FIRST);
	ok = 1;
	for (i = 0; i < 3; i++)
		ok &= cos_asnd(SLOT_SND_LAZY) == COS_OK;
	CHECK("async: three more sends to the runnable (not yet running) receiver succeed", ok);
	log_put(EV_SND_LAZY_DONE);

	log_put(EV_SND_URGENT_BEFORE);
	r = cos_asnd(SLOT_SND_URGENT);
	log_put(EV_SND_URGENT_AFTER);
	CHECK_EQ("async: asnd that wakes a more urgent receiver returns COS_OK", r, COS_OK);
	CHECK("async: the more urgent receiver ran inside the asnd, before the sender went on",
	      log_find(EV_URGENT_WOKE) == log_find(EV_SND_URGENT_BEFORE) + 1 &&
	      log_find(EV_SND_URGENT_AFTER) > log_find(EV_URGENT_WOKE));

	CHECK_EQ("async: arcv on an endpoint bound to another thread is COS_EPERM",
		 cos_arcv(SLOT_RCV_OTHER), COS_EPERM);
	CHECK_EQ("async: asnd on a receive capability is COS_ETYPE", cos_asnd(SLOT_RCV_OTHER), COS_ETYPE);
	CHECK_EQ("async: asnd on a console capability is COS_ETYPE", cos_asnd(TEST_SLOT_CONSOLE), COS_ETYPE);
	CHECK_EQ("async: asnd on an empty slot is COS_ECAP", cos_asnd(SLOT_EMPTY), COS_ECAP);
	CHECK_EQ("async: arcv on a send capability is COS_ETYPE", cos_arcv(SLOT_SND_LAZY), COS_ETYPE);
	test_done();
	return 0;
}
