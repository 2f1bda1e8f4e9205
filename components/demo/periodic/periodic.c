/*
 * periodic.c - a client of two capsules (compgraph/default.toml): a
 * periodic timer on its own alarm of the alarm mux, each release reported on
 * its own console channel of the UART mux (its standard output).  Instances
 * differ by their console client number: client c has a period of
 * (c + 1) * 4 ms, so the instances' releases interleave.
 */
#include <stdio.h>
#include "cos_gen.h"
#include <cos/alarm.h>
#include "../../../interfaces/console/console.h"
#include "test.h"

#define RELEASES 8

int cos_main(uint32_t arg)
{
	struct cos_alarm a = { 0, COS_TID_main };
	struct cos_periodic p;
	uint32_t me = console_stat(CONSOLE_STAT_CLIENT);
	uint32_t ms = cos_alarm_freq() / 1000, period = (me + 1) * 4 * ms, start, k;
	int32_t missed, early = 0, missed_all = 0;

	(void)arg;
	start = cos_alarm_now();
	CHECK_EQ("capsules: periodic timer started", cos_periodic_start(&p, &a, period), 0);
	for (k = 1; k <= RELEASES; k++) {
		missed = cos_periodic_wait(&p);
		if (missed < 0 || cos_alarm_now() - p.release >= 0x80000000u) /* an error, or before its release */
			early++;
		else
			missed_all += missed;
		printf("periodic%u: release %u at %u ms\n", (unsigned)me, (unsigned)k,
		       (unsigned)((cos_alarm_now() - start) / ms));
	}
	/* Without -icount QEMU's time is the host's: a slow host makes releases
	 * late (missed and merged), never early. */
	CHECK_EQ("capsules: no release early, no error", early, 0);
	printf("periodic%u: %d releases missed\n", (unsigned)me, (int)missed_all);
	return 0;
}
