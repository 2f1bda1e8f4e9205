/*
 * endpoint.h - asynchronous endpoints.
 *
 * Contract: an endpoint is bound to one receiving thread.  Sends (from an
 * asnd capability or an attached interrupt line) are counted, never lost; a
 * receive returns the count and clears it, or blocks the thread while it is
 * zero.  An attached interrupt line is masked when it fires and unmasked when
 * the receiving thread next receives, so a level-triggered device cannot
 * starve the system before its driver has run.
 */
#ifndef ENDPOINT_H
#define ENDPOINT_H

#include <stdint.h>
#include "kobj.h"

struct thread;

#define EP_NO_IRQ (-1)

struct endpoint {
	struct kobj hdr;
	uint32_t pending;
	struct thread *thd;
	int32_t irq;
};

/* Count one send; wake the receiver if it waits on this endpoint. */
void ep_signal(struct endpoint *ep);
/* Receive for the running thread t: the count, COS_EAGAIN for the scheduler
 * thread with nothing pending, or block (and switch to the scheduler). */
int ep_receive(struct thread *t, struct endpoint *ep);

#endif
