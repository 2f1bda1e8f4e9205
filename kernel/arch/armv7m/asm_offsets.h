/* asm_offsets.h - structure offsets the assembly uses; checked in switch.c. */
#ifndef ASM_OFFSETS_H
#define ASM_OFFSETS_H

#define THD_REGS 20 /* offsetof(struct thread, regs) */

#endif
