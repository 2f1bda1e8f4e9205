/*
 * kstate.h - the kernel's global state: all of it, in one place.
 *
 * Contract: `kcur` is the running thread (the assembly entry paths read it to
 * know whether a kernel entry switched threads).  `k.sched` is the scheduler
 * thread: the one that runs when a thread blocks, faults or its dispatch
 * timeout expires; it never blocks itself.  Nothing here is allocated at run
 * time; the sizes come from the board.
 */
#ifndef KSTATE_H
#define KSTATE_H

#include <stdint.h>
#include "kmem.h"
#include "thread.h"
#include "endpoint.h"
#include "board.h"

struct kstate {
	struct thread *sched;
	struct thread *ev_head;   /* threads with unread scheduler events */
	struct thread *ev_tail;
	uint32_t tid_used;        /* bit per thread id in use */
	struct kmem_pool pool;
	struct endpoint *irq_ep[BOARD_NIRQ];
};

extern struct thread *kcur;
extern struct kstate k;

/* May the kernel write [addr, addr+len) for a component?  Only user-typed
 * pool memory: never kernel memory, never a device or flash. */
static inline int kuser_writable(uint32_t addr, uint32_t len)
{
	return kmem_user_writable(&k.pool, addr, len);
}

/*
 * The fast form for a saved exception frame's first two words: frames are
 * 8-byte aligned, so they never straddle a block.
 */
static inline int kuser_frame_writable(uint32_t addr)
{
	uintptr_t off = (uintptr_t)addr - k.pool.base;

	return off < ((uintptr_t)k.pool.nblocks << KMEM_BLOCK_SHIFT) && (addr & 7u) == 0 &&
	       (k.pool.meta[off >> KMEM_BLOCK_SHIFT] >> KMEM_TYPE_SHIFT) == COS_KMEM_USER;
}

#endif
