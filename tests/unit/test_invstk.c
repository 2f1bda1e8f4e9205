/*
 * test_invstk.c - a thread's invocation stack (invstk_push / invstk_pop) and
 * a component's server-stack lookup (comp_stack_top).
 */
#include <stdint.h>
#include <string.h>

#include "check.h"
#include "thread.h"
#include "comp.h"
#include <cos/kabi.h>

static void test_push_pop(void)
{
	struct thread t;
	struct comp comps[COS_INV_DEPTH + 1];
	struct invframe before[COS_INV_DEPTH];
	struct invframe f;
	uint32_t i;
	int ok = 1;

	memset(&t, 0, sizeof t);
	memset(comps, 0, sizeof comps);

	/* Up to COS_INV_DEPTH frames fit. */
	for (i = 0; i < COS_INV_DEPTH; i++) {
		CHECK_EQ(invstk_push(&t, &comps[i], 0x20001000u + 0x100u * i), COS_OK);
		CHECK_EQ(t.depth, i + 1);
	}
	CHECK_EQ(t.depth, COS_INV_DEPTH);

	/* One more is refused and changes nothing. */
	memcpy(before, t.inv, sizeof before);
	CHECK_EQ(invstk_push(&t, &comps[COS_INV_DEPTH], 0xdeadbeefu), COS_EDEPTH);
	CHECK_EQ(invstk_push(&t, NULL, 0), COS_EDEPTH);
	CHECK_EQ(t.depth, COS_INV_DEPTH);
	CHECK(memcmp(before, t.inv, sizeof before) == 0);

	/* Pops come back last in, first out. */
	for (i = COS_INV_DEPTH; i > 0; i--) {
		memset(&f, 0xff, sizeof f);
		CHECK_EQ(invstk_pop(&t, &f), COS_OK);
		CHECK_PTR_EQ(f.comp, &comps[i - 1]);
		CHECK_EQ(f.sp, 0x20001000u + 0x100u * (i - 1));
		CHECK_EQ(t.depth, i - 1);
	}

	/* Empty: refused, output untouched. */
	f.comp = &comps[0];
	f.sp = 0x1234;
	CHECK_EQ(invstk_pop(&t, &f), COS_ESTATE);
	CHECK_EQ(invstk_pop(&t, &f), COS_ESTATE);
	CHECK_PTR_EQ(f.comp, &comps[0]);
	CHECK_EQ(f.sp, 0x1234);
	CHECK_EQ(t.depth, 0);

	/* Interleaved: push, push, pop, push, pop, pop; the fault-frame bit is kept. */
	CHECK_EQ(invstk_push(&t, &comps[1], 0x100), COS_OK);
	CHECK_EQ(invstk_push(&t, &comps[2], 0x200 | INV_FAULT_FRAME), COS_OK);
	CHECK_EQ(invstk_pop(&t, &f), COS_OK);
	ok = ok && f.comp == &comps[2] && f.sp == (0x200 | INV_FAULT_FRAME);
	CHECK_EQ(invstk_push(&t, &comps[3], 0x300), COS_OK);
	CHECK_EQ(invstk_pop(&t, &f), COS_OK);
	ok = ok && f.comp == &comps[3] && f.sp == 0x300;
	CHECK_EQ(invstk_pop(&t, &f), COS_OK);
	ok = ok && f.comp == &comps[1] && f.sp == 0x100;
	CHECK(ok);
	CHECK_EQ(invstk_pop(&t, &f), COS_ESTATE);

	/* Full again after emptying: the limit is the same. */
	for (i = 0; i < COS_INV_DEPTH; i++)
		CHECK_EQ(invstk_push(&t, &comps[0], i), COS_OK);
	CHECK_EQ(invstk_push(&t, &comps[0], 99), COS_EDEPTH);
	CHECK_EQ(invstk_pop(&t, &f), COS_OK);
	CHECK_EQ(f.sp, COS_INV_DEPTH - 1);
	CHECK_EQ(invstk_push(&t, &comps[0], 77), COS_OK);
	CHECK_EQ(invstk_push(&t, &comps[0], 78), COS_EDEPTH);
	CHECK_EQ(invstk_pop(&t, &f), COS_OK);
	CHECK_EQ(f.sp, 77);
}

static void test_stack_top(void)
{
	struct comp c;
	uint32_t tid;

	memset(&c, 0, sizeof c);
	memset(c.stack_slot, COS_NO_STACK, sizeof c.stack_slot);
	c.stack_base = 0x20004000u;
	c.stack_log2 = 8;
	c.stack_count = 4;

	for (tid = 0; tid < COS_MAX_TID; tid++)
		CHECK_EQ(comp_stack_top(&c, tid), 0);

	/* Stack s of 2^log2 bytes: top is base + (s + 1) << log2. */
	c.stack_slot[0] = 0;
	c.stack_slot[5] = 2;
	c.stack_slot[COS_MAX_TID - 1] = 3;
	CHECK_EQ(comp_stack_top(&c, 0), 0x20004100u);
	CHECK_EQ(comp_stack_top(&c, 5), 0x20004300u);
	CHECK_EQ(comp_stack_top(&c, COS_MAX_TID - 1), 0x20004400u);
	CHECK_EQ(comp_stack_top(&c, 1), 0);
	CHECK_EQ(comp_stack_top(&c, 6), 0);

	/* Largest stacks. */
	c.stack_log2 = COS_STACK_MAX_LOG2;
	c.stack_base = 0x20010000u;
	CHECK_EQ(comp_stack_top(&c, 5), 0x20010000u + (3u << COS_STACK_MAX_LOG2));
	c.stack_log2 = COS_STACK_MIN_LOG2;
	CHECK_EQ(comp_stack_top(&c, 0), 0x20010000u + (1u << COS_STACK_MIN_LOG2));
	c.stack_slot[5] = COS_NO_STACK;
	CHECK_EQ(comp_stack_top(&c, 5), 0);
}

int main(int argc, char **argv)
{
	(void)argc;
	test_push_pop();
	test_stack_top();
	return check_summary(argv[0]);
}
