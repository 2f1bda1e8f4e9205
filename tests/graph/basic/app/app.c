/* app.c - calls the calculator through generated stubs, with words and buffers. */
#include "cos_gen.h"
#include "test.h"

int cos_main(uint32_t arg)
{
	uint8_t *buf = COS_SHARED_calc;
	uint32_t i;

	(void)arg;
	cos_console_cap(COS_SLOT_CONSOLE);
	CHECK_EQ("stub: calc_add through the generated gate", calc_add(40, 2), 42);
	for (i = 0; i < 16; i++)
		buf[i] = (uint8_t)i;
	CHECK_EQ("stub: calc_sum reads the shared buffer", calc_sum(0, 16), 120);
	CHECK_EQ("stub: calc_fill writes the shared buffer", calc_fill(16, 4, 7), 4);
	CHECK_EQ("stub: ... the server's writes are visible", buf[16] + buf[19], 14);
	CHECK_EQ("server stub: a buffer past the shared region is COS_EINVAL",
		 calc_sum(COS_SHARED_calc_SIZE - 8, 16), COS_EINVAL);
	CHECK_EQ("server stub: an offset past the region is COS_EINVAL", calc_sum(COS_SHARED_calc_SIZE + 1, 0),
		 COS_EINVAL);
	CHECK_EQ("server stub: a wrapping length is COS_EINVAL", calc_sum(8, 0xfffffff8u), COS_EINVAL);
	CHECK_EQ("stub: the whole buffer is accepted", calc_sum(0, COS_SHARED_calc_SIZE) >= 0, 1);
	cos_printf("app: done\n");
	cos_halt(COS_SLOT_HALT, test_failures());
	return 0;
}
