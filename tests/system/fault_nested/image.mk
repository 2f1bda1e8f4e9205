# A fault handler that faults itself: the thread ends, and every component,
# the scheduler's own included, keeps its own memory map.
BOOTER := booter.c
SLOTS := 0:handler.c
