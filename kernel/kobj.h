/*
 * kobj.h - the header every kernel object starts with.
 *
 * Contract: `refcnt` counts the capabilities naming the object plus the
 * kernel's own references to it (a component's tables, a thread's home
 * component, an interrupt line's endpoint, a thread inside an invocation).
 * An object is destroyed only through deactivation of its last capability,
 * and only when no other reference exists.
 */
#ifndef KOBJ_H
#define KOBJ_H

#include <stdint.h>

struct kobj {
	uint8_t type;    /* COS_CAP_* of the object */
	uint8_t nblocks; /* typed-memory blocks it occupies */
	uint16_t refcnt;
};

#define KOBJ_REFCNT_MAX 0xffffu

#endif
