/*
 * shared.h - the async test's shared log: one page of pool RAM that the
 * booter maps into every component (region 2) and into itself (region 3),
 * at the same address, so each side records the order in which it ran.
 */
#ifndef ASYNC_SHARED_H
#define ASYNC_SHARED_H

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

/* Thread ids (also their scheduler ids) and priorities (smaller: more urgent). */
#define TID_SENDER 1
#define TID_URGENT 2
#define TID_LAZY   3
#define PRIO_URGENT 5
#define PRIO_SENDER 10
#define PRIO_LAZY   20

/* Receiver roles, passed as the thread argument. */
#define ROLE_URGENT 0
#define ROLE_LAZY   1

/* Capability slots in the components' tables. */
#define SLOT_RCV        TEST_SLOT_FIRST       /* receivers: their endpoint */
#define SLOT_SND_URGENT TEST_SLOT_FIRST       /* sender: asnd to the urgent receiver */
#define SLOT_SND_LAZY   (TEST_SLOT_FIRST + 1) /* sender: asnd to the lazy receiver */
#define SLOT_RCV_OTHER  (TEST_SLOT_FIRST + 2) /* sender: the urgent receiver's arcv */
#define SLOT_EMPTY      (TEST_SLOT_FIRST + 3) /* sender: never filled */

/* Log entries. */
enum {
	EV_URGENT_WAIT = 1, EV_LAZY_WAIT, EV_SND_LAZY_FIRST, EV_SND_LAZY_DONE,
	EV_SND_URGENT_BEFORE, EV_URGENT_WOKE, EV_SND_URGENT_AFTER, EV_LAZY_WOKE,
};

static inline void log_put(uint32_t v)
{
	uint32_t i = SHLOG->n;

	if (i < LOG_MAX) {
		SHLOG->e[i] = v;
		SHLOG->n = i + 1;
	}
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
