/*
 * activate.h - creating kernel objects into capability slots, and destroying them.
 *
 * Contract: each act_* function checks its arguments fully before it takes
 * any kernel memory, so a failure changes nothing.  The object's capability
 * goes into slot `slot` of `ct`; `kmem` names its blocks (COS_KMEM) through a
 * pool capability with COS_R_RETYPE in `auth`, the caller's own table.  The new
 * capability gets every right.  deactivate() destroys the object of a slot
 * only when that slot is its last reference, and returns its memory to
 * kernel-typed, unreferenced blocks that can be retyped again.
 * The booter's objects are made with the same functions at boot.
 */
#ifndef ACTIVATE_H
#define ACTIVATE_H

#include <stdint.h>
#include "captbl.h"
#include "comp.h"
#include "thread.h"

#define KOBJ_BLOCKS(type) ((uint32_t)((sizeof(type) + KMEM_BLOCK_SIZE - 1) >> KMEM_BLOCK_SHIFT))
#define CAPTBL_MAX_BLOCKS 32

int act_captbl(struct captbl *auth, struct captbl *ct, uint32_t kmem, uint32_t slot, uint32_t nblocks, struct captbl **out);
int act_memtbl(struct captbl *auth, struct captbl *ct, uint32_t kmem, uint32_t slot, struct memtbl **out);
int act_comp(struct captbl *auth, struct captbl *ct, uint32_t kmem, uint32_t slot, struct captbl *cct, struct memtbl *cmt,
	     uint32_t id, struct comp **out);
int act_thd(struct captbl *auth, struct captbl *ct, uint32_t kmem, uint32_t slot, struct comp *home, uint32_t tid,
	    uint32_t id, struct thread **out);
int act_arcv(struct captbl *auth, struct captbl *ct, uint32_t kmem, uint32_t slot, struct thread *t);
int act_sinv(struct captbl *ct, uint32_t slot, struct comp *srv, uint32_t entry, uint32_t token);
int act_asnd(struct captbl *ct, uint32_t slot, struct cap *arcv);
int deactivate(struct captbl *ct, uint32_t slot);

/* Thread t's first context: pc, stack top, one argument in r0. */
int thd_start(struct thread *t, uint32_t pc, uint32_t sp, uint32_t arg);

#endif
