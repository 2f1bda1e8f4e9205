/*
 * mux_core.h - the UART mux's policy, without the system around it: the
 * per-client queues, the round-robin framer and the receive parser.  Plain C
 * with no kernel calls, so that the host unit tests (tests/unit/uart_mux)
 * run exactly the code the component runs.  The rules it implements are
 * docs/uart.md, section 3; the wire format is interfaces/console/console.h.
 *
 * Who touches what (the component, uart_mux.c, keeps to it):
 *  - a client's transmit queue: its calls add bytes (tx_tail, only while the
 *    client holds its busy word); the mux thread takes them into frames
 *    (tx_head, by compare-and-swap); an abort moves tx_head to tx_tail, also
 *    by compare-and-swap, so a frame built from aborted bytes is discarded;
 *  - a client's receive queue: the mux thread adds whole frames (rx_tail), the
 *    client's reads take bytes (rx_head, under its busy word);
 *  - everything else (the parser, the round-robin position, the mux's own
 *    counters): the mux thread only.
 */
#ifndef MUX_CORE_H
#define MUX_CORE_H

#include <stdint.h>
#include "../../interfaces/console/console.h"

#define MUX_TXQ    128u /* a client's transmit queue, bytes (a power of two) */
#define MUX_RXQ    64u  /* a client's receive queue, bytes (a power of two) */
#define MUX_CHUNK  32u  /* payload of a transmitted frame at most: the round-robin quantum */
#define MUX_RX_MAX 64u  /* payload of a received frame at most (no more than MUX_RXQ) */
#define MUX_MAX_CLIENTS 255u /* channels 0 .. 254; 255 is the mux's own */
#define MUX_FRAME_MAX (CONSOLE_HDR + MUX_CHUNK)

struct mux_client {
	uint32_t tx_head, tx_tail; /* free-running: queued = tail - head */
	uint32_t rx_head, rx_tail;
	uint32_t busy;      /* 1 while a call of this client runs in the mux */
	uint32_t notify;    /* thread id to wake (0: none) */
	uint32_t want_room; /* a write came up short: wake when room appears */
	uint32_t event;     /* a frame of it was delivered or dropped: wake it */
	uint32_t tx_accepted, tx_sent, tx_aborted;
	uint32_t rx_bytes, rx_frames, rx_drop_bytes, rx_drop_frames;
	uint8_t txq[MUX_TXQ];
	uint8_t rxq[MUX_RXQ];
};

enum { MUX_RX_HUNT, MUX_RX_CHANNEL, MUX_RX_LENGTH, MUX_RX_CHECK, MUX_RX_PAYLOAD };

struct mux {
	struct mux_client *clients; /* nclients + 1 of them: the last is the mux's own channel */
	uint32_t nclients;
	uint32_t rr; /* whose turn is next: 0 .. nclients (nclients: the mux's channel) */
	/* the receive parser */
	uint32_t state, ch, len, check, pos, sum;
	uint8_t frame[MUX_RX_MAX];
	/* what the parser dropped, and control frames it took */
	uint32_t unknown, bad, stray, toolong, control;
};

void mux_init(struct mux *m, struct mux_client *clients, uint32_t nclients);

/* A client's calls: enter and leave its busy word around each. */
int mux_enter(struct mux_client *c);  /* 1: entered; 0: another call of the client runs */
void mux_leave(struct mux_client *c);
uint32_t mux_write(struct mux_client *c, const void *data, uint32_t n); /* bytes taken */
uint32_t mux_read(struct mux_client *c, void *data, uint32_t n);        /* bytes copied */
uint32_t mux_abort(struct mux_client *c);                               /* bytes discarded */
uint32_t mux_tx_queued(const struct mux_client *c);
uint32_t mux_rx_queued(const struct mux_client *c);

/* The mux thread: frames into out (at most room bytes, which must be at
 * least MUX_FRAME_MAX), round-robin among the channels with bytes queued;
 * returns the bytes written into out. */
uint32_t mux_frames(struct mux *m, uint8_t *out, uint32_t room);
/* The mux thread: n received bytes through the parser. */
void mux_input(struct mux *m, const uint8_t *in, uint32_t n);
/* Text on the mux's own channel; 0 when it does not fit whole.  mux_hello
 * says "uart_mux: <n> clients", the line tools/uartmux.py waits for. */
uint32_t mux_say(struct mux *m, const char *text);
uint32_t mux_hello(struct mux *m);

/* The wire format (also for tests and the test wire). */
uint8_t mux_check(uint32_t channel, const uint8_t *payload, uint32_t len);
uint32_t mux_encode(uint32_t channel, const void *payload, uint32_t len, uint8_t *out); /* len 1..255 */

#endif
