/*
 * sinv.S - client side of a synchronous invocation: keep r4-r11 (the server
 * may change them), put the gate in r12, trap.  Arguments are already in
 * r0-r3; the results come back in r0 and r1.
 */
	.syntax unified
	.thumb
	.text

	.thumb_func
	.global cos_sinv
	.global cos_sinv2
cos_sinv:
cos_sinv2:
	push {r4-r11, lr}
	mov r12, r0
	mov r0, r1
	mov r1, r2
	mov r2, r3
	ldr r3, [sp, #36]
	svc 1
	pop {r4-r11, pc}
