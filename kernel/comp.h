/*
 * comp.h - components: a capability table, a memory table, entry points.
 *
 * Contract: a component holds references on its two tables and on its fault
 * handler's component.  Its server stacks (for threads that migrate into it)
 * are one pinned, user-typed area of `stack_count` stacks of 2^stack_log2
 * bytes; stack_slot[tid] says which stack thread `tid` uses there, or
 * COS_NO_STACK.  Entry points live in the call-gates that name the component.
 */
#ifndef COMP_H
#define COMP_H

#include <stdint.h>
#include "kobj.h"
#include "captbl.h"
#include "memtbl.h"

struct comp {
	struct kobj hdr;
	struct captbl *captbl;
	struct memtbl *memtbl;
	uint32_t id;                 /* chosen by the creator; reported in faults */
	struct comp *fault_comp;     /* fault gate: component, entry, token */
	uint32_t fault_entry;
	uint32_t fault_token;
	uint32_t stack_base;
	uint8_t stack_log2;
	uint8_t stack_count;
	uint16_t pad;
	uint8_t stack_slot[COS_MAX_TID];
};

/* Top of thread tid's stack in c, or 0 when it has none. */
static inline uint32_t comp_stack_top(const struct comp *c, uint32_t tid)
{
	uint32_t s = c->stack_slot[tid];

	if (s == COS_NO_STACK)
		return 0;
	return c->stack_base + ((s + 1u) << c->stack_log2);
}

#endif
