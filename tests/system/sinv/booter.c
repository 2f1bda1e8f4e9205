/* booter.c - sinv test: a client and a chain of seven servers. */
#include "booter.h"
#include "test.h"

#define NCOMP 8
#define CLIENT_TID 8

int cos_main(uint32_t first_kernel_block)
{
	struct boot_comp c[NCOMP];
	uint32_t thd[NCOMP];
	int i;

	boot_init(first_kernel_block);
	for (i = 0; i < NCOMP; i++) {
		if (boot_comp_create(&c[i], (uint32_t)i, (uint32_t)i + 1) || test_prepare(&c[i]))
			cos_halt(COS_BOOT_HW, 100);
	}
	for (i = 0; i + 1 < NCOMP; i++)
		boot_gate(&c[i], TEST_SLOT_FIRST, &c[i + 1], 0, 0);
	for (i = 1; i < NCOMP; i++) {
		boot_bind(&c[i], CLIENT_TID);
		boot_thd_create(&c[i], (uint32_t)i, (uint32_t)i, 10, 0, &thd[i - 1]);
	}
	test_prepare_thread(CLIENT_TID);
	boot_thd_create(&c[0], CLIENT_TID, CLIENT_TID, 10, 0, &thd[NCOMP - 1]);
	test_run(thd, NCOMP, 1, 50, 0);
	return 0;
}
