/*
 * mux_core.c - the UART mux's queues, framer and parser (mux_core.h).
 *
 * Queues are rings indexed by free-running 32-bit counters (the byte at
 * counter i is at i % size), so "queued" is tail - head even across wrap.
 * The producer of a queue publishes bytes with a release store of its tail
 * after copying them; the consumer reads the tail with an acquire load before
 * copying.  The transmit queue's head moves only by compare-and-swap (the mux
 * thread taking a frame, or the client aborting), so whichever comes second
 * sees that the other one won.
 */
#include "mux_core.h"

#ifdef MUX_CORE_TEST_HOOK
/* Host tests only: runs where another thread could preempt the mux thread. */
void MUX_CORE_TEST_HOOK(struct mux_client *c);
#else
#define MUX_CORE_TEST_HOOK(c) ((void)(c))
#endif

_Static_assert((MUX_TXQ & (MUX_TXQ - 1)) == 0 && (MUX_RXQ & (MUX_RXQ - 1)) == 0, "queues: powers of two");
_Static_assert(MUX_RX_MAX <= MUX_RXQ && MUX_CHUNK <= MUX_TXQ && MUX_RX_MAX <= 255 && MUX_CHUNK <= 255,
	       "frames fit the queues and the length byte");

#define LOAD(p)      __atomic_load_n((p), __ATOMIC_ACQUIRE)
#define STORE(p, v)  __atomic_store_n((p), (v), __ATOMIC_RELEASE)

void mux_init(struct mux *m, struct mux_client *clients, uint32_t nclients)
{
	uint8_t *p = (uint8_t *)clients;
	uint32_t i;

	for (i = 0; i < (nclients + 1) * (uint32_t)sizeof(*clients); i++)
		p[i] = 0;
	p = (uint8_t *)m;
	for (i = 0; i < sizeof(*m); i++)
		p[i] = 0;
	m->clients = clients;
	m->nclients = nclients > MUX_MAX_CLIENTS ? MUX_MAX_CLIENTS : nclients;
	m->state = MUX_RX_HUNT;
}

int mux_enter(struct mux_client *c)
{
	uint32_t expected = 0;

	return __atomic_compare_exchange_n(&c->busy, &expected, 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

void mux_leave(struct mux_client *c)
{
	STORE(&c->busy, 0);
}

uint32_t mux_tx_queued(const struct mux_client *c)
{
	return LOAD(&c->tx_tail) - LOAD(&c->tx_head);
}

uint32_t mux_rx_queued(const struct mux_client *c)
{
	return LOAD(&c->rx_tail) - LOAD(&c->rx_head);
}

uint32_t mux_write(struct mux_client *c, const void *data, uint32_t n)
{
	const uint8_t *p = data;
	uint32_t t = c->tx_tail, room = MUX_TXQ - (t - LOAD(&c->tx_head)), i;

	if (n > room)
		n = room;
	for (i = 0; i < n; i++)
		c->txq[(t + i) % MUX_TXQ] = p[i];
	STORE(&c->tx_tail, t + n);
	c->tx_accepted += n;
	return n;
}

uint32_t mux_read(struct mux_client *c, void *data, uint32_t n)
{
	uint8_t *p = data;
	uint32_t h = c->rx_head, have = LOAD(&c->rx_tail) - h, i;

	if (n > have)
		n = have;
	for (i = 0; i < n; i++)
		p[i] = c->rxq[(h + i) % MUX_RXQ];
	STORE(&c->rx_head, h + n);
	return n;
}

uint32_t mux_abort(struct mux_client *c)
{
	uint32_t t = c->tx_tail, h = LOAD(&c->tx_head);

	/* Fails only when the mux thread took a frame meanwhile (h is then updated). */
	while (!__atomic_compare_exchange_n(&c->tx_head, &h, t, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		;
	c->tx_aborted += t - h;
	return t - h;
}

uint8_t mux_check(uint32_t channel, const uint8_t *payload, uint32_t len)
{
	uint32_t sum = channel + len, i;

	for (i = 0; i < len; i++)
		sum += payload[i];
	return (uint8_t)~sum;
}

uint32_t mux_encode(uint32_t channel, const void *payload, uint32_t len, uint8_t *out)
{
	const uint8_t *p = payload;
	uint32_t i;

	if (!len || len > 255)
		return 0;
	out[0] = CONSOLE_SOH;
	out[1] = (uint8_t)channel;
	out[2] = (uint8_t)len;
	out[3] = mux_check(channel, p, len);
	for (i = 0; i < len; i++)
		out[CONSOLE_HDR + i] = p[i];
	return CONSOLE_HDR + len;
}

uint32_t mux_frames(struct mux *m, uint8_t *out, uint32_t room)
{
	uint32_t used = 0, idle = 0, nch = m->nclients + 1;

	/* Each turn looks at one channel: an idle channel passes the turn on, a
	 * channel with bytes gets one frame of min(queued, MUX_CHUNK) bytes, whole
	 * (when it does not fit in what is left of out, the turn stays with it
	 * for the next call).  So every channel with bytes gets the same number
	 * of bytes per cycle, and a cycle of idle turns ends the call. */
	while (idle < nch) {
		uint32_t i = m->rr, h, k, j;
		struct mux_client *c = &m->clients[i];
		uint8_t *f = out + used;

		h = LOAD(&c->tx_head);
		k = LOAD(&c->tx_tail) - h;
		if (k > MUX_CHUNK)
			k = MUX_CHUNK;
		if (k && k + CONSOLE_HDR > room - used)
			break;
		m->rr = i + 1 == nch ? 0 : i + 1;
		if (!k) {
			idle++;
			continue;
		}
		for (j = 0; j < k; j++)
			f[CONSOLE_HDR + j] = c->txq[(h + j) % MUX_TXQ];
		MUX_CORE_TEST_HOOK(c);
		/* The bytes are the frame's only if no abort moved the head meanwhile;
		 * if one did, the frame is dropped and the channel looked at again. */
		if (!__atomic_compare_exchange_n(&c->tx_head, &h, h + k, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
			m->rr = i;
			continue;
		}
		f[0] = CONSOLE_SOH;
		f[1] = (uint8_t)(i == m->nclients ? CONSOLE_CHANNEL_MUX : i);
		f[2] = (uint8_t)k;
		f[3] = mux_check(f[1], f + CONSOLE_HDR, k);
		used += CONSOLE_HDR + k;
		c->tx_sent += k;
		idle = 0;
	}
	return used;
}

static void put_text(char *buf, uint32_t *n, uint32_t size, const char *s)
{
	while (*s && *n < size)
		buf[(*n)++] = *s++;
}

static void put_num(char *buf, uint32_t *n, uint32_t size, uint32_t v)
{
	char d[10];
	int k = 0;

	do {
		d[k++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (k && *n < size)
		buf[(*n)++] = d[--k];
}

uint32_t mux_say(struct mux *m, const char *text)
{
	struct mux_client *c = &m->clients[m->nclients];
	uint32_t n = 0;

	while (text[n])
		n++;
	if (n > MUX_TXQ - mux_tx_queued(c))
		return 0;
	return mux_write(c, text, n);
}

uint32_t mux_hello(struct mux *m)
{
	char line[32];
	uint32_t n = 0, s = sizeof(line) - 1;

	put_text(line, &n, s, "uart_mux: ");
	put_num(line, &n, s, m->nclients);
	put_text(line, &n, s, " clients\n");
	line[n] = 0;
	return mux_say(m, line);
}

/* A frame on the mux's own channel: "s" asks for the status line. */
static void control(struct mux *m, const uint8_t *p, uint32_t len)
{
	char line[MUX_TXQ];
	uint32_t n = 0, s = sizeof(line) - 1;

	m->control++;
	if (len != 1 || p[0] != 's')
		return;
	put_text(line, &n, s, "uart_mux: ");
	put_num(line, &n, s, m->nclients);
	put_text(line, &n, s, " clients, dropped: ");
	put_num(line, &n, s, m->unknown);
	put_text(line, &n, s, " unknown, ");
	put_num(line, &n, s, m->bad);
	put_text(line, &n, s, " bad, ");
	put_num(line, &n, s, m->toolong);
	put_text(line, &n, s, " too long, ");
	put_num(line, &n, s, m->stray);
	put_text(line, &n, s, " stray\n");
	line[n] = 0;
	mux_say(m, line);
}

static void deliver(struct mux *m)
{
	struct mux_client *c;
	uint32_t t, i;

	if ((uint8_t)~m->sum != m->check) {
		m->bad++;
		return;
	}
	if (m->ch == CONSOLE_CHANNEL_MUX) {
		if (m->len <= MUX_RX_MAX)
			control(m, m->frame, m->len);
		else
			m->toolong++;
		return;
	}
	if (m->ch >= m->nclients) {
		m->unknown++;
		return;
	}
	if (m->len > MUX_RX_MAX) {
		m->toolong++;
		return;
	}
	c = &m->clients[m->ch];
	c->event = 1;
	t = c->rx_tail;
	if (m->len > MUX_RXQ - (t - LOAD(&c->rx_head))) {
		/* Overrun: the newest frame is dropped whole, the queue keeps what it has. */
		c->rx_drop_frames++;
		c->rx_drop_bytes += m->len;
		return;
	}
	for (i = 0; i < m->len; i++)
		c->rxq[(t + i) % MUX_RXQ] = m->frame[i];
	STORE(&c->rx_tail, t + m->len);
	c->rx_frames++;
	c->rx_bytes += m->len;
}

void mux_input(struct mux *m, const uint8_t *in, uint32_t n)
{
	uint32_t i;

	for (i = 0; i < n; i++) {
		uint8_t b = in[i];

		switch (m->state) {
		case MUX_RX_HUNT:
			if (b == CONSOLE_SOH)
				m->state = MUX_RX_CHANNEL;
			else
				m->stray++;
			break;
		case MUX_RX_CHANNEL:
			m->ch = b;
			m->state = MUX_RX_LENGTH;
			break;
		case MUX_RX_LENGTH:
			if (!b) {
				m->bad++;
				m->state = MUX_RX_HUNT;
				break;
			}
			m->len = b;
			m->state = MUX_RX_CHECK;
			break;
		case MUX_RX_CHECK:
			m->check = b;
			m->sum = m->ch + m->len;
			m->pos = 0;
			m->state = MUX_RX_PAYLOAD;
			break;
		default: /* MUX_RX_PAYLOAD */
			m->sum += b;
			if (m->pos < MUX_RX_MAX)
				m->frame[m->pos] = b;
			if (++m->pos == m->len) {
				m->state = MUX_RX_HUNT;
				deliver(m);
			}
			break;
		}
	}
}
