/* test.c - checks in test components and in the booter. */
#include "test.h"

static int fails, passes;

void test_init(void)
{
	cos_console_cap(TEST_SLOT_CONSOLE);
}

void test_check(int ok, const char *name, int line)
{
	if (ok) {
		passes++;
		cos_printf("PASS: %s\n", name);
	} else {
		fails++;
		cos_printf("FAIL: %s (line %d)\n", name, line);
	}
}

void test_check_eq(int32_t got, int32_t want, const char *name, int line)
{
	if (got == want) {
		passes++;
		cos_printf("PASS: %s\n", name);
	} else {
		fails++;
		cos_printf("FAIL: %s: got %d, want %d (line %d)\n", name, got, want, line);
	}
}

int test_failures(void)
{
	return fails;
}

void test_done(void)
{
	cos_sinv(TEST_SLOT_REPORT, (uint32_t)fails, (uint32_t)passes, 0, 0);
}

