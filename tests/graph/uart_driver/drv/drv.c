/*
 * drv.c - a client of the USART1 driver alone: writes a line through the
 * "uart" interface (it reaches the wire as it is, no frame) and checks the
 * driver's counters and answers.  Under QEMU 7.2 every byte is written on the
 * caller's thread: the interrupt path never fills (docs/uart.md, 2.3).
 */
#include <string.h>
#include "cos_gen.h"
#include "test.h"
#include "../../../../interfaces/uart/uart.h"

static const char line[] = "uart_driver: a line written straight to the USART1 driver\n";

int cos_main(uint32_t arg)
{
	char *buf = COS_SHARED_uart;
	uint32_t n = sizeof(line) - 1, before = uart_stat(UART_STAT_TX_BYTES);

	(void)arg;
	CHECK_EQ("uart_driver: notify takes a thread id", uart_notify(COS_TID_main), COS_OK);
	CHECK_EQ("uart_driver: notify refuses a thread id out of range", uart_notify(COS_MAX_TID), COS_EINVAL);
	memcpy(buf, line, n);
	CHECK_EQ("uart_driver: write takes the whole line", uart_write(0, n), (int32_t)n);
	CHECK_EQ("uart_driver: every byte reached the data register", uart_stat(UART_STAT_TX_BYTES) - before, n);
	CHECK_EQ("uart_driver: nothing left in the transmit ring", uart_stat(UART_STAT_TX_QUEUED), 0);
	CHECK_EQ("uart_driver: the line is idle (TC)", uart_stat(UART_STAT_TX_IDLE), 1);
	CHECK_EQ("uart_driver: a buffer beyond the shared one is refused", uart_write(250, 10), COS_EINVAL);
	CHECK_EQ("uart_driver: nothing received", uart_read(0, 16), 0);
	CHECK_EQ("uart_driver: an unknown counter", uart_stat(UART_STAT_MAX + 1), (uint32_t)COS_EINVAL);
	cos_printf("uart_driver: QEMU: %u interrupts, %u fills by the interrupt path, rings %u/%u bytes\n",
		   uart_stat(UART_STAT_IRQS), uart_stat(UART_STAT_TX_IRQ_FILL), uart_stat(UART_STAT_TX_RING),
		   uart_stat(UART_STAT_RX_RING));
	cos_halt(COS_SLOT_HALT, test_failures());
	return 0;
}
