/*
 * check.h - a tiny assertion framework for the host unit tests.
 *
 * CHECK(cond) and CHECK_EQ(a, b) count a pass or report a failure with its
 * file:line (and both values for CHECK_EQ) and go on.  A test binary ends with
 * `return check_summary(argv[0]);`, which prints the single line
 * `<binary>: N passed, N failed` and gives the exit status: nonzero on any
 * failure.  Each argument is evaluated exactly once.
 */
#ifndef UNIT_CHECK_H
#define UNIT_CHECK_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

static unsigned check_passed, check_failed;

static inline void check_bool(int ok, const char *expr, const char *file, int line)
{
	if (ok) {
		check_passed++;
		return;
	}
	check_failed++;
	printf("%s:%d: CHECK(%s) failed\n", file, line, expr);
}

static inline void check_eq(long long a, long long b, const char *ea, const char *eb,
			    const char *file, int line)
{
	if (a == b) {
		check_passed++;
		return;
	}
	check_failed++;
	printf("%s:%d: CHECK_EQ(%s, %s) failed: %lld (0x%llx) != %lld (0x%llx)\n", file, line,
	       ea, eb, a, (unsigned long long)a, b, (unsigned long long)b);
}

static inline void check_ptr_eq(const void *a, const void *b, const char *ea, const char *eb,
				const char *file, int line)
{
	if (a == b) {
		check_passed++;
		return;
	}
	check_failed++;
	printf("%s:%d: CHECK_PTR_EQ(%s, %s) failed: %p != %p\n", file, line, ea, eb, a, b);
}

#define CHECK(cond) check_bool(!!(cond), #cond, __FILE__, __LINE__)
/* Integers (signed or unsigned, up to 32 bits wide without loss). */
#define CHECK_EQ(a, b) check_eq((long long)(a), (long long)(b), #a, #b, __FILE__, __LINE__)
#define CHECK_PTR_EQ(a, b) check_ptr_eq((const void *)(a), (const void *)(b), #a, #b, __FILE__, __LINE__)

/* Print the summary line and return the exit status. */
static inline int check_summary(const char *argv0)
{
	const char *name = strrchr(argv0, '/');

	name = name ? name + 1 : argv0;
	printf("%s: %u passed, %u failed\n", name, check_passed, check_failed);
	fflush(stdout);
	return check_failed ? 1 : 0;
}

#endif
