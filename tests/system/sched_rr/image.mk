# The scheduler component: two threads of one priority, in two components,
# share the CPU round-robin through time slices.
BOOTER := booter.c
SLOTS := 0:sched.c 1:spin.c 2:spin.c
