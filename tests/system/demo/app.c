/* app.c - an application: calls calc (thread 1), and listens to the ticker (thread 2). */
#include "demo.h"

static void caller(void)
{
	uint32_t i, sum = 0;

	cos_printf("app: hello from an unprivileged component\n");
	for (i = 1; i <= 3; i++)
		sum += (uint32_t)cos_sinv(SLOT_CALC, i, 10 * i, 0, 0);
	CHECK_EQ("app: three invocations of calc returned 11 + 22 + 33", sum, 66);
	test_done();
}

static void listener(void)
{
	uint32_t got = 0;
	int32_t n;

	while (got < TICKS) {
		n = cos_arcv(SLOT_RCV);
		if (n <= 0)
			break;
		got += (uint32_t)n;
		cos_printf("app: woken by the ticker (%d send%s, %u so far)\n", n, n == 1 ? "" : "s", got);
	}
	CHECK_EQ("app: every tick the ticker sent arrived", got, TICKS);
	test_done();
}

int cos_main(uint32_t arg)
{
	test_init();
	if (arg == TID_LISTENER)
		listener();
	else
		caller();
	return 0;
}
