/*
 * booter.h - building components through the kernel's operations.
 *
 * Contract: the booter holds all memory and device capabilities.  These
 * helpers create, in the booter's own capability table, each component's
 * tables, the component, its threads and the gates between components, and
 * give components copies of capabilities.  Kernel objects come from pool
 * blocks above LAYOUT_FREE_RAM, retyped as they are needed; component RAM
 * is the slot's RAM, retyped to user.  Every helper returns the kernel's
 * error unchanged, after printing what it was doing.
 */
#ifndef BOOTER_H
#define BOOTER_H

#include <stdint.h>
#include <cos/cos.h>
#include <cos/image.h>
#include "layout.h"
#include "board.h"

struct boot_comp {
	uint32_t captbl, memtbl, comp; /* slots in the booter's table */
	uint32_t id;
	uint32_t ram, ram_size;
	const struct cos_image_header *h;
	uint32_t next_stack;           /* next free server stack */
	uint32_t nthreads;             /* threads whose home it is */
};

/* The booter's own component (exports and stacks come from its header). */
extern struct boot_comp boot_self;

void boot_init(uint32_t kernel_first_block);
/* The same, with kernel objects made in [base, base+size) of the pool. */
void boot_init_kmem(uint32_t kernel_first_block, uint32_t base, uint32_t size);
uint32_t boot_slot(void);
uint32_t boot_kmem(uint32_t nblocks);
int boot_comp_create(struct boot_comp *c, uint32_t slot, uint32_t id);
int boot_thd_create(struct boot_comp *c, uint32_t tid, uint32_t id, uint32_t prio, uint32_t arg,
		    uint32_t *thd);
/* Give thread tid a stack in server s, so it can invoke s. */
int boot_bind(struct boot_comp *s, uint32_t tid);
/* Install in client's slot a gate to export i of server. */
int boot_gate(struct boot_comp *client, uint32_t slot, struct boot_comp *server, uint32_t export,
	      uint32_t token);
uint32_t boot_export(const struct boot_comp *c, uint32_t i);
/* Copy the booter's capability `from` into c's slot with `rights`. */
int boot_give(struct boot_comp *c, uint32_t slot, uint32_t from, uint32_t rights);
/* Map board device dev into c's region with perms. */
int boot_map_device(struct boot_comp *c, uint32_t region, uint32_t dev, uint32_t perms);
/* Block number of an address in the pool. */
uint32_t boot_block(uint32_t addr);

#endif
