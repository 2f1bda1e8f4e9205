/*
 * kobj.h - the header every kernel object starts with.
 *
 * Contract: `refcnt` counts every reference to the object: the capabilities
 * naming it, the call-gates and send ends leading to it, and the kernel's own
 * references (a component's tables, a thread's home component, an interrupt
 * line's endpoint, a thread inside an invocation, the scheduler thread).
 * `owners` counts the capabilities of the object's own type among them.  The
 * last owner can only be deactivated, never removed, and deactivation needs
 * refcnt == 1: so no object is left without a capability to destroy it
 * (except a table holding its own last owner, as the booter's does), and
 * none is destroyed while anything refers to it.  The counts cannot
 * overflow: every reference is a capability slot, a kernel object or an
 * invocation frame, and their total is bounded by the pool (boot.c checks).
 */
#ifndef KOBJ_H
#define KOBJ_H

#include <stdint.h>

struct kobj {
	uint8_t type;    /* COS_CAP_* of the object */
	uint8_t nblocks; /* typed-memory blocks it occupies */
	uint16_t refcnt;
	uint16_t owners;
	uint16_t pad;
};

#endif
