/* booter.c - component construction helpers (see booter.h). */
#include "booter.h"

#define SELF COS_BOOT_CAPTBL

struct boot_comp boot_self;
static uint32_t next_slot, next_block, last_block;

static int say(int err, const char *what)
{
	if (err < 0)
		cos_printf("booter: %s failed: %d\n", what, err);
	return err;
}

uint32_t boot_block(uint32_t addr)
{
	return (addr - BOARD_POOL_BASE) / 128u;
}

static uint32_t log2_of(uint32_t v)
{
	uint32_t n = 0;

	while ((1u << n) < v)
		n++;
	return n;
}

void boot_init(uint32_t kernel_first_block)
{
	boot_init_kmem(kernel_first_block, LAYOUT_FREE_RAM,
		       kernel_first_block * 128u + BOARD_POOL_BASE - LAYOUT_FREE_RAM);
}

void boot_init_kmem(uint32_t kernel_first_block, uint32_t base, uint32_t size)
{
	next_slot = COS_BOOT_DEV0 + BOARD_NDEVICES;
	next_block = boot_block(base);
	last_block = boot_block(base + size);
	if (last_block > kernel_first_block)
		last_block = kernel_first_block;
	cos_console_cap(COS_BOOT_HW);
	boot_self.captbl = COS_BOOT_CAPTBL;
	boot_self.memtbl = COS_BOOT_MEMTBL;
	boot_self.comp = COS_BOOT_COMP;
	boot_self.ram = LAYOUT_BOOTER_RAM;
	boot_self.ram_size = LAYOUT_BOOTER_RAM_SIZE;
	boot_self.h = (const struct cos_image_header *)LAYOUT_BOOTER_FLASH;
	/* Read access to every component's code, to find their headers and exports:
	 * 512 KiB from the start of flash, without the eighth holding the kernel. */
	say(cos_memtbl_map(COS_BOOT_MEMTBL, COS_BOOT_FLASH, 2, BOARD_FLASH_BASE,
			   COS_REGION_ATTR(19, 0x01, COS_R_READ)), "map component code");
	say(cos_op_comp_stacks(COS_BOOT_COMP, boot_self.h->srv_stacks, boot_self.h->srv_stack_log2,
			       boot_self.h->srv_stack_count, 0), "booter server stacks");
}

uint32_t boot_slot(void)
{
	return next_slot++;
}

uint32_t boot_kmem(uint32_t nblocks)
{
	uint32_t b = next_block;

	if (b + nblocks > last_block) {
		cos_printf("booter: out of kernel memory\n");
		return 0xffffffffu;
	}
	next_block += nblocks;
	say(cos_retype(COS_BOOT_POOL, b, nblocks, COS_KMEM_KERNEL), "retype kernel memory");
	return COS_KMEM(COS_BOOT_POOL, b);
}

int boot_comp_create(struct boot_comp *c, uint32_t slot, uint32_t id)
{
	int err;

	c->id = id;
	c->ram = LAYOUT_SLOT_RAM(slot);
	c->ram_size = LAYOUT_SLOT_RAM_SIZE;
	c->h = (const struct cos_image_header *)LAYOUT_SLOT_FLASH(slot);
	c->next_stack = 0;
	c->nthreads = 0;
	if (c->h->magic != COS_IMAGE_MAGIC) {
		cos_printf("booter: no component in slot %u\n", slot);
		return COS_EINVAL;
	}
	c->captbl = boot_slot();
	c->memtbl = boot_slot();
	c->comp = boot_slot();
	if ((err = say(cos_op_act_captbl(SELF, boot_kmem(2), c->captbl, 2, 0), "capability table")) ||
	    (err = say(cos_op_act_memtbl(SELF, boot_kmem(1), c->memtbl, 0, 0), "memory table")) ||
	    (err = say(cos_retype(COS_BOOT_POOL, boot_block(c->ram), c->ram_size / 128u, COS_KMEM_USER),
		       "retype RAM")) ||
	    (err = say(cos_memtbl_map(c->memtbl, COS_BOOT_FLASH, 0, LAYOUT_SLOT_FLASH(slot),
				      COS_REGION_ATTR(log2_of(LAYOUT_SLOT_FLASH_SIZE), 0,
						      COS_R_READ | COS_R_EXEC)), "map code")) ||
	    (err = say(cos_memtbl_map(c->memtbl, COS_BOOT_POOL, 1, c->ram,
				      COS_REGION_ATTR(log2_of(c->ram_size), 0, COS_R_READ | COS_R_WRITE)),
		       "map RAM")) ||
	    (err = say(cos_op_act_comp(SELF, boot_kmem(1), c->comp, c->captbl | (c->memtbl << 16), id),
		       "component")) ||
	    (err = say(cos_op_comp_stacks(c->comp, c->h->srv_stacks, c->h->srv_stack_log2,
					  c->h->srv_stack_count, 0), "server stacks")))
		return err;
	cos_printf("booter: component %u: code %x r-x, RAM %x rw-, %u server stacks\n", id,
		   LAYOUT_SLOT_FLASH(slot), c->ram, c->h->srv_stack_count);
	return COS_OK;
}

static int take_stack(struct boot_comp *c, uint32_t *index)
{
	if (c->next_stack >= c->h->srv_stack_count) {
		cos_printf("booter: component %u has no stack left\n", c->id);
		return COS_ENOMEM;
	}
	*index = c->next_stack++;
	return COS_OK;
}

int boot_bind(struct boot_comp *s, uint32_t tid)
{
	uint32_t index;
	int err = take_stack(s, &index);

	return err ? err : say(cos_op_comp_bind(s->comp, tid, index, 0, 0), "bind stack");
}

int boot_thd_create(struct boot_comp *c, uint32_t tid, uint32_t id, uint32_t prio, uint32_t arg,
		    uint32_t *thd)
{
	uint32_t sp = c->h->stack_top, index;
	int err;

	*thd = boot_slot();
	if (c->nthreads++ > 0) { /* later threads live on a server stack of their own */
		if ((err = take_stack(c, &index)))
			return err;
		sp = c->h->srv_stacks + ((index + 1) << c->h->srv_stack_log2);
	}
	if ((err = say(cos_op_act_thd(SELF, boot_kmem(1), *thd, c->comp | (tid << 16), id), "thread")) ||
	    (err = say(cos_op_thd_start(*thd, c->h->entry, sp, arg, 0), "thread start")))
		return err;
	return say(cos_thd_prio(*thd, prio), "thread priority");
}

uint32_t boot_export(const struct boot_comp *c, uint32_t i)
{
	const uint32_t *ex = (const uint32_t *)c->h->exports;

	if (!ex || i >= ex[0]) {
		cos_printf("booter: component %u has no export %u\n", c->id, i);
		return 0;
	}
	return ex[1 + i];
}

int boot_gate(struct boot_comp *client, uint32_t slot, struct boot_comp *server, uint32_t export,
	      uint32_t token)
{
	return say(cos_op_act_sinv(client->captbl, slot, server->comp, boot_export(server, export), token),
		   "gate");
}

int boot_give(struct boot_comp *c, uint32_t slot, uint32_t from, uint32_t rights)
{
	return say(cos_cap_copy(SELF, from, c->captbl, slot, rights), "capability copy");
}

int boot_map_device(struct boot_comp *c, uint32_t region, uint32_t dev, uint32_t perms)
{
	return say(cos_memtbl_map(c->memtbl, COS_BOOT_DEV0 + dev, region, board_devices_base(dev),
				  COS_REGION_ATTR(log2_of(board_devices_size(dev)), 0, perms)),
		   "map device");
}
