/*
 * uart.h - the "uart" interface (a UART driver's byte stream): the codes of
 * uart_stat().  The driver is components/uart_stm32; the rules are in
 * docs/uart.md, section 2.
 */
#ifndef UART_INTERFACE_H
#define UART_INTERFACE_H

/* uart_stat(what): counters count from boot and wrap at 2^32. */
#define UART_STAT_TX_BYTES    0  /* bytes written to the data register */
#define UART_STAT_TX_QUEUED   1  /* bytes in the transmit ring, not yet written */
#define UART_STAT_TX_IDLE     2  /* 1 when the ring is empty and the last byte has left (SR.TC) */
#define UART_STAT_RX_BYTES    3  /* bytes received and put into the receive ring */
#define UART_STAT_RX_QUEUED   4  /* bytes in the receive ring, not yet read */
#define UART_STAT_RX_HELD     5  /* times the receive ring was full: the driver stopped reading until uart_read */
#define UART_STAT_RX_OVERRUN  6  /* SR.ORE: bytes the hardware lost before the driver read them */
#define UART_STAT_RX_ERRORS   7  /* bytes with a framing, noise or parity error: dropped */
#define UART_STAT_IRQS        8  /* interrupts the driver thread received */
#define UART_STAT_TX_IRQ_FILL 9  /* times the interrupt path (TXEIE) wrote bytes; 0 under QEMU 7.2 */
#define UART_STAT_TX_RING     10 /* size of the transmit ring, bytes */
#define UART_STAT_RX_RING     11 /* size of the receive ring, bytes */
#define UART_STAT_MAX         11

#endif
