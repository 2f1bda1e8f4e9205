/*
 * sinv.S - client side of a synchronous invocation: keep r4-r11 (the server
 * may change them), put the gate (the fifth argument) in r12, trap.  The
 * four argument words are already in r0-r3; results come back in r0 and r1.
 */
	.syntax unified
	.thumb
	.text

	.thumb_func
	.global cos_sinv_call
	.global cos_sinv2_call
cos_sinv_call:
cos_sinv2_call:
	push {r4-r11, lr}
	ldr r12, [sp, #36]      /* the gate: fifth argument, on the stack */
	svc 1
	pop {r4-r11, pc}
