/* endpoint.c - asynchronous sends, receives, and interrupts as sends. */
#include "endpoint.h"
#include "switch.h"
#include "syscall.h"

#define EP_PENDING_MAX 0x7fffffffu

void ep_signal(struct endpoint *ep)
{
	struct thread *t = ep->thd;

	if (ep->pending < EP_PENDING_MAX)
		ep->pending++;
	if (t->state == THD_BLOCKED && t->blocked_on == ep) {
		uint32_t n = ep->pending;

		ep->pending = 0;
		kwake(t, n);
	}
}

int ep_receive(struct thread *t, struct endpoint *ep)
{
	if (ep->thd != t)
		return COS_EPERM;
	if (ep->irq != EP_NO_IRQ)
		arch_irq_enable((uint32_t)ep->irq);
	if (ep->pending) {
		uint32_t n = ep->pending;

		ep->pending = 0;
		return (int)n;
	}
	if (t == k.sched)
		return COS_EAGAIN;
	t->state = THD_BLOCKED;
	t->blocked_on = ep;
	kevent(t, COS_EV_BLOCKED);
	kswitch_sched();
	return 0; /* replaced by the count when a send wakes it */
}

void kirq(uint32_t irq)
{
	struct endpoint *ep = irq < BOARD_NIRQ ? k.irq_ep[irq] : 0;

	arch_irq_disable(irq); /* until the receiver's next arcv */
	if (ep)
		ep_signal(ep);
}
