/*
 * line.c - the line of the stand-in driver (wire.c): a thread less urgent
 * than the mux and every client, which takes LINE_BYTES bytes at a time out
 * of the driver's transmit ring and yields, and blocks when the ring is
 * empty (uart_write wakes it).  So bytes leave only when everything else
 * waits: the clients that flood are then all blocked on full queues.
 */
#include "cos_gen.h"

#define LINE_BYTES 16u

int cos_main(uint32_t arg)
{
	(void)arg;
	for (;;) {
		if (uart_test_drain(LINE_BYTES) > 0)
			cos_sched_yield();
		else
			cos_sched_block();
	}
	return 0;
}
