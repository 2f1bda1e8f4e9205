/*
 * alpha.c - musl in a component, on its first thread: the common checks,
 * stderr, errno kept per component across a switch to beta,
 * and a call into beta that runs musl there (beta's libc and errno, on
 * beta's server stack).
 */
#include "libc_test.h"

#define BETA TEST_SLOT_FIRST

int cos_main(uint32_t arg)
{
	uint64_t r;
	uint32_t unused;

	(void)arg;
	test_init();
	stack_paint();
	libc_checks("alpha");
	CHECK("libc: fprintf to stderr", fprintf(stderr, "libc alpha: stderr\n") > 0);

	/* Let beta run: it sets its own errno while we wait with ours. */
	errno = EDOM;
	while (!cos_sinv(BETA, LIBC_OP_READY, 0, 0, 0))
		cos_yield();
	CHECK_EQ("libc: errno is the component's own: beta's calls left alpha's alone", errno, EDOM);

	/* The thread migrates into beta, whose strtol sets beta's errno (last
	 * to ERANGE, which beta then finds). */
	CHECK_EQ("libc: strtol in beta, in range", (int32_t)cos_sinv2(BETA, LIBC_OP_PARSE, 0, 0, 0), 12345);
	r = cos_sinv2(BETA, LIBC_OP_PARSE, LIBC_PARSE_BIG, 0, 0);
	CHECK("libc: strtol in beta (on its server stack) saturates", (int32_t)r == LONG_MAX);
	CHECK_EQ("libc: ... and sets beta's errno to ERANGE", (uint32_t)(r >> 32), ERANGE);
	CHECK_EQ("libc: ... not alpha's", errno, EDOM);

	unused = stack_unused();
	printf("libc alpha: %u bytes of stack never used, below %u bytes painted\n", (unsigned)unused,
	       (unsigned)((uintptr_t)stack_painted_top - (uintptr_t)_bss_end));
	CHECK("libc: the stack never reached data and bss", unused > 0);
	test_done();
	return 0;
}
