/*
 * test_uart_mux.c - host tests of the UART mux's policy (mux_core.c), the
 * code the component runs: client queues (wrap, full, busy word), the
 * round-robin framer (order, fairness under backlog, isolation of bytes,
 * abort), the frame format (checked by a decoder written here), and the
 * receive parser (routing, unknown channel, bad check, zero length, too
 * long, stray bytes, overrun of a client that never reads, control frames).
 */
#include <stdio.h>
#include <string.h>
#include "check.h"
#include "mux_core.h"

#define NCL 3

static struct mux_client cl[NCL + 1];
static struct mux m;

/* An independent decoder of mux frames: bytes per channel, frame count. */
struct dec {
	uint32_t frames, bad, bytes[256];
	uint8_t data[256][4096];
	uint32_t order[1024], norder;
};

static void decode(struct dec *d, const uint8_t *p, uint32_t n)
{
	uint32_t i = 0, k, sum;

	while (i < n) {
		if (p[i] != 0x01 || n - i < 4 || p[i + 2] == 0 || n - i < 4u + p[i + 2]) {
			d->bad++;
			return;
		}
		sum = p[i + 1] + p[i + 2];
		for (k = 0; k < p[i + 2]; k++) {
			sum += p[i + 4 + k];
			if (d->bytes[p[i + 1]] < sizeof(d->data[0]))
				d->data[p[i + 1]][d->bytes[p[i + 1]]++] = p[i + 4 + k];
		}
		if (((~sum) & 0xff) != p[i + 3])
			d->bad++;
		if (d->norder < 1024)
			d->order[d->norder++] = p[i + 1];
		d->frames++;
		i += 4u + p[i + 2];
	}
}

static void fill(struct mux_client *c, uint8_t pattern, uint32_t n)
{
	uint8_t b[MUX_TXQ];

	memset(b, pattern, sizeof(b));
	while (n) {
		uint32_t k = n < sizeof(b) ? n : sizeof(b);
		k = mux_write(c, b, k);
		if (!k)
			return;
		n -= k;
	}
}

static void test_queues(void)
{
	uint8_t in[200], out[200];
	uint32_t i;

	mux_init(&m, cl, NCL);
	for (i = 0; i < sizeof(in); i++)
		in[i] = (uint8_t)i;
	CHECK_EQ(mux_write(&cl[0], in, 200), MUX_TXQ); /* full: a short count */
	CHECK_EQ(mux_tx_queued(&cl[0]), MUX_TXQ);
	CHECK_EQ(mux_write(&cl[0], in, 1), 0);
	CHECK_EQ(cl[0].tx_accepted, MUX_TXQ);
	/* the busy word: one call of a client at a time */
	CHECK(mux_enter(&cl[1]));
	CHECK(!mux_enter(&cl[1]));
	CHECK(mux_enter(&cl[2]));
	mux_leave(&cl[1]);
	CHECK(mux_enter(&cl[1]));
	mux_leave(&cl[1]);
	mux_leave(&cl[2]);
	/* free-running counters across 2^32 */
	mux_init(&m, cl, NCL);
	cl[1].tx_head = cl[1].tx_tail = 0xfffffff0u;
	CHECK_EQ(mux_write(&cl[1], in, 100), 100);
	CHECK_EQ(mux_tx_queued(&cl[1]), 100);
	{
		uint8_t f[256];
		struct dec d;
		uint32_t n;

		memset(&d, 0, sizeof(d));
		m.rr = 1;
		while ((n = mux_frames(&m, f, sizeof(f))) > 0)
			decode(&d, f, n);
		CHECK_EQ(d.bad, 0);
		CHECK_EQ(d.bytes[1], 100);
		CHECK(!memcmp(d.data[1], in, 100));
	}
	/* receive queue across 2^32, read in pieces */
	cl[2].rx_head = cl[2].rx_tail = 0xffffffe0u;
	{
		uint8_t fr[4 + 40];
		uint32_t n = mux_encode(2, in, 40, fr);

		CHECK_EQ(n, 44);
		mux_input(&m, fr, n);
		CHECK_EQ(mux_rx_queued(&cl[2]), 40);
		CHECK_EQ(mux_read(&cl[2], out, 25), 25);
		CHECK_EQ(mux_read(&cl[2], out + 25, 100), 15);
		CHECK(!memcmp(out, in, 40));
		CHECK_EQ(mux_read(&cl[2], out, 10), 0);
	}
}

static void test_round_robin(void)
{
	uint8_t f[4 + MUX_CHUNK];
	struct dec d;
	uint32_t i, n;

	/* One frame per call (room for one): the turn goes 0, 1, 2, 0, ...; the
	 * mux's own channel (3) only when it has something. */
	mux_init(&m, cl, NCL);
	memset(&d, 0, sizeof(d));
	for (i = 0; i < NCL; i++)
		fill(&cl[i], (uint8_t)('a' + i), MUX_TXQ);
	for (i = 0; i < 9; i++) {
		n = mux_frames(&m, f, sizeof(f));
		CHECK_EQ(n, sizeof(f));
		decode(&d, f, n);
	}
	for (i = 0; i < 9; i++)
		CHECK_EQ(d.order[i], i % NCL);
	/* An idle client is skipped; it rejoins at its place in the cycle, not first. */
	mux_abort(&cl[1]);
	fill(&cl[0], 'a', MUX_TXQ);
	fill(&cl[2], 'c', MUX_TXQ);
	memset(&d, 0, sizeof(d));
	n = mux_frames(&m, f, sizeof(f)); /* turn was at 0 */
	decode(&d, f, n);
	n = mux_frames(&m, f, sizeof(f)); /* 1 is idle: 2 */
	decode(&d, f, n);
	fill(&cl[1], 'b', 10);
	n = mux_frames(&m, f, sizeof(f)); /* 0 again, then 1 */
	decode(&d, f, n);
	n = mux_frames(&m, f, sizeof(f));
	decode(&d, f, n);
	CHECK_EQ(d.norder, 4);
	CHECK_EQ(d.order[0], 0);
	CHECK_EQ(d.order[1], 2);
	CHECK_EQ(d.order[2], 0);
	CHECK_EQ(d.order[3], 1);
	CHECK_EQ(d.bytes[1], 10); /* a short frame: what it had */
	/* The mux's own channel takes its turn as channel 255. */
	mux_init(&m, cl, NCL);
	memset(&d, 0, sizeof(d));
	CHECK(mux_hello(&m) > 0);
	fill(&cl[0], 'a', 5);
	{
		uint8_t big[256];

		n = mux_frames(&m, big, sizeof(big));
		decode(&d, big, n);
	}
	CHECK_EQ(d.frames, 2);
	CHECK_EQ(d.order[0], 0);
	CHECK_EQ(d.order[1], CONSOLE_CHANNEL_MUX);
	CHECK(!memcmp(d.data[CONSOLE_CHANNEL_MUX], "uart_mux: 3 clients\n", 20));
	CHECK_EQ(d.bad, 0);
}

/* Three clients kept backlogged (refilled whenever there is room, by a
 * pseudo-random amount) while the framer sends through a narrow driver: each
 * gets a third of the bytes, whatever the client numbers; and no byte of one
 * client's pattern ever appears in another's channel. */
static void test_fairness_and_isolation(void)
{
	static struct dec d;
	uint8_t f[3 * MUX_FRAME_MAX];
	uint32_t rnd = 12345, total = 0, i, n, k;

	mux_init(&m, cl, NCL);
	memset(&d, 0, sizeof(d));
	for (i = 0; i < NCL; i++)
		fill(&cl[i], (uint8_t)(0x40 + i), MUX_TXQ);
	while (total < 9000) {
		for (i = 0; i < NCL; i++) {
			rnd = rnd * 1103515245u + 12345u;
			k = (rnd >> 16) % MUX_TXQ;
			fill(&cl[i], (uint8_t)(0x40 + i), k);
			if (mux_tx_queued(&cl[i]) < MUX_CHUNK) /* always backlogged */
				fill(&cl[i], (uint8_t)(0x40 + i), MUX_TXQ);
		}
		rnd = rnd * 1103515245u + 12345u;
		n = mux_frames(&m, f, MUX_FRAME_MAX + (rnd >> 16) % (sizeof(f) - MUX_FRAME_MAX)); /* varying room */
		decode(&d, f, n);
		total += n;
	}
	CHECK_EQ(d.bad, 0);
	for (i = 0; i < NCL; i++) {
		uint32_t share = d.bytes[i], third = (d.bytes[0] + d.bytes[1] + d.bytes[2]) / 3, j, leak = 0;

		CHECK(share * 10 >= third * 9 && share * 10 <= third * 11);
		for (j = 0; j < d.bytes[i] && j < sizeof(d.data[0]); j++)
			leak += d.data[i][j] != 0x40 + i;
		CHECK_EQ(leak, 0);
	}
	printf("test_uart_mux: shares under backlog: %u %u %u bytes\n", d.bytes[0], d.bytes[1], d.bytes[2]);
}

/* Called by mux_frames between copying a frame's bytes and taking them
 * (compare-and-swap of the head): where the client's abort can come. */
static struct mux_client *abort_here;
static uint32_t aborted_here;
void test_uart_mux_hook(struct mux_client *c);
void test_uart_mux_hook(struct mux_client *c)
{
	if (c == abort_here) {
		abort_here = NULL;
		aborted_here = mux_abort(c);
		fill(c, 'n', 100); /* new bytes, written over the ring the frame was copied from */
	}
}

static void test_abort(void)
{
	uint8_t f[256];
	struct dec d;
	uint32_t n;

	mux_init(&m, cl, NCL);
	memset(&d, 0, sizeof(d));
	fill(&cl[1], 'x', 50);
	n = mux_frames(&m, f, 4 + MUX_CHUNK); /* one frame of 32 is taken */
	decode(&d, f, n);
	CHECK_EQ(d.bytes[1], MUX_CHUNK);
	CHECK_EQ(mux_abort(&cl[1]), 50 - MUX_CHUNK); /* the rest is discarded */
	CHECK_EQ(mux_tx_queued(&cl[1]), 0);
	CHECK_EQ(mux_frames(&m, f, sizeof(f)), 0); /* nothing left to send */
	CHECK_EQ(cl[1].tx_sent, MUX_CHUNK);
	CHECK_EQ(cl[1].tx_aborted, 50 - MUX_CHUNK);
	CHECK_EQ(mux_abort(&cl[1]), 0);
	/* after an abort the queue takes new bytes, and only they are sent */
	fill(&cl[1], 'y', 3);
	memset(&d, 0, sizeof(d));
	n = mux_frames(&m, f, sizeof(f));
	decode(&d, f, n);
	CHECK_EQ(d.bytes[1], 3);
	CHECK(!memcmp(d.data[1], "yyy", 3));
	/* an abort between the copy and the take: the frame is dropped, the abort
	 * counts every byte, the bytes written after it are sent intact */
	mux_init(&m, cl, NCL);
	memset(&d, 0, sizeof(d));
	fill(&cl[1], 'o', 40);
	abort_here = &cl[1];
	while ((n = mux_frames(&m, f, sizeof(f))) > 0)
		decode(&d, f, n);
	CHECK_EQ(aborted_here, 40);
	CHECK_EQ(cl[1].tx_aborted, 40);
	CHECK_EQ(d.bytes[1], 100);
	CHECK_EQ(cl[1].tx_sent, 100);
	CHECK(memchr(d.data[1], 'o', d.bytes[1]) == NULL);
	/* an abort of another client does not touch this one's bytes */
	fill(&cl[0], 'a', 20);
	fill(&cl[2], 'c', 20);
	CHECK_EQ(mux_abort(&cl[2]), 20);
	CHECK_EQ(mux_tx_queued(&cl[0]), 20);
}

static void test_parser(void)
{
	uint8_t w[2048], payload[200];
	uint32_t n = 0, i;
	uint8_t out[128];

	mux_init(&m, cl, NCL);
	memset(payload, 'p', sizeof(payload));
	n += mux_encode(0, "zero", 4, w + n);
	w[n++] = 'x'; /* stray */
	w[n++] = 'y';
	n += mux_encode(1, "one", 3, w + n);
	n += mux_encode(7, "nobody", 6, w + n); /* no client 7 */
	n += mux_encode(2, "bad", 3, w + n);
	w[n - 4] ^= 0xff; /* wrong check: dropped */
	w[n++] = 0x01; /* zero length: dropped */
	w[n++] = 0x00;
	w[n++] = 0x00;
	n += mux_encode(1, payload, 100, w + n); /* longer than MUX_RX_MAX: skipped whole */
	n += mux_encode(0, "again", 5, w + n);
	for (i = 0; i < n; i++) /* byte by byte: frames split anywhere */
		mux_input(&m, w + i, 1);
	CHECK_EQ(mux_read(&cl[0], out, sizeof(out)), 9);
	CHECK(!memcmp(out, "zeroagain", 9));
	CHECK_EQ(mux_read(&cl[1], out, sizeof(out)), 3);
	CHECK(!memcmp(out, "one", 3));
	CHECK_EQ(mux_read(&cl[2], out, sizeof(out)), 0);
	CHECK_EQ(m.unknown, 1);
	CHECK_EQ(m.bad, 2);
	CHECK_EQ(m.toolong, 1);
	CHECK_EQ(m.stray, 2); /* x and y */
	CHECK_EQ(cl[0].rx_frames, 2);
	CHECK_EQ(cl[0].rx_bytes, 9);
	CHECK_EQ(cl[1].rx_frames, 1);
	CHECK(cl[0].event && cl[1].event && !cl[2].event);
}

/* A client that never reads: whole frames are queued while they fit, then
 * the newest are dropped whole and counted; a smaller one that fits later
 * is still taken.  Other clients are not affected. */
static void test_overrun(void)
{
	uint8_t w[64], p[20], out[MUX_RXQ];
	uint32_t n, i;

	mux_init(&m, cl, NCL);
	for (i = 0; i < 5; i++) {
		memset(p, '0' + i, sizeof(p));
		n = mux_encode(2, p, sizeof(p), w);
		mux_input(&m, w, n);
	}
	CHECK_EQ(cl[2].rx_frames, 3); /* 60 of 64 bytes */
	CHECK_EQ(cl[2].rx_drop_frames, 2);
	CHECK_EQ(cl[2].rx_drop_bytes, 40);
	CHECK_EQ(mux_rx_queued(&cl[2]), 60);
	n = mux_encode(2, "abcd", 4, w);
	mux_input(&m, w, n);
	CHECK_EQ(mux_rx_queued(&cl[2]), 64);
	n = mux_encode(0, "fine", 4, w);
	mux_input(&m, w, n);
	CHECK_EQ(mux_read(&cl[0], out, sizeof(out)), 4);
	CHECK_EQ(mux_read(&cl[2], out, sizeof(out)), 64);
	CHECK(out[0] == '0' && out[20] == '1' && out[40] == '2' && !memcmp(out + 60, "abcd", 4));
}

static void test_control(void)
{
	uint8_t w[16], f[256];
	struct dec d;
	uint32_t n;

	mux_init(&m, cl, NCL);
	memset(&d, 0, sizeof(d));
	n = mux_encode(9, "?", 1, w);
	mux_input(&m, w, n);
	n = mux_encode(CONSOLE_CHANNEL_MUX, "s", 1, w);
	mux_input(&m, w, n);
	n = mux_encode(CONSOLE_CHANNEL_MUX, "zz", 2, w); /* not a request: counted, ignored */
	mux_input(&m, w, n);
	CHECK_EQ(m.control, 2);
	n = mux_frames(&m, f, sizeof(f));
	decode(&d, f, n);
	d.data[CONSOLE_CHANNEL_MUX][d.bytes[CONSOLE_CHANNEL_MUX]] = 0;
	CHECK(strstr((char *)d.data[CONSOLE_CHANNEL_MUX], "uart_mux: 3 clients, dropped: 1 unknown, 0 bad") != NULL);
	/* the mux's channel never takes a line it cannot queue whole */
	while (mux_say(&m, "0123456789012345678901234567890123456789\n"))
		;
	CHECK(mux_tx_queued(&cl[NCL]) <= MUX_TXQ);
	printf("test_uart_mux: %u bytes per client (queues %u + %u)\n", (unsigned)sizeof(struct mux_client),
	       MUX_TXQ, MUX_RXQ);
}

int main(int argc, char **argv)
{
	(void)argc;
	test_queues();
	test_round_robin();
	test_fairness_and_isolation();
	test_abort();
	test_parser();
	test_overrun();
	test_control();
	return check_summary(argv[0]);
}
