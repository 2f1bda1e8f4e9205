/*
 * receiver.c - one endpoint's receiving thread.  ROLE_URGENT is more urgent
 * than the sender: its wakeup must run inside the sender's asnd.  ROLE_LAZY
 * is less urgent: it must run only after the sender gave up the CPU, and
 * find the sends made meanwhile counted.
 */
#include "test.h"
#include "shared.h"

static void urgent(void)
{
	int32_t r;

	log_put(EV_URGENT_WAIT);
	r = cos_arcv(SLOT_RCV); /* blocks: nothing was sent yet */
	log_put(EV_URGENT_WOKE);
	CHECK_EQ("async: urgent receiver: arcv returns the one send that woke it", r, 1);
	CHECK("async: urgent receiver: woken in the middle of the sender's asnd",
	      log_find(EV_SND_URGENT_BEFORE) >= 0 && log_find(EV_SND_URGENT_AFTER) < 0);
}

static void lazy(void)
{
	int32_t r;

	log_put(EV_LAZY_WAIT);
	r = cos_arcv(SLOT_RCV); /* blocks; the first send only makes it runnable */
	log_put(EV_LAZY_WOKE);
	CHECK_EQ("async: blocked receiver: arcv returns the one send that woke it", r, 1);
	CHECK("async: less urgent receiver ran only after the sender's later sends",
	      log_find(EV_SND_LAZY_DONE) >= 0 && log_find(EV_LAZY_WOKE) > log_find(EV_SND_LAZY_DONE));
	CHECK_EQ("async: three sends while the receiver could not run are all counted",
		 cos_arcv(SLOT_RCV), 3);
}

int cos_main(uint32_t role)
{
	test_init();
	if (role == ROLE_URGENT)
		urgent();
	else
		lazy();
	test_done();
	return 0;
}
