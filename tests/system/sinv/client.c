/* client.c - drives the chain through its gate in TEST_SLOT_FIRST. */
#include "test.h"

#define CHAIN TEST_SLOT_FIRST

int cos_main(uint32_t arg)
{
	uint64_t r2;
	int32_t r = 0;
	int i;

	(void)arg;
	test_init();
	r2 = cos_sinv2(CHAIN, 0, 10, 21, 32);
	CHECK_EQ("sinv: four argument words reach the server, result word 0 returns", (uint32_t)r2, 63);
	CHECK_EQ("sinv: result word 1 returns", (uint32_t)(r2 >> 32), 10 ^ 21 ^ 32);
	for (i = 0; i < 100; i++)
		r = cos_sinv(CHAIN, 2, 0, 0, 0);
	CHECK_EQ("sinv: 100 ping-pong round trips, server state kept", r, 100);
	CHECK_EQ("sinv: nested invocation three deep (client->1->2->3)", cos_sinv(CHAIN, 1, 2, 0, 0), 2);
	CHECK_EQ("sinv: deepest allowed nesting (6 frames)", cos_sinv(CHAIN, 1, COS_INV_DEPTH - 1, 0, 0),
		 COS_INV_DEPTH - 1);
	CHECK_EQ("sinv: invocation depth overflow refused with COS_EDEPTH",
		 cos_sinv(CHAIN, 1, COS_INV_DEPTH, 0, 0), COS_EDEPTH);
	CHECK_EQ("sinv: invocations work again after the refusal", cos_sinv(CHAIN, 2, 0, 0, 0), 101);
	CHECK_EQ("sinv: gate slot out of range is COS_ECAP", cos_sinv(200, 0, 0, 0, 0), COS_ECAP);
	CHECK_EQ("sinv: empty slot is COS_ECAP", cos_sinv(TEST_SLOT_FIRST + 1, 0, 0, 0, 0), COS_ECAP);
	CHECK_EQ("sinv: a console capability is not a gate (COS_ETYPE)",
		 cos_sinv(TEST_SLOT_CONSOLE, 0, 0, 0, 0), COS_ETYPE);
	CHECK_EQ("sret outside any invocation is COS_ESTATE", cos_op_sret(0, 0, 0, 0, 0), COS_ESTATE);
	CHECK_EQ("svc 0 (a Linux system call) is COS_ENOSYS", cos_op_none(0, 0, 0, 0, 0), COS_ENOSYS);
	test_done();
	return 0;
}
