/*
 * uart_test.h - test-only: the "uart_test" interface of the stand-in driver
 * of tests/graph/uart_mux (what uart_test_count reports), and the byte
 * patterns its clients send: every byte a client sends is congruent to its
 * channel number modulo 4, so the stand-in can tell a byte that reached the
 * wrong channel.
 */
#ifndef UART_TEST_INTERFACE_H
#define UART_TEST_INTERFACE_H

#define UART_TEST_DRAINS     0  /* the line's clock: drain calls that took bytes */
#define UART_TEST_BYTES      1  /* payload bytes seen on the channel */
#define UART_TEST_WINDOW     2  /* the channel's payload bytes inside the fairness window */
#define UART_TEST_WINDOW_END 3  /* 1 once the window is complete */
#define UART_TEST_LEAKS      4  /* bytes seen on a channel that are not that channel's */
#define UART_TEST_BAD        5  /* malformed frames on the line */
#define UART_TEST_MARKERS    6  /* marker bytes seen on the channel */
#define UART_TEST_DONE       7  /* 1 once the channel's DONE byte was seen */
#define UART_TEST_DONE2      8  /* 1 once the channel's DONE2 byte was seen */
#define UART_TEST_RX_DONE    9  /* 1 once the receive scenario was started and read whole */

#define UART_TEST_WINDOW_BYTES 1800u /* payload bytes of channels 0-2 in the window */
#define UART_TEST_WINDOW_SKIP  100u  /* the window opens when each has sent this much */

#define UART_TEST_FLOOD(ch)      (0x40u + (ch)) /* '@' 'A' 'B' */
#define UART_TEST_MARKER(ch)     (0x44u + (ch)) /* 'D' 'E' 'F' */
#define UART_TEST_DONE_BYTE(ch)  (0x7cu + (ch)) /* '|' '}' '~' */
#define UART_TEST_DONE2_BYTE(ch) (0x70u + (ch)) /* 'p' 'q' 'r' */

#endif
