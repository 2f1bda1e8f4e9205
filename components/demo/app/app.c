/*
 * app.c - an application with two threads: "main" calls the calculator
 * through generated stubs (words, and a buffer shared with it); "listener"
 * sleeps in the scheduler until the ticker wakes it, three times, then
 * prints the summary and ends the system.
 */
#include <stdio.h>
#include <string.h>
#include "cos_gen.h"
#include "test.h"

#define TICKS 3

static void caller(void)
{
	uint8_t *buf = COS_SHARED_calc;
	uint32_t i, sum = 0;

	printf("app: hello from an unprivileged component (musl's printf)\n");
	for (i = 1; i <= 3; i++)
		sum += calc_add(i, 10 * i);
	CHECK_EQ("app: three calls of calc_add returned 11 + 22 + 33", sum, 66);
	memset(buf, 0, 64);
	for (i = 0; i < 16; i++)
		buf[i] = (uint8_t)i;
	CHECK_EQ("app: calc_sum read 16 bytes of the shared buffer", calc_sum(0, 16), 120);
	CHECK_EQ("app: calc_fill wrote into it", calc_fill(32, 8, 5) == 8 && buf[32] == 5 && buf[39] == 5, 1);
	CHECK_EQ("app: a buffer reaching past the shared region is refused by the server stub",
		 calc_sum(COS_SHARED_calc_SIZE - 4, 8), COS_EINVAL);
}

static void listener(void)
{
	int n;

	for (n = 1; n <= TICKS; n++) {
		cos_sched_block();
		printf("app: listener woken by the ticker (%d of %d)\n", n, TICKS);
	}
	CHECK("app: the ticker's three wakeups arrived", 1);
	printf("demo: done: calls through stubs, a shared buffer, interrupts at user level, "
	       "a fault contained; %d failures\n", test_failures());
	cos_halt(COS_SLOT_HALT, test_failures());
}

int cos_main(uint32_t arg)
{
	if (arg == COS_THREAD_listener)
		listener();
	else
		caller();
	return 0;
}
