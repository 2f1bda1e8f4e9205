/*
 * shared.h - the sched_block test: a log page of pool RAM that the booter
 * maps into both thread components (region 2) and into itself (region 3),
 * at the same address, so each side records the order in which it ran.
 */
#ifndef SCHED_BLOCK_SHARED_H
#define SCHED_BLOCK_SHARED_H

#include <stdint.h>
#include "layout.h"
#include "test.h"

#define SHARED_ADDR LAYOUT_SLOT_RAM(7) /* slot 7 holds no component in this image */
#define SHARED_LOG2 12
#define LOG_MAX 64

struct shared_log {
	volatile uint32_t n;
	volatile uint32_t e[LOG_MAX];
};
#define SHLOG ((struct shared_log *)SHARED_ADDR)

/* Thread ids (also their ids for the scheduler) and priorities. */
#define TID_BOOTER 0
#define TID_SCHED  1
#define TID_IDLE   2
#define TID_A      3
#define TID_B      4
#define PRIO_AB     10
#define PRIO_BOOTER 20 /* less urgent: runs only while A and B are blocked or gone */

/* Thread roles (the start argument). */
#define ROLE_A 0
#define ROLE_B 1

/* Capability slots of A's and B's components: the scheduler's client gates. */
#define SLOT_SCHED TEST_SLOT_FIRST

/* Log entries. */
enum {
	A_BLOCK1 = 1, B_WAKE, B_AFTER_WAKE, B_YIELD1, A_WOKE1, A_YIELD, B_EARLY_WAKE, B_YIELD2, A_BACK,
	A_BLOCK2, A_WOKE2, A_PRINTED, B_EXIT, A_BLOCK3, BOOT_WAKE, A_WOKE3, BOOT_AFTER,
};

/* A and B share a priority, so the end of a slice can preempt one of them
 * inside log_put: the entry's place is taken with LDREX/STREX. */
static inline void log_put(uint32_t v)
{
	uint32_t i = 0, failed = 0; /* set by the asm (initialised for cppcheck) */

	do {
		__asm volatile("ldrex %0, [%1]" : "=r"(i) : "r"(&SHLOG->n) : "memory");
		if (i >= LOG_MAX)
			return;
		__asm volatile("strex %0, %2, [%1]" : "=&r"(failed) : "r"(&SHLOG->n), "r"(i + 1) : "memory");
	} while (failed);
	SHLOG->e[i] = v;
}

/* Position of the first entry v, or -1. */
static inline int log_find(uint32_t v)
{
	uint32_t i;

	for (i = 0; i < SHLOG->n && i < LOG_MAX; i++)
		if (SHLOG->e[i] == v)
			return (int)i;
	return -1;
}

static inline uint32_t log_last(void)
{
	uint32_t n = SHLOG->n;

	return n && n <= LOG_MAX ? SHLOG->e[n - 1] : 0;
}

#endif
