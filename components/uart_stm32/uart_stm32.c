/*
 * uart_stm32.c - the USART1 driver of the STM32F405 (netduinoplus2), as a
 * component: interrupt-driven transmit (TXE, then TC) and receive (RXNE),
 * exporting the "uart" interface (interfaces/uart).  docs/uart.md, section 2.
 *
 * The graph gives it the devices USART1 and GPIOA (and RCC, with
 * components/uart_stm32/rcc/uart_rcc.c in its sources, to turn the clocks on
 * itself), USART1's interrupt line (37) on its thread "irq", and a dependency
 * on "sched" (to wake the client's thread).  Its thread must be at least as
 * urgent as every thread that can call it (the compiler's priority rule).
 *
 * Rings.  The transmit ring is filled by uart_write (the caller's thread) and
 * emptied by "the filler": the caller itself while CR1.TXEIE is clear, the
 * interrupt thread while it is set.  Only the caller sets TXEIE (when it
 * leaves bytes it could not write), only the interrupt thread clears it
 * (when the ring is empty), and the interrupt thread is more urgent than any
 * caller, so the two never fill at once.  The receive ring is filled by the
 * interrupt thread only and emptied by uart_read; when it is full the thread
 * stops reading (flow control, cos_main).  Rings use free-running
 * 32-bit counters, published with release stores.
 *
 * QEMU.  QEMU 7.2's USART model (hw/char/stm32f2xx_usart.c) writes each byte
 * synchronously: TXE never reads 0 and no TXE or TC interrupt is raised; RXNE
 * interrupts work.  The one place that depends on it is tx_fill(): it writes
 * while TXE is set, so under QEMU it empties the ring at once on the caller's
 * thread and TXEIE is never needed; on the part, TXE falls after a byte or
 * two and the interrupt path takes over.  The code is the same for both.
 *
 * The kernel's early console writes USART1 too (boot banner, faults, panics,
 * components' cos_printf): polled, one byte at a time once TXE is set.  The
 * driver keeps the console's settings (8N1, BRR for 115200 from the 16 MHz
 * HSI, UE and TE on), so both streams reach the wire; they interleave at byte
 * granularity (docs/uart.md, section 2.4).
 */
#include "cos_gen.h"
#include "board.h"
#include "../../interfaces/uart/uart.h"

#ifndef COS_RCV_irq
_Static_assert(0, "uart_stm32: give USART1's interrupt to a thread named 'irq' (docs/uart.md)");
#endif

/* USART registers (RM0090 30.6), word offsets. */
#define SR   0
#define DR   1
#define BRR  2
#define CR1  3
#define CR2  4
#define CR3  5
#define SR_PE   (1u << 0)
#define SR_FE   (1u << 1)
#define SR_NF   (1u << 2)
#define SR_ORE  (1u << 3)
#define SR_RXNE (1u << 5)
#define SR_TC   (1u << 6)
#define SR_TXE  (1u << 7)
#define CR1_RE     (1u << 2)
#define CR1_TE     (1u << 3)
#define CR1_RXNEIE (1u << 5)
#define CR1_TCIE   (1u << 6)
#define CR1_TXEIE  (1u << 7)
#define CR1_UE     (1u << 13)
/* GPIO registers (RM0090 8.4), word offsets. */
#define MODER   0
#define OTYPER  1
#define OSPEEDR 2
#define PUPDR   3
#define AFRH    9
#define PIN_TX 9  /* PA9: USART1_TX, alternate function 7 */
#define PIN_RX 10 /* PA10: USART1_RX, alternate function 7 */
#define AF_USART1 7u

/* 115200 baud from PCLK2 = the 16 MHz HSI (reset clocks, which the kernel
 * keeps), oversampling by 16: USARTDIV = 16e6 / (16 * 115200) = 8.68, mantissa
 * 8, fraction round(0.68 * 16) = 11: BRR = 0x8b, 115108 baud (-0.08%). */
#define PCLK2_HZ 16000000u
#define BAUD     115200u
#define BRR_VALUE ((PCLK2_HZ + BAUD / 2) / BAUD)
#define TC_SPIN_MAX 100000u /* about 9 byte times at 16 MHz: never hang on a dead UART */

#define TX_RING 128u /* powers of two */
#define RX_RING 128u
#define RX_BURST 16u /* bytes read per interrupt at most */

#define LOAD(p)     __atomic_load_n((p), __ATOMIC_ACQUIRE)
#define STORE(p, v) __atomic_store_n((p), (v), __ATOMIC_RELEASE)

#define usart ((volatile uint32_t *)board_devices_base(BOARD_DEV_USART1))
#define gpioa ((volatile uint32_t *)board_devices_base(BOARD_DEV_GPIOA))

static uint8_t tx_ring[TX_RING], rx_ring[RX_RING];
static uint32_t tx_head, tx_tail, rx_head, rx_tail;
static uint32_t writing, reading; /* one write and one read at a time */
static uint32_t tx_want;          /* a write came up short: wake the client when room appears */
static uint32_t rx_full;          /* the receive ring was full: the thread waits for uart_read */
static uint32_t notify_tid;
static uint32_t tx_bytes, rx_bytes, rx_held, rx_overrun, rx_errors, irqs, tx_irq_fill;

/* The clocks of USART1 (APB2) and GPIOA (AHB1).  This default does nothing:
 * the kernel's early console has turned both on at boot (board.c).  A graph
 * that gives the driver the RCC device adds rcc/uart_rcc.c to its sources,
 * which turns them on itself. */
__attribute__((weak)) void uart_stm32_clock_enable(void)
{
}

static void wake(void)
{
	uint32_t tid = LOAD(&notify_tid);

	if (tid)
		cos_sched_wakeup(tid);
}

/*
 * Writes bytes from the transmit ring while the data register is empty.  On
 * the part, TXE falls once the holding register is full (after one or two
 * bytes), and the rest waits for the TXE interrupt.  Under QEMU 7.2 a write
 * is synchronous and TXE never falls: the ring empties here, on the caller's
 * thread, and no transmit interrupt is needed (docs/uart.md, section 2.3).
 * Returns 1 when the ring is empty.
 */
static int tx_fill(void)
{
	uint32_t h = tx_head, t = LOAD(&tx_tail);

	while (h != t && (usart[SR] & SR_TXE)) {
		usart[DR] = tx_ring[h % TX_RING];
		h++;
		tx_bytes++;
	}
	STORE(&tx_head, h);
	return h == LOAD(&tx_tail);
}

static uint32_t tx_put(const uint8_t *p, uint32_t n)
{
	uint32_t t = tx_tail, room = TX_RING - (t - LOAD(&tx_head)), i;

	if (n > room)
		n = room;
	for (i = 0; i < n; i++)
		tx_ring[(t + i) % TX_RING] = p[i];
	STORE(&tx_tail, t + n);
	return n;
}

/* The caller's side of transmit: fill while TXEIE is clear, and hand the rest
 * to the interrupt path by setting TXEIE. */
static void tx_kick(void)
{
	if (usart[CR1] & CR1_TXEIE)
		return; /* the interrupt thread is the filler: its TXE interrupt will come */
	if (!tx_fill())
		usart[CR1] |= CR1_TXEIE;
	else if (!(usart[SR] & SR_TC))
		usart[CR1] |= CR1_TCIE; /* tell the client when the last byte has left */
}

int32_t uart_write(const void *data, uint32_t data_length)
{
	const uint8_t *p = data;
	uint32_t taken = 0, n;

	if (__atomic_exchange_n(&writing, 1, __ATOMIC_ACQUIRE))
		return COS_EBUSY;
	/* Each round needs room made by the round before: bounded by data_length. */
	while (taken < data_length && (n = tx_put(p + taken, data_length - taken)) > 0) {
		taken += n;
		tx_kick();
	}
	if (taken < data_length) {
		/* Ask for a wakeup, then look again: room made in between is not missed. */
		__atomic_store_n(&tx_want, 1, __ATOMIC_SEQ_CST);
		n = tx_put(p + taken, data_length - taken);
		if (n) {
			taken += n;
			tx_kick();
		}
	}
	STORE(&writing, 0);
	return (int32_t)taken;
}

int32_t uart_read(void *data, uint32_t data_length)
{
	uint8_t *p = data;
	uint32_t h, have, i;

	if (__atomic_exchange_n(&reading, 1, __ATOMIC_ACQUIRE))
		return COS_EBUSY;
	h = rx_head;
	have = LOAD(&rx_tail) - h;
	if (data_length > have)
		data_length = have;
	for (i = 0; i < data_length; i++)
		p[i] = rx_ring[(h + i) % RX_RING];
	STORE(&rx_head, h + data_length);
	STORE(&reading, 0);
	if (data_length && __atomic_load_n(&rx_full, __ATOMIC_SEQ_CST)) {
		__atomic_store_n(&rx_full, 0, __ATOMIC_SEQ_CST);
		cos_sched_wakeup(COS_TID_irq); /* room: the receiver goes on */
	}
	return (int32_t)data_length;
}

int32_t uart_notify(uint32_t tid)
{
	if (tid >= COS_MAX_TID)
		return COS_EINVAL;
	STORE(&notify_tid, tid);
	return COS_OK;
}

uint32_t uart_stat(uint32_t what)
{
	switch (what) {
	case UART_STAT_TX_BYTES: return tx_bytes;
	case UART_STAT_TX_QUEUED: return LOAD(&tx_tail) - LOAD(&tx_head);
	case UART_STAT_TX_IDLE: return LOAD(&tx_tail) == LOAD(&tx_head) && (usart[SR] & SR_TC);
	case UART_STAT_RX_BYTES: return rx_bytes;
	case UART_STAT_RX_QUEUED: return LOAD(&rx_tail) - LOAD(&rx_head);
	case UART_STAT_RX_HELD: return rx_held;
	case UART_STAT_RX_OVERRUN: return rx_overrun;
	case UART_STAT_RX_ERRORS: return rx_errors;
	case UART_STAT_IRQS: return irqs;
	case UART_STAT_TX_IRQ_FILL: return tx_irq_fill;
	case UART_STAT_TX_RING: return TX_RING;
	case UART_STAT_RX_RING: return RX_RING;
	default: return (uint32_t)COS_EINVAL;
	}
}

/* The interrupt thread's work for one interrupt.  Every condition is read
 * from SR and CR1: a spurious or stale interrupt does nothing. */
static void service(void)
{
	uint32_t sr = usart[SR], cr1 = usart[CR1], t = rx_tail, i, news = 0;

	/* Receive: SR then DR clears RXNE, and ORE, NF, FE and PE with it.  With
	 * the ring full the byte stays in DR and the thread waits (cos_main). */
	for (i = 0; i < RX_BURST && (sr & (SR_RXNE | SR_ORE)); i++) {
		uint8_t b;

		if (t - LOAD(&rx_head) == RX_RING) {
			__atomic_store_n(&rx_full, 1, __ATOMIC_SEQ_CST);
			rx_held++;
			news = 1;
			break;
		}
		b = (uint8_t)usart[DR];
		if (sr & SR_ORE)
			rx_overrun++; /* a byte was lost before this one; this one is good */
		if (sr & (SR_FE | SR_NF | SR_PE)) {
			rx_errors++;
		} else {
			rx_ring[t % RX_RING] = b;
			t++;
			rx_bytes++;
		}
		news = 1;
		sr = usart[SR];
	}
	STORE(&rx_tail, t);
	/* Transmit, when the interrupt path is the filler. */
	if ((cr1 & CR1_TXEIE) && (sr & SR_TXE)) {
		tx_irq_fill++;
		if (tx_fill())
			usart[CR1] = (usart[CR1] & ~CR1_TXEIE) | CR1_TCIE;
		if (__atomic_load_n(&tx_want, __ATOMIC_SEQ_CST)) {
			__atomic_store_n(&tx_want, 0, __ATOMIC_SEQ_CST);
			news = 1;
		}
	}
	/* The last byte has left the shift register. */
	if ((cr1 & CR1_TCIE) && (usart[SR] & SR_TC)) {
		usart[CR1] &= ~CR1_TCIE;
		news = 1;
	}
	if (news)
		wake();
}

/*
 * Programmed as RM0090 says (7.3.10, 7.3.14: clocks; 8.3.7, 8.4: alternate
 * function 7 on PA9 and PA10; 30.6: USART), at boot, before any client runs
 * (cos_init runs servers first).  Waits for TC, with a bound, so that a byte
 * of the kernel's console in flight is not cut.
 */
void cos_init(void)
{
	uint32_t spin = 0, v;

	uart_stm32_clock_enable();
	while ((usart[CR1] & CR1_UE) && !(usart[SR] & SR_TC) && spin++ < TC_SPIN_MAX)
		;
	/* PA9 push-pull, fast (50 MHz); PA10 pulled up, so an open line idles at 1. */
	gpioa[OTYPER] &= ~(1u << PIN_TX);
	v = gpioa[OSPEEDR] & ~(3u << (2 * PIN_TX));
	gpioa[OSPEEDR] = v | (2u << (2 * PIN_TX));
	v = gpioa[PUPDR] & ~(3u << (2 * PIN_TX) | 3u << (2 * PIN_RX));
	gpioa[PUPDR] = v | (1u << (2 * PIN_RX));
	/* The function first, then the mode: no glitch of another function. */
	v = gpioa[AFRH] & ~(0xfu << (4 * (PIN_TX - 8)) | 0xfu << (4 * (PIN_RX - 8)));
	gpioa[AFRH] = v | AF_USART1 << (4 * (PIN_TX - 8)) | AF_USART1 << (4 * (PIN_RX - 8));
	v = gpioa[MODER] & ~(3u << (2 * PIN_TX) | 3u << (2 * PIN_RX));
	gpioa[MODER] = v | 2u << (2 * PIN_TX) | 2u << (2 * PIN_RX);
	/* 8 data bits, no parity (CR1.M = PCE = 0), 1 stop bit (CR2), no flow
	 * control (CR3), 115200 baud; then transmitter, receiver, RXNE interrupt. */
	usart[CR1] = CR1_UE;
	usart[CR2] = 0;
	usart[CR3] = 0;
	usart[BRR] = BRR_VALUE;
	usart[CR1] = CR1_UE | CR1_TE | CR1_RE | CR1_RXNEIE;
}

int cos_main(uint32_t arg)
{
	(void)arg;
	while (cos_arcv(COS_RCV_irq) >= 0) {
		irqs++;
		service();
		/* Flow control: with the receive ring full, wait for uart_read to
		 * make room before the next arcv.  Until then the kernel keeps the
		 * line masked, so the unread byte does not interrupt again; QEMU
		 * holds further input back (it delivers a byte only when RXNE is
		 * clear); on the part, bytes that come meanwhile are lost (SR.ORE,
		 * counted). */
		while (__atomic_load_n(&rx_full, __ATOMIC_SEQ_CST))
			cos_sched_block();
	}
	return 0;
}
