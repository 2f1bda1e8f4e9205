# Dispatch: the timeout takes the CPU back from a thread that never yields; refusals and rights.
BOOTER := booter.c
SLOTS := 0:spin.c 1:checker.c
