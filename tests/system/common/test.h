/*
 * test.h - checks for system-test components, and the booter's side.
 *
 * Contract: in a test component, slot TEST_SLOT_CONSOLE holds a console
 * capability and TEST_SLOT_REPORT a gate into the booter; test_done() reports
 * the component's failure count through it.  Each CHECK prints one line,
 * "PASS: name" or "FAIL: name ...", which the host runner counts.  In the
 * booter, test_run() schedules the test threads round-robin until every
 * expected report arrived (or a bound on rounds ran out) and halts the system
 * with the number of failures (plus missing reports) as the exit code.
 */
#ifndef TEST_H
#define TEST_H

#include <stdint.h>
#include <cos/cos.h>

#define TEST_SLOT_CONSOLE 1
#define TEST_SLOT_REPORT  2
#define TEST_SLOT_FIRST   3

void test_init(void);
void test_check(int ok, const char *name, int line);
void test_check_eq(int32_t got, int32_t want, const char *name, int line);
void test_done(void);
int test_failures(void);
#define CHECK(name, cond) test_check((cond) != 0, (name), __LINE__)
#define CHECK_EQ(name, got, want) test_check_eq((int32_t)(got), (int32_t)(want), (name), __LINE__)

/* Booter side. */
struct boot_comp;
/* Give a component the console and the report gate; bind tid's stack in the booter. */
int test_prepare(struct boot_comp *c);
int test_prepare_thread(uint32_t tid);
/* Booter's own checks count like a component's. */
void test_run(const uint32_t *thds, int nthds, int reports_expected, uint32_t max_rounds,
	      uint32_t timeslice);
/* Events seen by test_run: for tests that check what the scheduler was told. */
extern uint32_t test_events_seen[COS_MAX_TID];

#endif
