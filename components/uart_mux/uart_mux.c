/*
 * uart_mux.c - the UART mux: N clients share one UART (docs/uart.md,
 * section 3).  Exports "console" (identify = true: one struct mux_client per
 * client, sized by the graph) and depends on "uart" (the driver, which it
 * must call "uart" in the graph: the buffer it shares with it is
 * COS_SHARED_uart) and on "sched".
 *
 * Clients' calls run on their own threads: they copy bytes between the
 * client's shared buffer and its queues here (mux_core.c), and a write wakes
 * the mux's thread.  The mux's thread (named "mux" in the graph) does all the
 * rest: it builds frames round-robin into the first half of the driver
 * buffer and hands them to uart_write, reads received bytes through the second
 * half and parses them into the clients' receive queues, and wakes clients.
 * The driver wakes it when bytes arrive and when room appears in its ring.
 * It blocks in the scheduler after each pass.
 */
#include "cos_gen.h"
#include "mux_core.h"
#include "../../interfaces/uart/uart.h"

#ifndef COS_SHARED_uart
_Static_assert(0, "uart_mux: name the driver component 'uart' and share a buffer with it (docs/uart.md)");
#endif
#ifndef COS_TID_mux
_Static_assert(0, "uart_mux: name the mux's thread 'mux' (docs/uart.md)");
#endif

#define DRV      ((uint8_t *)COS_SHARED_uart)
#define TX_OFF   0u
#define TX_SIZE  (COS_SHARED_uart_SIZE / 2)
#define RX_OFF   (COS_SHARED_uart_SIZE / 2)
#define RX_SIZE  (COS_SHARED_uart_SIZE / 2)
#define TX_ROUNDS 8u /* hand-overs to the driver per pass, before receive is looked at again */
#define RX_ROUNDS 4u  /* reads from the driver per pass */

_Static_assert(TX_SIZE >= MUX_FRAME_MAX, "uart_mux: share at least 2 * MUX_FRAME_MAX bytes with the driver");

static struct mux_client clients[COS_NCLIENTS_console + 1];
static struct mux mux;
static uint32_t stage_len, stage_off; /* frames in the driver buffer, and how much the driver took */

void cos_init(void)
{
	mux_init(&mux, clients, COS_NCLIENTS_console);
	mux_hello(&mux);
}

int32_t console_write(const void *data, uint32_t data_length, uint32_t client)
{
	struct mux_client *c = &clients[client];
	uint32_t n;

	if (!mux_enter(c))
		return COS_EBUSY;
	n = mux_write(c, data, data_length);
	if (n < data_length) {
		/* Ask for a wakeup first, then look again: room made in between is not missed. */
		__atomic_store_n(&c->want_room, 1, __ATOMIC_SEQ_CST);
		n += mux_write(c, (const uint8_t *)data + n, data_length - n);
	}
	mux_leave(c);
	if (n)
		cos_sched_wakeup(COS_TID_mux);
	return (int32_t)n;
}

int32_t console_read(void *data, uint32_t data_length, uint32_t client)
{
	struct mux_client *c = &clients[client];
	uint32_t n;

	if (!mux_enter(c))
		return COS_EBUSY;
	n = mux_read(c, data, data_length);
	mux_leave(c);
	return (int32_t)n;
}

int32_t console_abort(uint32_t client)
{
	struct mux_client *c = &clients[client];
	uint32_t n;

	if (!mux_enter(c))
		return COS_EBUSY;
	n = mux_abort(c);
	mux_leave(c);
	return (int32_t)n;
}

int32_t console_notify(uint32_t tid, uint32_t client)
{
	if (tid >= COS_MAX_TID)
		return COS_EINVAL;
	__atomic_store_n(&clients[client].notify, tid, __ATOMIC_RELEASE);
	return COS_OK;
}

uint32_t console_stat(uint32_t what, uint32_t client)
{
	const struct mux_client *c = &clients[client];

	switch (what) {
	case CONSOLE_STAT_CLIENT: return client;
	case CONSOLE_STAT_TX_QUEUED: return mux_tx_queued(c);
	case CONSOLE_STAT_TX_ACCEPTED: return c->tx_accepted;
	case CONSOLE_STAT_TX_SENT: return c->tx_sent;
	case CONSOLE_STAT_TX_ABORTED: return c->tx_aborted;
	case CONSOLE_STAT_RX_QUEUED: return mux_rx_queued(c);
	case CONSOLE_STAT_RX_BYTES: return c->rx_bytes;
	case CONSOLE_STAT_RX_FRAMES: return c->rx_frames;
	case CONSOLE_STAT_RX_DROP_BYTES: return c->rx_drop_bytes;
	case CONSOLE_STAT_RX_DROP_FRAMES: return c->rx_drop_frames;
	case CONSOLE_STAT_NCLIENTS: return mux.nclients;
	case CONSOLE_STAT_UNKNOWN: return mux.unknown;
	case CONSOLE_STAT_BAD: return mux.bad;
	case CONSOLE_STAT_STRAY: return mux.stray;
	case CONSOLE_STAT_TOOLONG: return mux.toolong;
	case CONSOLE_STAT_CLIENT_BYTES: return (uint32_t)sizeof(struct mux_client);
	case CONSOLE_STAT_TXQ_SIZE: return MUX_TXQ;
	case CONSOLE_STAT_RXQ_SIZE: return MUX_RXQ;
	default: return (uint32_t)COS_EINVAL;
	}
}

/* Received bytes into the parser; 1 when it stopped at its bound with more to read. */
static uint32_t receive(void)
{
	uint32_t i;
	int32_t n;

	for (i = 0; i < RX_ROUNDS; i++) {
		n = uart_read(RX_OFF, RX_SIZE);
		if (n <= 0)
			return 0;
		mux_input(&mux, DRV + RX_OFF, (uint32_t)n);
		if ((uint32_t)n < RX_SIZE)
			return 0;
	}
	return 1;
}

/* Frames to the driver until it is full or nothing is queued; 1 when it
 * stopped at its bound with more to send. */
static uint32_t transmit(void)
{
	uint32_t i;
	int32_t n;

	for (i = 0; i < TX_ROUNDS; i++) {
		if (stage_off == stage_len) {
			stage_off = 0;
			stage_len = mux_frames(&mux, DRV + TX_OFF, TX_SIZE);
			if (!stage_len)
				return 0;
		}
		n = uart_write(TX_OFF + stage_off, stage_len - stage_off);
		if (n <= 0)
			return 0; /* full: the driver wakes us when room appears */
		stage_off += (uint32_t)n;
		if (stage_off < stage_len)
			return 0;
	}
	return 1;
}

/* Wake the clients with news: frames delivered or dropped, room after a short write. */
static void wake_clients(void)
{
	uint32_t i, tid;

	for (i = 0; i < mux.nclients; i++) {
		struct mux_client *c = &clients[i];
		int wake = 0;

		if (c->event) {
			c->event = 0;
			wake = 1;
		}
		if (__atomic_load_n(&c->want_room, __ATOMIC_SEQ_CST) && mux_tx_queued(c) <= MUX_TXQ / 2) {
			__atomic_store_n(&c->want_room, 0, __ATOMIC_SEQ_CST);
			wake = 1;
		}
		tid = __atomic_load_n(&c->notify, __ATOMIC_ACQUIRE);
		if (wake && tid)
			cos_sched_wakeup(tid);
	}
}

int cos_main(uint32_t arg)
{
	(void)arg;
	uart_notify(COS_TID_mux);
	/* A wakeup that comes while a pass runs is kept by the scheduler (its
	 * next block returns at once), so one pass per wakeup is enough; a pass
	 * that stopped at a bound goes on without blocking. */
	for (;;) {
		uint32_t more = receive();

		more |= transmit();
		wake_clients();
		if (!more)
			cos_sched_block();
	}
	return 0;
}
