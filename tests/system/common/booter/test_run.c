/* test_run.c - the booter side of system tests: report gate and round-robin. */
#include "test.h"
#include "booter.h"

static int reports, report_fails;
uint32_t test_events_seen[COS_MAX_TID];

/* Runs in the booter's protection domain, on the reporting thread. */
uint32_t test_report(uint32_t nfails, uint32_t npasses)
{
	reports++;
	report_fails += (int)nfails;
	(void)npasses;
	return 0;
}
COS_SERVER_ENTRY(test_report);
COS_DECLARE_ENTRY(test_report);

int test_prepare(struct boot_comp *c)
{
	int err = boot_give(c, TEST_SLOT_CONSOLE, COS_BOOT_HW, COS_R_READ);

	if (err)
		return err;
	return cos_op_act_sinv(c->captbl, TEST_SLOT_REPORT, COS_BOOT_COMP, COS_ENTRY_ADDR(test_report), 0);
}

int test_prepare_thread(uint32_t tid)
{
	return boot_bind(&boot_self, tid);
}

void test_run(const uint32_t *thds, int nthds, int reports_expected, uint32_t max_rounds,
	      uint32_t timeslice)
{
	uint32_t round, flags;
	int32_t id;
	int i, missing;

	for (round = 0; round < max_rounds && reports < reports_expected; round++) {
		for (i = 0; i < nthds; i++)
			cos_dispatch(thds[i], timeslice); /* blocked or suspended ones refuse */
		while ((id = cos_sched_event(&flags)) >= 0)
			if ((uint32_t)id < COS_MAX_TID)
				test_events_seen[id] |= flags;
	}
	missing = reports_expected - reports;
	if (missing > 0)
		cos_printf("FAIL: %d test reports missing after %u rounds\n", missing, round);
	cos_printf("booter: %d reports, %d failures\n", reports, report_fails + test_failures());
	cos_halt(COS_BOOT_HW, report_fails + test_failures() + (missing > 0 ? missing : 0));
}
