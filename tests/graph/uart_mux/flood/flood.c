/*
 * flood.c - a client of the mux that floods transmit: FLOOD bytes of its
 * own pattern, written as fast as the queue takes them (it blocks when the
 * queue is full; the mux wakes it when the queue is half empty).  Client 1
 * then writes 32 marker bytes and aborts at once.  Each ends with its DONE
 * byte and waits for the receive scenario (the judge starts it once the line
 * has seen every DONE byte, so by then all its bytes are out): it checks its
 * byte accounting against what the line saw, then what it received.  Client
 * 2 never reads: its receive queue overruns.  Same code in the three
 * components; which client it is comes from console_stat.
 */
#include <string.h>
#include "cos_gen.h"
#include "test.h"
#include "../../../../interfaces/console/console.h"
#include "../../../../interfaces/uart_test/uart_test.h"

#define FLOOD 1000u
#define PIECE 64u
#define MARKERS 32u
#define MAX_BLOCKS 1000u /* a bound on the waits of send(), for a broken mux */

static volatile uint8_t *const buf = COS_SHARED_uart_mux;

/* Writes n bytes of value v, waiting in the scheduler while the queue is full. */
static uint32_t send(uint8_t v, uint32_t n)
{
	uint32_t i, done = 0, blocks = 0;
	int32_t r;

	for (i = 0; i < PIECE; i++)
		buf[i] = v;
	while (done < n && blocks < MAX_BLOCKS) {
		uint32_t k = n - done < PIECE ? n - done : PIECE;

		r = console_write(0, k);
		if (r < 0) {
			CHECK_EQ("uart_mux: console_write", r, 0);
			break;
		}
		done += (uint32_t)r;
		if ((uint32_t)r < k) {
			cos_sched_block();
			blocks++;
		}
	}
	return done;
}

int cos_main(uint32_t arg)
{
	uint32_t me = console_stat(CONSOLE_STAT_CLIENT), markers = 0, aborted = 0;
	char got[COS_SHARED_uart_mux_SIZE + 1];
	int32_t n;

	(void)arg;
	console_notify(COS_TID_main);
	send((uint8_t)UART_TEST_FLOOD(me), FLOOD);
	if (me == 1) {
		markers = send((uint8_t)UART_TEST_MARKER(me), MARKERS);
		aborted = (uint32_t)console_abort();
	}
	send((uint8_t)UART_TEST_DONE_BYTE(me), 1);

	/* Wait for news of the receive scenario. */
	while (!console_stat(CONSOLE_STAT_RX_FRAMES) && !console_stat(CONSOLE_STAT_RX_DROP_FRAMES))
		cos_sched_block();
	CHECK("uart_mux: the line saw the client's last byte", uart_test_count(UART_TEST_DONE, me));
	CHECK_EQ("uart_mux: nothing left in the client's queue", console_stat(CONSOLE_STAT_TX_QUEUED), 0);
	CHECK_EQ("uart_mux: every byte taken was sent or aborted",
		 console_stat(CONSOLE_STAT_TX_SENT) + console_stat(CONSOLE_STAT_TX_ABORTED),
		 console_stat(CONSOLE_STAT_TX_ACCEPTED));
	CHECK_EQ("uart_mux: every byte sent reached the line in the client's channel",
		 uart_test_count(UART_TEST_BYTES, me), console_stat(CONSOLE_STAT_TX_SENT));
	if (me == 1) {
		CHECK("uart_mux: abort discarded the client's queued bytes", markers == MARKERS && aborted > 0);
		CHECK_EQ("uart_mux: aborted bytes never reach the line", uart_test_count(UART_TEST_MARKERS, me),
			 markers - (aborted < markers ? aborted : markers));
		CHECK_EQ("uart_mux: the abort is counted", console_stat(CONSOLE_STAT_TX_ABORTED), aborted);
	}
	/* The mux parsed the whole scenario before it woke anyone: it reads and
	 * parses in one pass, and it is more urgent than every client. */
	CHECK("uart_mux: the receive scenario was read whole", uart_test_count(UART_TEST_RX_DONE, 0));
	if (me == 2) {
		/* Never reads: three 20-byte frames fit its 64-byte queue, two are dropped whole. */
		CHECK_EQ("uart_mux: overrun: the queue keeps the frames that fit", console_stat(CONSOLE_STAT_RX_FRAMES), 3);
		CHECK_EQ("uart_mux: overrun: the newest frames are dropped and counted",
			 console_stat(CONSOLE_STAT_RX_DROP_FRAMES), 2);
		CHECK_EQ("uart_mux: overrun: dropped bytes counted", console_stat(CONSOLE_STAT_RX_DROP_BYTES), 40);
		CHECK_EQ("uart_mux: overrun: queued bytes", console_stat(CONSOLE_STAT_RX_QUEUED), 60);
	} else {
		n = console_read(0, COS_SHARED_uart_mux_SIZE);
		memcpy(got, (const void *)buf, n > 0 ? (size_t)n : 0);
		got[n > 0 ? n : 0] = 0;
		if (me == 0)
			CHECK("uart_mux: client 0 received its frame, and only it", n == 7 && !strcmp(got, "to zero"));
		else
			CHECK("uart_mux: client 1 received its frame, and only it", n == 6 && !strcmp(got, "to one"));
		CHECK_EQ("uart_mux: nothing more for the client", console_read(0, COS_SHARED_uart_mux_SIZE), 0);
	}
	send((uint8_t)UART_TEST_DONE2_BYTE(me), 1);
	return 0;
}
