# uart_tool.mk - the host tool of the UART mux (tools/uartmux.py): its codec
# self-check, and a run against the uart_echo image in QEMU whose serial
# line the tool drives (frames to three clients, bad frames, the mux's status,
# a quit).  A Python script: run.py and unit-test run it like a binary and
# read its summary line.  Included by unit.mk.
UNIT_TESTS += $(UNIT_MK_DIR)/uart_tool/test_uartmux.py
