/*
 * echo.c - a client of the UART mux whose standard output is its console
 * channel (console_stdout.c): says hello with printf, then answers every
 * piece of input the mux delivers to it with "echo<N> got: <bytes>".
 */
#include <stdio.h>
#include <string.h>
#include "cos_gen.h"
#include "../../../../interfaces/console/console.h"

int cos_main(uint32_t arg)
{
	const volatile uint8_t *buf = COS_SHARED_uart_mux;
	char got[COS_SHARED_uart_mux_SIZE + 1];
	uint32_t me = console_stat(CONSOLE_STAT_CLIENT);
	int32_t n, i;

	(void)arg;
	console_notify(COS_TID_main);
	printf("echo%u: hello from client %u, through the mux\n", (unsigned)me, (unsigned)me);
	for (;;) {
		n = console_read(0, COS_SHARED_uart_mux_SIZE);
		if (n <= 0) {
			cos_sched_block();
			continue;
		}
		for (i = 0; i < n; i++) /* out of the shared buffer before printf reuses it */
			got[i] = (char)buf[i];
		if (got[n - 1] == '\n') /* a line typed in the host tool */
			n--;
		got[n] = 0;
		printf("echo%u got: %s\n", (unsigned)me, got);
	}
	return 0;
}
