/*
 * fault.h - the fault test's layout, shared by its booter and components:
 * which slot holds which component, thread ids, capability slots, and the
 * addresses the attacks aim at.  Component id = slot + 1; thread id = tid.
 */
#ifndef FAULT_H
#define FAULT_H

#include <stdint.h>
#include "layout.h"
#include "test.h"

#define S_ATTACKER 0 /* faults on purpose: read, write, jump into the victim */
#define S_VICTIM   1 /* owns the memory attacked; checks it afterwards */
#define S_HANDLER  2 /* fault gate of the attacker and pager of the resumer */
#define S_LONER    3 /* no fault gate: one thread faults, one survives */
#define S_SERVER   4 /* faults in an invocation, no fault gate */
#define S_GSERVER  5 /* faults in an invocation, fault gate in the client */
#define S_CLIENT   6
#define S_RESUMER  7 /* faults once; its pager maps the page and resumes it */
#define ID_OF(slot) ((uint32_t)(slot) + 1u)

#define T_READ     1
#define T_WRITE    2
#define T_JUMP     3
#define T_VICTIM   4
#define T_CHECKER  5
#define T_LONER    6
#define T_SURVIVOR 7
#define T_CLIENT   8
#define T_RESUMER  9

/* Capability slots in the components' tables. */
#define SLOT_EVENTS  TEST_SLOT_FIRST       /* victim, loner: booter gate, scheduler events of a tid */
#define SLOT_POOL    (TEST_SLOT_FIRST + 0) /* handler: memory pool, R|W only */
#define SLOT_RES_MT  (TEST_SLOT_FIRST + 1) /* handler: the resumer's memory table */
#define SLOT_PAGER   TEST_SLOT_FIRST       /* resumer: gate to pager_query */
#define SLOT_A_LOAD  (TEST_SLOT_FIRST + 0) /* client: gates to the two servers */
#define SLOT_A_ADD   (TEST_SLOT_FIRST + 1)
#define SLOT_B_LOAD  (TEST_SLOT_FIRST + 2)
#define SLOT_B_ADD   (TEST_SLOT_FIRST + 3)

/* Attacker thread argument: read, write, or else the address to jump to. */
#define ATTACK_READ  0
#define ATTACK_WRITE 1

/* The victim's canary is its first .data object, at the start of its RAM. */
#define VICTIM_CANARY LAYOUT_SLOT_RAM(S_VICTIM)
#define CANARY0 0xC0FFEE00u
#define CANARY1 0xC0FFEE01u
#define CANARY_BAD 0xBADBAD00u

/* Resume test: what the pager puts in the page; r4 + i is R4_VALUE + i. */
#define PAGE_MAGIC 0x9A6E0001u
#define PAGE_ACK   0x9A6E0002u
#define R4_VALUE   0xC0DE0004u
#define PAGER_REGION 2 /* regions 0 and 1 are the resumer's code and RAM */
/* pager_query(what) */
#define Q_PAGE   0
#define Q_COUNT  1
#define Q_CAUSE  2
#define Q_ADDR   3
#define Q_COMP   4
#define Q_MAPERR 5
#define Q_WORD1  6
#define Q_REGS   16 /* + i: word i of the registers delivered with the fault */

/* Words of the register block a fault gate gets at r2 (kernel/inv.c). */
#define FR_R0 0
#define FR_R1 1
#define FR_LR 5
#define FR_PC 6
#define FR_R4 8
#define FR_TID 16
#define FR_COMP 17
#define FR_WORDS 18

static inline int in_code_of(uint32_t pc, uint32_t slot)
{
	return pc - LAYOUT_SLOT_FLASH(slot) < LAYOUT_SLOT_FLASH_SIZE;
}

#endif
