/*
 * booter.c - every kernel operation's refusals, each with its own error, and
 * the typed-memory rules: nothing mapped or referenced can be retyped.
 */
#include "booter.h"
#include "test.h"

#define SELF COS_BOOT_CAPTBL
/* An operation number the kernel does not have. */
COS_OP_FN(cos_op_unknown, 99)

static void captbl_checks(struct boot_comp *c)
{
	uint32_t s = boot_slot(), s2 = boot_slot(), s3 = boot_slot(), lone, gate, rights = 0;
	int32_t type;

	CHECK_EQ("cap: index past the table is COS_ECAP", cos_cap_remove(SELF, 100000), COS_ECAP);
	CHECK_EQ("cap: invoking an index past the table is COS_ECAP", cos_retype(100000, 0, 1, COS_KMEM_USER), COS_ECAP);
	CHECK_EQ("cap: invoking an empty slot is COS_ECAP", cos_retype(s, 0, 1, COS_KMEM_USER), COS_ECAP);
	CHECK_EQ("cap: wrong type (dispatch on a memory table) is COS_ETYPE", cos_dispatch(COS_BOOT_MEMTBL, 0), COS_ETYPE);
	CHECK_EQ("cap: retype through a thread capability is COS_ETYPE",
		 cos_retype(COS_BOOT_THD, 0, 1, COS_KMEM_USER), COS_ETYPE);
	CHECK_EQ("cap: retype through the flash capability (no COS_R_RETYPE) is COS_ERIGHTS",
		 cos_retype(COS_BOOT_FLASH, 0, 1, COS_KMEM_USER), COS_ERIGHTS);
	CHECK_EQ("cap: copy with fewer rights", cos_cap_copy(SELF, COS_BOOT_POOL, SELF, s, COS_R_READ), COS_OK);
	type = cos_cap_info(SELF, s, &rights);
	CHECK_EQ("cap: introspection gives the type", type, COS_CAP_MEM);
	CHECK_EQ("cap: introspection gives the shrunk rights", rights, COS_R_READ);
	CHECK_EQ("cap: missing right (retype without COS_R_RETYPE) is COS_ERIGHTS",
		 cos_retype(s, boot_block(LAYOUT_FREE_RAM), 1, COS_KMEM_KERNEL), COS_ERIGHTS);
	CHECK_EQ("cap: a copy of a copy cannot regain rights", cos_cap_copy(SELF, s, SELF, s2, COS_R_ALL), COS_OK);
	cos_cap_info(SELF, s2, &rights);
	CHECK_EQ("cap: rights stay shrunk", rights, COS_R_READ);
	CHECK_EQ("cap: copy into an occupied slot is COS_EEXIST", cos_cap_copy(SELF, s, SELF, s2, COS_R_READ), COS_EEXIST);
	CHECK_EQ("cap: copy with unknown rights bits is COS_EINVAL",
		 cos_cap_copy(SELF, s, SELF, boot_slot(), 0x80), COS_EINVAL);
	CHECK_EQ("cap: remove a copy", cos_cap_remove(SELF, s2), COS_OK);
	CHECK_EQ("cap: the slot is empty after remove", cos_cap_info(SELF, s2, &rights), COS_CAP_FREE);
	lone = boot_slot();
	cos_op_act_memtbl(SELF, boot_kmem(1), lone, 0, 0);
	CHECK_EQ("cap: removing the last reference to an object is COS_EBUSY (deactivate it instead)",
		 cos_cap_remove(SELF, lone), COS_EBUSY);
	CHECK_EQ("cap: ... deactivating it works", cos_deactivate(SELF, lone), COS_OK);
	CHECK_EQ("cap: deactivating an object still referenced (memory table of a component) is COS_EBUSY",
		 cos_deactivate(SELF, c->memtbl), COS_EBUSY);
	CHECK_EQ("cap: removing the only capability of a table a component still uses is COS_EBUSY",
		 cos_cap_remove(SELF, c->memtbl), COS_EBUSY);
	gate = boot_slot();
	CHECK_EQ("cap: a gate to the component", cos_op_act_sinv(SELF, gate, c->comp, 0, 0), COS_OK);
	CHECK_EQ("cap: a gate is not an owner: removing the last gate to a component works",
		 cos_cap_remove(SELF, gate), COS_OK);
	cos_cap_copy(SELF, SELF, SELF, s3, COS_R_READ);
	CHECK_EQ("cap: a captbl copy without COS_R_WRITE cannot be written (COS_ERIGHTS)",
		 cos_op_act_memtbl(s3, boot_kmem(1), boot_slot(), 0, 0), COS_ERIGHTS);
	CHECK_EQ("op: an unknown operation is COS_ENOSYS", cos_op_unknown(SELF, 0, 0, 0, 0), COS_ENOSYS);
	CHECK_EQ("op: svc 0 is COS_ENOSYS", cos_op_none(0, 0, 0, 0, 0), COS_ENOSYS);
}

static void kmem_checks(struct boot_comp *c)
{
	uint32_t ram_block = boot_block(c->ram), count = 0;
	uint32_t kmem = boot_kmem(1), block = kmem >> 16, mt = boot_slot();
	uint32_t untyped = boot_block(LAYOUT_SLOT_RAM(LAYOUT_NSLOTS - 1));

	CHECK_EQ("kmem: a mapped user block is user-typed", cos_kmem_info(COS_BOOT_POOL, ram_block, &count),
		 COS_KMEM_USER);
	CHECK_EQ("kmem: its count is its one mapping", count, 1);
	CHECK_EQ("kmem: retype while mapped is COS_EBUSY",
		 cos_retype(COS_BOOT_POOL, ram_block, 1, COS_KMEM_UNTYPED), COS_EBUSY);
	CHECK_EQ("kmem: retype of a range with one mapped block is COS_EBUSY and changes nothing",
		 cos_retype(COS_BOOT_POOL, ram_block - 1, 2, COS_KMEM_UNTYPED), COS_EBUSY);
	CHECK_EQ("kmem: ... the block before it is untouched",
		 cos_kmem_info(COS_BOOT_POOL, ram_block - 1, &count), COS_KMEM_USER);
	CHECK_EQ("kmem: untyped to user", cos_retype(COS_BOOT_POOL, untyped, 1, COS_KMEM_USER), COS_OK);
	CHECK_EQ("kmem: user to kernel directly is COS_ETYPE",
		 cos_retype(COS_BOOT_POOL, untyped, 1, COS_KMEM_KERNEL), COS_ETYPE);
	CHECK_EQ("kmem: user to untyped", cos_retype(COS_BOOT_POOL, untyped, 1, COS_KMEM_UNTYPED), COS_OK);
	CHECK_EQ("kmem: untyped to untyped is COS_ETYPE",
		 cos_retype(COS_BOOT_POOL, untyped, 1, COS_KMEM_UNTYPED), COS_ETYPE);
	CHECK_EQ("kmem: an unknown type is COS_EINVAL", cos_retype(COS_BOOT_POOL, untyped, 1, 7), COS_EINVAL);
	CHECK_EQ("kmem: a count of zero is COS_EINVAL", cos_retype(COS_BOOT_POOL, untyped, 0, COS_KMEM_USER), COS_EINVAL);
	CHECK_EQ("kmem: a block past the pool is COS_EINVAL",
		 cos_retype(COS_BOOT_POOL, 100000, 1, COS_KMEM_USER), COS_EINVAL);
	CHECK_EQ("kmem: an object in untyped memory is COS_ENOMEM",
		 cos_op_act_memtbl(SELF, COS_KMEM(COS_BOOT_POOL, untyped), mt, 0, 0), COS_ENOMEM);
	CHECK_EQ("kmem: an object in user memory is COS_ENOMEM",
		 cos_op_act_memtbl(SELF, COS_KMEM(COS_BOOT_POOL, ram_block), mt, 0, 0), COS_ENOMEM);
	CHECK_EQ("kmem: a memory table in a fresh kernel block", cos_op_act_memtbl(SELF, kmem, mt, 0, 0), COS_OK);
	CHECK_EQ("kmem: a second object in the same block is COS_EBUSY",
		 cos_op_act_memtbl(SELF, kmem, boot_slot(), 0, 0), COS_EBUSY);
	CHECK_EQ("kmem: activating into an occupied slot is COS_EEXIST",
		 cos_op_act_memtbl(SELF, boot_kmem(1), mt, 0, 0), COS_EEXIST);
	CHECK_EQ("kmem: retype of a block holding an object is COS_EBUSY",
		 cos_retype(COS_BOOT_POOL, block, 1, COS_KMEM_UNTYPED), COS_EBUSY);
	CHECK_EQ("kmem: deactivate an unreferenced object", cos_deactivate(SELF, mt), COS_OK);
	CHECK_EQ("kmem: ... its block is free again", cos_kmem_info(COS_BOOT_POOL, block, &count) == COS_KMEM_KERNEL &&
		 count == 0, 1);
	CHECK_EQ("kmem: ... and can be retyped", cos_retype(COS_BOOT_POOL, block, 1, COS_KMEM_UNTYPED), COS_OK);
	/* Unmapping releases the block: then it can be retyped, and given back. */
	CHECK_EQ("kmem: unmap the component's RAM", cos_memtbl_unmap(c->memtbl, 1), COS_OK);
	CHECK_EQ("kmem: unmapping twice is COS_ESTATE", cos_memtbl_unmap(c->memtbl, 1), COS_ESTATE);
	CHECK_EQ("kmem: retype after unmap (stacks stay pinned, data block is free)",
		 cos_retype(COS_BOOT_POOL, ram_block, 1, COS_KMEM_UNTYPED), COS_OK);
	CHECK_EQ("kmem: pinned server stacks cannot be retyped",
		 cos_retype(COS_BOOT_POOL, boot_block(c->h->srv_stacks), 1, COS_KMEM_UNTYPED), COS_EBUSY);
	CHECK_EQ("kmem: mapping memory that is not user-typed is COS_ETYPE",
		 cos_memtbl_map(c->memtbl, COS_BOOT_POOL, 1, c->ram,
				COS_REGION_ATTR(12, 0, COS_R_READ | COS_R_WRITE)), COS_ETYPE);
	cos_retype(COS_BOOT_POOL, ram_block, 1, COS_KMEM_USER);
	CHECK_EQ("kmem: map again", cos_memtbl_map(c->memtbl, COS_BOOT_POOL, 1, c->ram,
						    COS_REGION_ATTR(12, 0, COS_R_READ | COS_R_WRITE)), COS_OK);
}

static void memtbl_checks(struct boot_comp *c)
{
	uint32_t rw = COS_R_READ | COS_R_WRITE;

	CHECK_EQ("memtbl: misaligned base is COS_EALIGN",
		 cos_memtbl_map(c->memtbl, COS_BOOT_POOL, 3, c->ram + 0x100, COS_REGION_ATTR(12, 0, rw)), COS_EALIGN);
	CHECK_EQ("memtbl: size below 32 bytes is COS_EALIGN",
		 cos_memtbl_map(c->memtbl, COS_BOOT_POOL, 3, c->ram, COS_REGION_ATTR(4, 0, rw)), COS_EALIGN);
	CHECK_EQ("memtbl: subregions of a 128-byte region are COS_EALIGN",
		 cos_memtbl_map(c->memtbl, COS_BOOT_POOL, 3, c->ram, COS_REGION_ATTR(7, 1, rw)), COS_EALIGN);
	CHECK_EQ("memtbl: write with execute is COS_EPERMS",
		 cos_memtbl_map(c->memtbl, COS_BOOT_POOL, 3, c->ram, COS_REGION_ATTR(12, 0, rw | COS_R_EXEC)), COS_EPERMS);
	CHECK_EQ("memtbl: writable code (beyond the flash capability) is COS_EPERMS",
		 cos_memtbl_map(c->memtbl, COS_BOOT_FLASH, 3, LAYOUT_SLOT_FLASH(0), COS_REGION_ATTR(15, 0, rw)), COS_EPERMS);
	CHECK_EQ("memtbl: executable device memory is COS_EPERMS",
		 cos_memtbl_map(c->memtbl, COS_BOOT_DEV0, 3, board_devices_base(0),
				COS_REGION_ATTR(10, 0, COS_R_READ | COS_R_EXEC)), COS_EPERMS);
	CHECK_EQ("memtbl: kernel RAM is outside every capability (COS_ERANGE)",
		 cos_memtbl_map(c->memtbl, COS_BOOT_POOL, 3, BOARD_KERNEL_RAM_BASE, COS_REGION_ATTR(12, 0, rw)), COS_ERANGE);
	CHECK_EQ("memtbl: kernel code is outside every capability (COS_ERANGE)",
		 cos_memtbl_map(c->memtbl, COS_BOOT_FLASH, 3, BOARD_FLASH_BASE, COS_REGION_ATTR(15, 0, COS_R_READ)), COS_ERANGE);
	CHECK_EQ("memtbl: an enabled subregion over kernel code is COS_ERANGE",
		 cos_memtbl_map(c->memtbl, COS_BOOT_FLASH, 3, BOARD_FLASH_BASE, COS_REGION_ATTR(18, 0, COS_R_READ)),
		 COS_ERANGE);
	CHECK_EQ("memtbl: ... with that subregion disabled the region is accepted",
		 cos_memtbl_map(c->memtbl, COS_BOOT_FLASH, 3, BOARD_FLASH_BASE, COS_REGION_ATTR(18, 0x01, COS_R_READ)),
		 COS_OK);
	CHECK_EQ("memtbl: mapping a used region number is COS_EEXIST",
		 cos_memtbl_map(c->memtbl, COS_BOOT_POOL, 1, c->ram, COS_REGION_ATTR(12, 0, rw)), COS_EEXIST);
	CHECK_EQ("memtbl: region number 8 is COS_EINVAL",
		 cos_memtbl_map(c->memtbl, COS_BOOT_POOL, 8, c->ram, COS_REGION_ATTR(12, 0, rw)), COS_EINVAL);
	CHECK_EQ("memtbl: kernel-typed pool blocks are COS_ETYPE",
		 cos_memtbl_map(c->memtbl, COS_BOOT_POOL, 4, LAYOUT_FREE_RAM, COS_REGION_ATTR(12, 0, rw)), COS_ETYPE);
}

static void object_checks(struct boot_comp *c)
{
	uint32_t t = 0, t2 = boot_slot();

	CHECK_EQ("comp: server stacks set twice is COS_EEXIST",
		 cos_op_comp_stacks(c->comp, c->h->srv_stacks, 9, 1, 0), COS_EEXIST);
	CHECK_EQ("comp: binding a thread id past the limit is COS_EINVAL",
		 cos_op_comp_bind(c->comp, COS_MAX_TID, 0, 0, 0), COS_EINVAL);
	CHECK_EQ("comp: binding a stack that does not exist is COS_EINVAL",
		 cos_op_comp_bind(c->comp, 1, 200, 0, 0), COS_EINVAL);
	CHECK_EQ("comp: bind thread 9 to stack 0", cos_op_comp_bind(c->comp, 9, 0, 0, 0), COS_OK);
	CHECK_EQ("comp: a stack bound to another thread is COS_EBUSY", cos_op_comp_bind(c->comp, 10, 0, 0, 0),
		 COS_EBUSY);
	CHECK_EQ("comp: rebinding the same thread to another stack", cos_op_comp_bind(c->comp, 9, 1, 0, 0), COS_OK);
	CHECK_EQ("comp: ... frees its old stack for another thread", cos_op_comp_bind(c->comp, 10, 0, 0, 0), COS_OK);
	CHECK_EQ("comp: unbinding (COS_NO_STACK)", cos_op_comp_bind(c->comp, 9, COS_NO_STACK, 0, 0), COS_OK);
	CHECK_EQ("thd: create", boot_thd_create(c, 5, 5, 10, 0, &t), COS_OK);
	CHECK_EQ("thd: a thread id in use is COS_EEXIST",
		 cos_op_act_thd(SELF, boot_kmem(1), t2, c->comp | (5u << 16), 6), COS_EEXIST);
	CHECK_EQ("thd: a thread id past the limit is COS_EINVAL",
		 cos_op_act_thd(SELF, boot_kmem(1), t2, c->comp | ((uint32_t)COS_MAX_TID << 16), 6), COS_EINVAL);
	CHECK_EQ("thd: starting twice is COS_ESTATE", cos_op_thd_start(t, c->h->entry, c->h->stack_top, 0, 0), COS_ESTATE);
	CHECK_EQ("thd: deactivate a thread that is not running", cos_deactivate(SELF, t), COS_OK);
	CHECK_EQ("thd: its id is free again",
		 cos_op_act_thd(SELF, boot_kmem(1), t2, c->comp | (5u << 16), 6), COS_OK);
	CHECK_EQ("thd: a stack outside user memory is COS_ERANGE",
		 cos_op_thd_start(t2, c->h->entry, BOARD_KERNEL_RAM_BASE + 0x800, 0, 0), COS_ERANGE);
	CHECK_EQ("thd: a misaligned stack is COS_EALIGN", cos_op_thd_start(t2, c->h->entry, c->h->stack_top - 4, 0, 0),
		 COS_EALIGN);
	CHECK_EQ("thd: the scheduler thread is referenced, so it cannot be deactivated (COS_EBUSY)",
		 cos_deactivate(SELF, COS_BOOT_THD), COS_EBUSY);
	cos_cap_copy(SELF, COS_BOOT_HW, SELF, t, COS_R_READ);
	CHECK_EQ("hw: halting needs COS_R_SCHED", cos_halt(t, 1), COS_ERIGHTS);
}

int cos_main(uint32_t first_kernel_block)
{
	struct boot_comp c;

	boot_init(first_kernel_block);
	if (boot_comp_create(&c, 0, 1))
		cos_halt(COS_BOOT_HW, 100);
	captbl_checks(&c);
	kmem_checks(&c);
	memtbl_checks(&c);
	object_checks(&c);
	cos_printf("booter: %d failures\n", test_failures());
	cos_halt(COS_BOOT_HW, test_failures());
	return 0;
}
