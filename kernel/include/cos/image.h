/*
 * image.h - the header at the start of every component's code.
 *
 * Contract: the component's linker script puts this header first in its
 * flash region.  The kernel reads the booter's header to start it; the
 * booter reads the others'.  All addresses are absolute.
 */
#ifndef COS_IMAGE_H
#define COS_IMAGE_H

#define COS_IMAGE_MAGIC 0x31534f43 /* "COS1" */

#ifndef __ASSEMBLER__
#include <stdint.h>

struct cos_image_header {
	uint32_t magic;
	uint32_t entry;           /* _start(arg): initialises data, calls main(arg) */
	uint32_t stack_top;       /* the initial thread's stack */
	uint32_t srv_stacks;      /* server stacks for threads that invoke it */
	uint32_t srv_stack_log2;
	uint32_t srv_stack_count;
	uint32_t exports;         /* 0, or a table: count, then gate entry addresses */
};
#endif

#endif
