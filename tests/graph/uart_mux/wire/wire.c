/*
 * wire.c - a stand-in for the UART driver, to test the mux's policy under
 * backlog (QEMU's USART sends every byte at once, so the mux's queues never
 * fill behind it).  It exports "uart" like components/uart_stm32, but its
 * "line" is the line component's thread, the least urgent but one of the
 * system: it takes bytes out of the small transmit ring (uart_test_drain)
 * only when the mux and every client are blocked, that is when every client
 * that floods has a full queue.  The line is as slow as it can be: the mux's
 * choices alone decide whose bytes go out.  It decodes what it takes with its
 * own frame decoder: payload bytes per channel, bytes in the fairness window,
 * bytes on a channel that are not that channel's (uart_test.h), malformed
 * frames.  Its receive side is a scripted stream, put into the receive ring
 * by uart_test_rx().
 */
#include "cos_gen.h"
#include "../../../../interfaces/uart/uart.h"
#include "../../../../interfaces/uart_test/uart_test.h"

#define TX_RING  64u
#define RX_RING  512u
#define NCH      4u     /* channels whose bytes are checked: 0 .. 3 */

static uint8_t tx_ring[TX_RING], rx_ring[RX_RING];
static uint32_t tx_head, tx_tail, rx_head, rx_tail, want, notify_tid, drains;
/* the decoder of what the mux sends */
static uint32_t st, ch, len, pos, sum, ck, bad;
static uint32_t bytes[NCH], window[NCH], win_total, win_open, win_end, leaks, markers[NCH], done[NCH], done2[NCH];
static uint32_t rx_started;

static void wake(void)
{
	uint32_t tid = __atomic_load_n(&notify_tid, __ATOMIC_ACQUIRE);

	if (tid)
		cos_sched_wakeup(tid);
}

/* One byte of a payload of channel c. */
static void payload(uint32_t c, uint8_t b)
{
	if (c >= NCH)
		return; /* the mux's own channel */
	bytes[c]++;
	if (b % 4 != c)
		leaks++;
	if (b == UART_TEST_MARKER(c))
		markers[c]++;
	if (b == UART_TEST_DONE_BYTE(c))
		done[c] = 1;
	if (b == UART_TEST_DONE2_BYTE(c))
		done2[c] = 1;
	if (!win_open && bytes[0] >= UART_TEST_WINDOW_SKIP && bytes[1] >= UART_TEST_WINDOW_SKIP &&
	    bytes[2] >= UART_TEST_WINDOW_SKIP)
		win_open = 1;
	if (win_open && !win_end && c < 3) {
		window[c]++;
		if (++win_total == UART_TEST_WINDOW_BYTES)
			win_end = 1;
	}
}

/* The decoder: SOH, channel, length, check, payload (console.h). */
static void line(uint8_t b)
{
	switch (st) {
	case 0:
		if (b == 0x01)
			st = 1;
		else
			bad++;
		break;
	case 1:
		ch = b;
		st = 2;
		break;
	case 2:
		len = b;
		st = len ? 3 : 0;
		bad += !len;
		break;
	case 3:
		ck = b;
		sum = ch + len;
		pos = 0;
		st = 4;
		break;
	default:
		sum += b;
		payload(ch == 0xff ? NCH : ch, b);
		if (++pos == len) {
			st = 0;
			if (((~sum) & 0xff) != ck)
				bad++;
		}
		break;
	}
}

int32_t uart_write(const void *data, uint32_t data_length)
{
	const uint8_t *p = data;
	uint32_t t = tx_tail, room, i, n;

	room = TX_RING - (t - __atomic_load_n(&tx_head, __ATOMIC_ACQUIRE));
	if (data_length > room) {
		__atomic_store_n(&want, 1, __ATOMIC_SEQ_CST);
		room = TX_RING - (t - __atomic_load_n(&tx_head, __ATOMIC_SEQ_CST));
	}
	n = data_length < room ? data_length : room;
	for (i = 0; i < n; i++)
		tx_ring[(t + i) % TX_RING] = p[i];
	__atomic_store_n(&tx_tail, t + n, __ATOMIC_RELEASE);
	if (n)
		cos_sched_wakeup(COS_TID_line_main); /* bytes for the line */
	return (int32_t)n;
}

int32_t uart_read(void *data, uint32_t data_length)
{
	uint8_t *p = data;
	uint32_t h = rx_head, have = __atomic_load_n(&rx_tail, __ATOMIC_ACQUIRE) - h, i;

	if (data_length > have)
		data_length = have;
	for (i = 0; i < data_length; i++)
		p[i] = rx_ring[(h + i) % RX_RING];
	__atomic_store_n(&rx_head, h + data_length, __ATOMIC_RELEASE);
	return (int32_t)data_length;
}

int32_t uart_notify(uint32_t tid)
{
	__atomic_store_n(&notify_tid, tid, __ATOMIC_RELEASE);
	return COS_OK;
}

uint32_t uart_stat(uint32_t what)
{
	return what == UART_STAT_TX_QUEUED ? tx_tail - tx_head : 0;
}

static void put(const void *p, uint32_t n)
{
	const uint8_t *b = p;
	uint32_t i;

	for (i = 0; i < n; i++)
		rx_ring[(rx_tail + i) % RX_RING] = b[i];
	rx_tail += n;
}

/* A frame as the host sends it; check_xor spoils the check. */
static void frame(uint32_t c, const void *p, uint32_t n, uint32_t check_xor)
{
	const uint8_t *b = p;
	uint32_t s = c + n, i;
	uint8_t h[4];

	for (i = 0; i < n; i++)
		s += b[i];
	h[0] = 0x01;
	h[1] = (uint8_t)c;
	h[2] = (uint8_t)n;
	h[3] = (uint8_t)(~s ^ check_xor);
	put(h, 4);
	put(p, n);
}

/*
 * The receive scenario (tests/graph/uart_mux/system.toml): a frame for each
 * of clients 0, 1 and 3; five of 20 bytes for client 2, which never reads
 * (its 64-byte queue takes three); one for client 9, which does not exist;
 * one for client 0 with a wrong check; a 100-byte one for client 1 (more than
 * the mux takes); two stray bytes.
 */
int32_t uart_test_rx(void)
{
	static const char twenty[] = "twenty bytes for 2..";
	uint8_t big[100];
	uint32_t i, t0 = rx_tail;

	for (i = 0; i < sizeof(big); i++)
		big[i] = 'L';
	frame(0, "to zero", 7, 0);
	frame(9, "nobody", 6, 0);
	frame(1, "to one", 6, 0);
	put("zz", 2);
	frame(0, "evil", 4, 0x5a);
	for (i = 0; i < 5; i++)
		frame(2, twenty, 20, 0);
	frame(1, big, sizeof(big), 0);
	frame(3, "judge", 5, 0);
	__atomic_store_n(&rx_started, 1, __ATOMIC_RELEASE);
	wake();
	return (int32_t)(rx_tail - t0); /* bytes put (the mux may have read them already) */
}

uint32_t uart_test_count(uint32_t what, uint32_t channel)
{
	uint32_t c = channel < NCH ? channel : 0;

	switch (what) {
	case UART_TEST_DRAINS: return __atomic_load_n(&drains, __ATOMIC_ACQUIRE);
	case UART_TEST_BYTES: return bytes[c];
	case UART_TEST_WINDOW: return window[c];
	case UART_TEST_WINDOW_END: return win_end;
	case UART_TEST_LEAKS: return leaks;
	case UART_TEST_BAD: return bad;
	case UART_TEST_MARKERS: return markers[c];
	case UART_TEST_DONE: return done[c];
	case UART_TEST_DONE2: return done2[c];
	case UART_TEST_RX_DONE: return rx_started && rx_head == __atomic_load_n(&rx_tail, __ATOMIC_ACQUIRE);
	default: return 0;
	}
}

int32_t uart_test_drain(uint32_t max)
{
	uint32_t h = tx_head, t = __atomic_load_n(&tx_tail, __ATOMIC_ACQUIRE), n = 0;

	while (h != t && n < max) {
		line(tx_ring[h % TX_RING]);
		h++;
		n++;
	}
	__atomic_store_n(&tx_head, h, __ATOMIC_RELEASE);
	if (n) {
		drains++;
		if (__atomic_load_n(&want, __ATOMIC_SEQ_CST)) {
			__atomic_store_n(&want, 0, __ATOMIC_SEQ_CST);
			wake();
		}
	}
	return (int32_t)n;
}
