# uart_mux.mk - host unit test of the UART mux's policy (components/uart_mux/
# mux_core.c: queues, round-robin framer, receive parser), with the
# sanitizers of UNIT_CFLAGS.  Included by unit.mk.
UNIT_UART_MUX := $(UNIT_OUT)/test_uart_mux
UNIT_TESTS += $(UNIT_UART_MUX)

$(UNIT_UART_MUX): $(UNIT_MK_DIR)/uart_mux/test_uart_mux.c $(UNIT_ROOT)/components/uart_mux/mux_core.c \
		$(UNIT_ROOT)/components/uart_mux/mux_core.h $(UNIT_ROOT)/interfaces/console/console.h $(UNIT_MK_DIR)/check.h
	@mkdir -p $(@D)
	$(HOSTCC) $(UNIT_CFLAGS) -DMUX_CORE_TEST_HOOK=test_uart_mux_hook -I$(UNIT_MK_DIR) -I$(UNIT_ROOT)/components/uart_mux $(filter %.c,$^) \
		$(UNIT_LDFLAGS) -o $@
