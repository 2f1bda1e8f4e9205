/*
 * entry.S - ARMv7-M vectors and kernel entry/exit.
 *
 * Every entry from a component saves nothing but what the hardware stacked:
 * r4-r11 stay live in the registers through the C code (they are callee-saved)
 * and are swapped only at exit, and only if the entry switched threads.
 */
	.syntax unified
	.thumb

#include "asm_offsets.h"
#include "board.h"
#include <cos/kabi.h>

	.section .vectors, "a"
	.global vectors
vectors:
	.word _kernel_stack_top
	.word reset_handler
	.word nmi_handler
	.word hardfault_handler
	.word memmanage_handler
	.word busfault_handler
	.word usagefault_handler
	.word 0, 0, 0, 0
	.word svc_handler
	.word 0, 0
	.word pendsv_handler
	.word systick_handler
	.rept BOARD_NIRQ
	.word irq_handler
	.endr

	.text

	.thumb_func
	.global reset_handler
reset_handler:
	cpsid i
	ldr r0, =_kernel_data_lma
	ldr r1, =_kernel_data_start
	ldr r2, =_kernel_data_end
1:	cmp r1, r2
	ittt lo
	ldrlo r3, [r0], #4
	strlo r3, [r1], #4
	blo 1b
	ldr r1, =_kernel_bss_start
	ldr r2, =_kernel_bss_end
	movs r3, #0
2:	cmp r1, r2
	itt lo
	strlo r3, [r1], #4
	blo 2b
	bl kmain
3:	b 3b

/* The call-gate fast path never switches threads: ksinv returns straight to
 * the component (its return pops EXC_RETURN into pc).  Every other operation
 * goes through kop_table; the result goes to the caller's r0. */
	.thumb_func
	.global svc_handler
svc_handler:
	mrs r0, psp
	ldr r1, [r0, #24]
	ldrb r1, [r1, #-2]      /* the svc immediate: the operation */
	cmp r1, #COS_OP_SINV
	beq ksinv
	push {r0, lr}
	cmp r1, #COS_OP_SRET
	beq 2f
	cmp r1, #COS_OP_MAX
	bhi 1f
	ldr r2, =kop_table
	ldr r2, [r2, r1, lsl #2]
	blx r2
	pop {r1, lr}
	str r0, [r1]
	b kexit
1:	pop {r1, lr}
	movs r0, #0
	subs r0, r0, #(-COS_ENOSYS)
	str r0, [r1]
	bx lr
/* sret returns to the caller's frame itself; it switches threads only when a
 * fault handler's return ends a thread (ksret then returns nonzero). */
2:	bl ksret
	pop {r1, lr}
	cbnz r0, kexit
	bx lr

	.thumb_func
irq_handler:
	push {r0, lr}
	mrs r0, ipsr
	subs r0, r0, #16
	bl kirq
	pop {r1, lr}
	b kexit

	.thumb_func
systick_handler:
	push {r0, lr}
	bl ktimeout
	pop {r1, lr}
	b kexit

	.thumb_func
memmanage_handler:
	movs r0, #1
	b fault_common
	.thumb_func
busfault_handler:
	movs r0, #2
	b fault_common
	.thumb_func
usagefault_handler:
	movs r0, #3
	b fault_common
	.thumb_func
hardfault_handler:
	movs r0, #4
	b fault_common
	.thumb_func
nmi_handler:
	b arch_nmi

/* r0: cause.  From a component (thread mode, PSP): deliver; else the kernel faulted. */
	.thumb_func
fault_common:
	tst lr, #4
	beq 1f
	push {r4-r11, lr}
	sub sp, sp, #4          /* keep the stack 8-byte aligned for C */
	add r1, sp, #4
	bl arch_fault
	add sp, sp, #4
	pop {r4-r11, lr}
	b kexit
1:	mov r1, sp
	b arch_kernel_fault

/*
 * Leave the kernel.  If the entry switched threads, kprev is the thread that
 * ran at entry: its r4-r11 are still in the registers, so save them there and
 * load kcur's.
 */
	.thumb_func
kexit:
	ldr r3, =kprev
	ldr r0, [r3]
	cbnz r0, 1f
	bx lr
1:	movs r2, #0
	str r2, [r3]
	adds r0, r0, #THD_REGS
	stmia r0, {r4-r11}
	ldr r3, =kcur
	ldr r3, [r3]
	adds r3, r3, #THD_REGS
	ldmia r3, {r4-r11}
	bx lr

/* Used once, by arch_start: enter the first thread. */
	.thumb_func
pendsv_handler:
	ldr r3, =kcur
	ldr r3, [r3]
	adds r3, r3, #THD_REGS
	ldmia r3, {r4-r11}
	movs r0, #1
	msr control, r0         /* thread mode unprivileged from now on */
	isb
	ldr lr, =0xFFFFFFFD     /* return to thread mode, process stack */
	bx lr

/* r0: psp of the first thread (kcur). */
	.thumb_func
	.global arch_start
arch_start:
	msr psp, r0
	ldr r1, =_kernel_stack_top
	msr msp, r1             /* the boot code's stack is never returned to */
	ldr r1, =0xE000ED04
	ldr r2, =(1 << 28)      /* ICSR.PENDSVSET */
	str r2, [r1]
	dsb
	isb
	cpsie i
4:	b 4b
