/* svc_stack.h - what the attacker, the victim and the booter agree on. */
#ifndef SVC_STACK_H
#define SVC_STACK_H

#include "test.h"
#include "layout.h"
#include "board.h"

#define CANARY_WORDS 16
#define CANARY(i) (0xc0de0000u + (i))
#define VICTIM_RAM LAYOUT_SLOT_RAM(1) /* the canary is the victim's first data */

/* Stack pointers the attacker traps with: its frame would land on them. */
#define SP_KERNEL (BOARD_KERNEL_RAM_BASE + 0x400)
#define SP_VICTIM (VICTIM_RAM + CANARY_WORDS * 4)
#define SP_NOWHERE 0x60000000u /* no memory, no device */

enum { TID_KERNEL = 1, TID_VICTIM_SP, TID_NOWHERE, TID_CHECKER };
#define NATTACKS 3

#endif
