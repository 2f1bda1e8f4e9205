/*
 * summary.c - ends compgraph/default.toml: sleeps on its alarm until every
 * other client has finished, says so on its own console channel, checks the
 * UART mux's counters (every client registered, nothing dropped) and ends
 * the system with the number of failed checks.
 */
#include <stdio.h>
#include "cos_gen.h"
#include <cos/alarm.h>
#include "../../../interfaces/console/console.h"
#include "test.h"

#define RUN_MS 200 /* the slowest client, periodic1, ends at 64 ms; margin for a slow host */

int cos_main(uint32_t arg)
{
	struct cos_alarm a = { 0, COS_TID_main };

	(void)arg;
	CHECK_EQ("capsules: the alarm fired", cos_sleep_us(&a, RUN_MS * 1000), ALARM_PENDING);
	printf("summary: %u console clients, every other client done\n",
	       (unsigned)console_stat(CONSOLE_STAT_NCLIENTS));
	fflush(stdout);
	CHECK_EQ("capsules: five console clients", console_stat(CONSOLE_STAT_NCLIENTS), 5);
	CHECK_EQ("capsules: no frame dropped",
		 console_stat(CONSOLE_STAT_UNKNOWN) + console_stat(CONSOLE_STAT_BAD) +
		 console_stat(CONSOLE_STAT_TOOLONG) + console_stat(CONSOLE_STAT_STRAY), 0);
	/* let the mux send this channel's last frame before the system ends */
	cos_sleep_us(&a, 2000);
	cos_printf("capsules: done\n");
	cos_halt(COS_SLOT_HALT, test_failures());
	return 0;
}
