/*
 * libc_test.h - checks of musl that both libc test components run on their
 * first thread (about 0.9 KiB of stack: qsort and printf are the deepest),
 * and a measure of how deep the stack went.
 */
#ifndef LIBC_TEST_H
#define LIBC_TEST_H

/* Components build with -std=c11: POSIX (clock_gettime, ...) on request. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "test.h"

/* Gate operations of beta (TEST_SLOT_FIRST in alpha). */
#define LIBC_OP_READY 0 /* r0: 1 once beta's libc is initialised */
#define LIBC_OP_PARSE 1 /* a1: index of a string; r0: strtol's value, r1: beta's errno */
#define LIBC_PARSE_BIG 1 /* the index of a string that overflows a long */

/* The free stack, between the end of bss and a little below the caller,
 * painted with a pattern: what is still painted later was never used. */
extern uint32_t _bss_end[];
#define STACK_PAINT 0xa5a5a5a5u
static uint32_t *stack_painted_top;

static __attribute__((noinline)) void stack_paint(void)
{
	volatile uint32_t here = 0;
	uint32_t *p;

	stack_painted_top = (uint32_t *)((uintptr_t)&here & ~(uintptr_t)3) - 32;
	for (p = _bss_end; p < stack_painted_top; p++)
		*p = STACK_PAINT;
}

/* Bytes between the end of bss and the deepest the stack went. */
static uint32_t stack_unused(void)
{
	const uint32_t *p = _bss_end;

	while (p < stack_painted_top && *p == STACK_PAINT)
		p++;
	return (uint32_t)((uintptr_t)p - (uintptr_t)_bss_end);
}

/* Each group in a function of its own, so that frames do not add up. */
static __attribute__((noinline)) void checks_stdio(const char *who)
{
	static const char fmt[] = "libc %s: printf %d %u %x %s %c [%5d] [%-4d] %ld %lld\n";
	char buf[40], small[4];
	int n, want;

	want = snprintf(NULL, 0, fmt, who, -42, 42u, 0xbeefu, "str", 'c', 7, 8, 123456789L, 1234567890123LL);
	n = printf(fmt, who, -42, 42u, 0xbeefu, "str", 'c', 7, 8, 123456789L, 1234567890123LL);
	CHECK_EQ("libc: printf returns what it wrote", n, want);
	snprintf(buf, sizeof buf, "libc %s: puts", who);
	CHECK("libc: puts", puts(buf) >= 0);
	CHECK_EQ("libc: stdout is a terminal (TIOCGWINSZ), so line buffered", isatty(1), 1);

	CHECK_EQ("libc: snprintf returns the length", snprintf(buf, sizeof buf, "%d-%s-%04x", 7, "ab", 0x2a), 9);
	CHECK("libc: snprintf formats", !strcmp(buf, "7-ab-002a"));
	CHECK_EQ("libc: snprintf truncating returns the full length", snprintf(small, sizeof small, "hello"), 5);
	CHECK("libc: snprintf truncates and terminates", !strcmp(small, "hel"));
	snprintf(buf, sizeof buf, "%llu %llx %lld", 18446744073709551615ULL, 0x123456789abcdefULL, -1LL);
	CHECK("libc: snprintf of 64-bit integers", !strcmp(buf, "18446744073709551615 123456789abcdef -1"));
}

static __attribute__((noinline)) void checks_strtol(void)
{
	char *end;
	long l;

	errno = 0;
	l = strtol("2147483648", &end, 10);
	CHECK("libc: strtol overflow gives LONG_MAX", l == LONG_MAX && *end == 0);
	CHECK_EQ("libc: strtol overflow sets errno to ERANGE", errno, ERANGE);
	errno = 0;
	l = strtol("  -123abc", &end, 10);
	CHECK("libc: strtol stops at the first non-digit", l == -123 && *end == 'a');
	CHECK_EQ("libc: strtol in range leaves errno alone", errno, 0);
	CHECK_EQ("libc: strtol base 0 reads hex", strtol("0x1F", NULL, 0), 31);
	CHECK_EQ("libc: strtoul base 8", strtoul("777", NULL, 8), 511);
	CHECK("libc: strtoll of LLONG_MIN", strtoll("-9223372036854775808", NULL, 10) == LLONG_MIN);
	CHECK_EQ("libc: atoi", atoi("  -9x"), -9);
}

/* Linux calls: ENOSYS from libcos, never the kernel's COS_ENOSYS (-10, which
 * musl would have turned into errno 10, ECHILD). */
static __attribute__((noinline)) void checks_syscalls(void)
{
	struct timespec ts;

	errno = 0;
	CHECK_EQ("libc: open() fails", open("/etc/passwd", O_RDONLY), -1);
	CHECK_EQ("libc: ... with errno ENOSYS, from libcos, not from the kernel", errno, ENOSYS);
	errno = 0;
	CHECK_EQ("libc: clock_gettime() fails with ENOSYS", clock_gettime(CLOCK_MONOTONIC, &ts) == -1 ? errno : 0,
		 ENOSYS);
	errno = 0;
	CHECK_EQ("libc: write() to a closed fd fails with EBADF", write(7, "x", 1) == -1 ? errno : 0, EBADF);
	CHECK("libc: strerror (locale and thread pointer set up)", !strcmp(strerror(ENOSYS), "Function not implemented"));
	CHECK_EQ("libc: the C locale's MB_CUR_MAX (through the thread pointer)", MB_CUR_MAX, 1);
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static __attribute__((noinline)) void checks_sort(void)
{
	int v[8] = { 5, -3, 9, 0, 42, -17, 9, 1 };
	const char *words[4] = { "pear", "apple", "fig", "banana" };
	int key = 9, i, sorted = 1;

	qsort(v, 8, sizeof v[0], cmp_int);
	for (i = 1; i < 8; i++)
		sorted &= v[i - 1] <= v[i];
	CHECK("libc: qsort sorts integers", sorted && v[0] == -17 && v[7] == 42);
	CHECK("libc: bsearch finds", bsearch(&key, v, 8, sizeof v[0], cmp_int) != NULL);
	qsort(words, 4, sizeof words[0], cmp_str);
	CHECK("libc: qsort sorts strings", !strcmp(words[0], "apple") && !strcmp(words[1], "banana") &&
					     !strcmp(words[2], "fig") && !strcmp(words[3], "pear"));
}

static __attribute__((noinline)) void checks_strings(void)
{
	static const char abc[] = "abcabc";
	char buf[16];

	memcpy(buf, "hello, world", 13);
	CHECK_EQ("libc: memcpy and strlen", strlen(buf), 12);
	memmove(buf + 1, buf, 5);
	CHECK("libc: memmove overlapping", !memcmp(buf, "hhellooworld", 6));
	memset(buf, 'z', 3);
	buf[3] = 0;
	CHECK("libc: memset", !strcmp(buf, "zzz"));
	CHECK("libc: strchr, strrchr, strstr", strchr(abc, 'c') - abc == 2 && strrchr(abc, 'a') - abc == 3 &&
						     strstr("needle in haystack", "hay") != NULL);
	CHECK("libc: strncmp", strncmp(abc, "abcx", 3) == 0 && strncmp(abc, "abcx", 4) < 0);
}

static void libc_checks(const char *who)
{
	checks_stdio(who);
	checks_strtol();
	checks_syscalls();
	checks_sort();
	checks_strings();
}

#endif
