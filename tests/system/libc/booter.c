/*
 * booter.c - libc test: alpha (slot 0) calls beta (slot 1) through a gate.
 * The booter is a component too: it prints floating point with musl, which
 * needs about 1.2 KiB of stack (more than the test components have).
 */
#include <stdio.h>
#include <string.h>
#include "booter.h"
#include "test.h"

#define ALPHA_TID 1
#define BETA_TID 2

int cos_main(uint32_t first_kernel_block)
{
	struct boot_comp alpha, beta;
	uint32_t thd[2];
	char buf[40];

	boot_init(first_kernel_block);
	snprintf(buf, sizeof buf, "%.3f %g %e", 3.14159265, 1e6, 0.5);
	CHECK("libc: snprintf of doubles (%f %g %e)", !strcmp(buf, "3.142 1e+06 5.000000e-01"));
	CHECK("libc: printf of a double", printf("libc booter: pi is %.5f\n", 3.14159265) > 0);

	if (boot_comp_create(&alpha, 0, 1) || test_prepare(&alpha) || boot_comp_create(&beta, 1, 2) ||
	    test_prepare(&beta) || boot_gate(&alpha, TEST_SLOT_FIRST, &beta, 0, 0) ||
	    boot_bind(&beta, ALPHA_TID) || test_prepare_thread(ALPHA_TID) || test_prepare_thread(BETA_TID) ||
	    boot_thd_create(&alpha, ALPHA_TID, ALPHA_TID, 10, 0, &thd[0]) ||
	    boot_thd_create(&beta, BETA_TID, BETA_TID, 10, 0, &thd[1]))
		cos_halt(COS_BOOT_HW, 100);
	/* No timeslice: the threads switch only where they yield. */
	test_run(thd, 2, 2, 20, 0);
	return 0;
}
