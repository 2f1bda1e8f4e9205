# Kernel operations and their refusals, driven by the booter (which holds every capability).
BOOTER := booter.c
SLOTS := 0:idle.c
