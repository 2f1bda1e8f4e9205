/* logger.c - the innermost server: prints one line per call it gets. */
#include "demo.h"

uint32_t log_sum(uint32_t a, uint32_t b, uint32_t sum, uint32_t n)
{
	cos_printf("logger: call %u: %u + %u = %u (thread came through app -> calc -> logger)\n", n, a, b, sum);
	return 0;
}
COS_SERVER_ENTRY(log_sum);
COS_DECLARE_ENTRY(log_sum);
COS_EXPORTS(COS_ENTRY_ADDR(log_sum));

int cos_main(uint32_t arg)
{
	(void)arg;
	test_init(); /* the logger prints through its own console capability */
	return 0;
}
