/*
 * judge.c - client 3 of the mux (it sends nothing), the least urgent thread
 * of the system: it waits by yielding, so it runs only when everything else
 * waits.  Once the line has seen the three flooders' DONE bytes, it checks
 * the shares of the fairness window and that no byte reached another
 * client's channel; it starts the receive scenario and checks the mux's
 * counters of dropped frames; it ends the system once the line has seen the
 * flooders' DONE2 bytes (they have finished their own checks).
 */
#include <string.h>
#include "cos_gen.h"
#include "test.h"
#include "../../../../interfaces/console/console.h"
#include "../../../../interfaces/uart_test/uart_test.h"

#define WAIT_ROUNDS 1000000u /* yields at most, for a broken system */

static int all(uint32_t what)
{
	uint32_t i;

	for (i = 0; i < WAIT_ROUNDS; i++) {
		if (uart_test_count(what, 0) && uart_test_count(what, 1) && uart_test_count(what, 2))
			return 1;
		cos_sched_yield();
	}
	return 0;
}

int cos_main(uint32_t arg)
{
	const volatile char *buf = COS_SHARED_uart_mux;
	uint32_t w[3], third = UART_TEST_WINDOW_BYTES / 3, i;
	char got[8];
	int32_t n;

	(void)arg;
	CHECK("uart_mux: the line saw the three flooders' last bytes", all(UART_TEST_DONE));
	CHECK("uart_mux: the fairness window is complete", uart_test_count(UART_TEST_WINDOW_END, 0));
	for (i = 0; i < 3; i++)
		w[i] = uart_test_count(UART_TEST_WINDOW, i);
	cos_printf("uart_mux: shares of a %u-byte window under backlog: %u %u %u\n", UART_TEST_WINDOW_BYTES, w[0],
		   w[1], w[2]);
	for (i = 0; i < 3; i++)
		CHECK("uart_mux: each flooder gets a third of the line, within 10%",
		      w[i] * 10 >= third * 9 && w[i] * 10 <= third * 11);
	CHECK_EQ("uart_mux: no byte of a client in another's channel", uart_test_count(UART_TEST_LEAKS, 0), 0);
	CHECK_EQ("uart_mux: every frame on the line well formed", uart_test_count(UART_TEST_BAD, 0), 0);

	/* Receive: the flooders check their part when the mux wakes them. */
	CHECK("uart_mux: the receive scenario starts", uart_test_rx() > 0);
	n = console_read(0, sizeof(got) - 1);
	memcpy(got, (const void *)buf, n > 0 ? (size_t)n : 0);
	got[n > 0 ? n : 0] = 0;
	CHECK("uart_mux: client 3 received its frame", n == 5 && !strcmp(got, "judge"));
	CHECK_EQ("uart_mux: a frame for a client that does not exist is dropped and counted",
		 console_stat(CONSOLE_STAT_UNKNOWN), 1);
	CHECK_EQ("uart_mux: a frame with a wrong check is dropped and counted", console_stat(CONSOLE_STAT_BAD), 1);
	CHECK_EQ("uart_mux: a frame longer than the mux takes is dropped and counted",
		 console_stat(CONSOLE_STAT_TOOLONG), 1);
	CHECK_EQ("uart_mux: bytes outside frames are dropped and counted", console_stat(CONSOLE_STAT_STRAY), 2);
	CHECK("uart_mux: the flooders checked their accounts and what they received", all(UART_TEST_DONE2));
	cos_printf("uart_mux: %u bytes of mux memory per client\n", console_stat(CONSOLE_STAT_CLIENT_BYTES));
	cos_halt(COS_SLOT_HALT, test_failures());
	return 0;
}
