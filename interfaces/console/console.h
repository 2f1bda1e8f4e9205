/*
 * console.h - the "console" interface (a client's share of a UART through
 * the UART mux, components/uart_mux): the codes of console_stat() and the
 * wire format of the mux's frames.  The rules are in docs/uart.md, section 3;
 * tools/uartmux.py speaks the same format.
 */
#ifndef CONSOLE_INTERFACE_H
#define CONSOLE_INTERFACE_H

/*
 * A frame on the wire, in both directions:
 *
 *   SOH (0x01) | channel | length (1..255) | check | payload (length bytes)
 *
 * channel: the client's number (0 .. clients - 1), or CONSOLE_CHANNEL_MUX for
 * the mux itself.  check = ~(channel + length + the payload's bytes) & 0xff.
 * Bytes outside frames (the kernel's console, noise) are not frames.
 */
#define CONSOLE_SOH         0x01u
#define CONSOLE_CHANNEL_MUX 0xffu /* the mux's own channel: hello and status lines */
#define CONSOLE_HDR         4u    /* SOH, channel, length, check */

/* console_stat(what): the caller's own figures (counters count from boot and wrap at 2^32) */
#define CONSOLE_STAT_CLIENT         0  /* the caller's number: its channel on the wire */
#define CONSOLE_STAT_TX_QUEUED      1  /* bytes waiting in its transmit queue */
#define CONSOLE_STAT_TX_ACCEPTED    2  /* bytes its writes took */
#define CONSOLE_STAT_TX_SENT        3  /* bytes put into frames for the driver */
#define CONSOLE_STAT_TX_ABORTED     4  /* bytes its aborts discarded */
#define CONSOLE_STAT_RX_QUEUED      5  /* bytes waiting in its receive queue */
#define CONSOLE_STAT_RX_BYTES       6  /* payload bytes of frames delivered to it */
#define CONSOLE_STAT_RX_FRAMES      7  /* frames delivered to it */
#define CONSOLE_STAT_RX_DROP_BYTES  8  /* payload bytes of its frames dropped: queue full (overrun) */
#define CONSOLE_STAT_RX_DROP_FRAMES 9  /* its frames dropped: queue full (overrun) */
/* ... and the mux's, the same for every caller */
#define CONSOLE_STAT_NCLIENTS       10 /* clients of the mux */
#define CONSOLE_STAT_UNKNOWN        11 /* well-formed frames for a channel with no client: dropped */
#define CONSOLE_STAT_BAD            12 /* frames with a zero length or a wrong check: dropped */
#define CONSOLE_STAT_STRAY          13 /* received bytes outside any frame: dropped */
#define CONSOLE_STAT_TOOLONG        14 /* frames longer than the mux takes (CONSOLE_RX_MAX): dropped */
#define CONSOLE_STAT_CLIENT_BYTES   15 /* bytes of RAM the mux reserves per client */
#define CONSOLE_STAT_TXQ_SIZE       16 /* size of a client's transmit queue */
#define CONSOLE_STAT_RXQ_SIZE       17 /* size of a client's receive queue */
#define CONSOLE_STAT_MAX            17

#endif
