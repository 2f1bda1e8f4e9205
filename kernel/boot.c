/*
 * boot.c - the kernel's start: check the hardware, set up the typed-memory
 * pool, build the booter (the only component the kernel starts) with the same
 * object operations components use, and run it.
 */
#include "activate.h"
#include "switch.h"
#include "kprintf.h"
#include <cos/image.h>

/* From the image's linker script: where the booter was placed. */
extern const struct cos_image_header _booter_flash;
extern const char _booter_flash_size[], _booter_ram[], _booter_ram_size[];
extern const char _kernel_text_size[], _kernel_ram_used[];

static uint8_t kmem_meta[BOARD_POOL_SIZE >> KMEM_BLOCK_SHIFT];

/* Reference counts are 16 bits: every reference is a capability slot, a
 * reference held by a kernel object (at most three each), a thread's
 * invocation frame, an interrupt line or the scheduler role; all of them
 * together fit, with room to spare for the last two (kobj.h). */
_Static_assert(BOARD_POOL_SIZE / sizeof(struct cap) + 3 * (BOARD_POOL_SIZE >> KMEM_BLOCK_SHIFT) +
		       COS_MAX_TID * (COS_INV_DEPTH + 1) < 0x10000,
	       "reference counts could overflow with this pool size");

#define BOOT_CAPTBL_BLOCKS 16
#define BOOT_OBJ_BLOCKS (BOOT_CAPTBL_BLOCKS + KOBJ_BLOCKS(struct memtbl) + \
			 KOBJ_BLOCKS(struct comp) + KOBJ_BLOCKS(struct thread))

static uint32_t log2_exact(uint32_t v)
{
	uint32_t n = 0;

	while ((1u << n) < v)
		n++;
	return (1u << n) == v ? n : 0;
}

static void boot_check(int err, const char *what)
{
	if (err) {
		kprintf("kernel: boot: %s failed with %d\n", what, err);
		kpanic("cannot build the booter");
	}
}

/* Build the booter's tables, component and thread in the top blocks of the pool. */
static void boot_booter(void)
{
	const struct cos_image_header *h = &_booter_flash;
	uint32_t flash = (uint32_t)h, flash_size = (uint32_t)_booter_flash_size;
	uint32_t ram = (uint32_t)_booter_ram, ram_size = (uint32_t)_booter_ram_size;
	uint32_t first = k.pool.nblocks - BOOT_OBJ_BLOCKS, b = first, i;
	struct captbl *ct;
	struct memtbl *mt;
	struct comp *c;
	struct thread *t;
	struct cap *s;

	if (h->magic != COS_IMAGE_MAGIC || !log2_exact(flash_size) || !log2_exact(ram_size))
		kpanic("no valid booter in the image");
	boot_check(kmem_retype(&k.pool, first, BOOT_OBJ_BLOCKS, COS_KMEM_KERNEL), "retype kernel blocks");
	boot_check(kmem_retype(&k.pool, (ram - BOARD_POOL_BASE) >> KMEM_BLOCK_SHIFT,
			       ram_size >> KMEM_BLOCK_SHIFT, COS_KMEM_USER), "retype booter RAM");

	boot_check(kmem_obj_alloc(&k.pool, b, BOOT_CAPTBL_BLOCKS, (void **)&ct), "capability table");
	ct->hdr.type = COS_CAP_CAPTBL;
	captbl_init(ct, BOOT_CAPTBL_BLOCKS);
	ct->hdr.refcnt = 0;
	ct->hdr.owners = 0;
	b += BOOT_CAPTBL_BLOCKS;
	captbl_free_slot(ct, COS_BOOT_CAPTBL, &s);
	captbl_install(ct, s, COS_CAP_CAPTBL, COS_R_ALL, &ct->hdr, 0, 0, 0);
	captbl_free_slot(ct, COS_BOOT_POOL, &s);
	captbl_install(ct, s, COS_CAP_MEM, COS_R_ALL, 0, BOARD_POOL_BASE, BOARD_POOL_SIZE, COS_MEM_POOL);
	captbl_free_slot(ct, COS_BOOT_FLASH, &s);
	captbl_install(ct, s, COS_CAP_MEM, COS_R_READ | COS_R_EXEC, 0, BOARD_USER_FLASH_BASE,
		       BOARD_USER_FLASH_SIZE, COS_MEM_FLASH);
	captbl_free_slot(ct, COS_BOOT_HW, &s);
	captbl_install(ct, s, COS_CAP_HW, COS_R_ALL, 0, 0, BOARD_NIRQ, 0);
	for (i = 0; i < BOARD_NDEVICES; i++) {
		captbl_free_slot(ct, COS_BOOT_DEV0 + i, &s);
		captbl_install(ct, s, COS_CAP_MEM, COS_R_READ | COS_R_WRITE, 0, board_devices[i].base,
			       board_devices[i].size, COS_MEM_DEVICE);
	}

	boot_check(act_memtbl(ct, ct, COS_KMEM(COS_BOOT_POOL, b), COS_BOOT_MEMTBL, &mt), "memory table");
	b += KOBJ_BLOCKS(struct memtbl);
	boot_check(memtbl_map(mt, &k.pool, &ct->slot[COS_BOOT_FLASH], 0, flash,
			      COS_REGION_ATTR(log2_exact(flash_size), 0, COS_R_READ | COS_R_EXEC)),
		   "map booter code");
	boot_check(memtbl_map(mt, &k.pool, &ct->slot[COS_BOOT_POOL], 1, ram,
			      COS_REGION_ATTR(log2_exact(ram_size), 0, COS_R_READ | COS_R_WRITE)),
		   "map booter RAM");
	boot_check(act_comp(ct, ct, COS_KMEM(COS_BOOT_POOL, b), COS_BOOT_COMP, ct, mt, 0, &c), "component");
	b += KOBJ_BLOCKS(struct comp);
	boot_check(act_thd(ct, ct, COS_KMEM(COS_BOOT_POOL, b), COS_BOOT_THD, c, 0, 0, &t), "thread");
	boot_check(thd_start(t, h->entry, h->stack_top, first), "thread start");
	t->prio = 0;
	t->hdr.refcnt++;
	k.sched = t;
	kcur = t;

	kprintf("kernel: pool %x-%x, %u blocks of %u bytes; booter objects at block %u\n",
		BOARD_POOL_BASE, BOARD_POOL_BASE + BOARD_POOL_SIZE, k.pool.nblocks, KMEM_BLOCK_SIZE, first);
	kprintf("kernel: booter code %x (%u KiB, r-x), RAM %x (%u KiB, rw-), entry %x\n",
		flash, flash_size >> 10, ram, ram_size >> 10, h->entry);
}

void kmain(void)
{
	board_console_init();
	kprintf("\nkernel: cos on %s: text %u bytes, static RAM %u bytes, thread %u bytes\n",
		BOARD_NAME, (uint32_t)_kernel_text_size, (uint32_t)_kernel_ram_used,
		(uint32_t)KOBJ_BLOCKS(struct thread) * KMEM_BLOCK_SIZE);
	arch_init();
	kmem_init(&k.pool, BOARD_POOL_BASE, BOARD_POOL_SIZE >> KMEM_BLOCK_SHIFT, kmem_meta);
	boot_booter();
	arch_mpu_load(kcur->comp->memtbl);
	arch_start(kcur->psp);
}
