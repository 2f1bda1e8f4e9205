# The scheduler component: block and wakeup across components (no lost
# wakeups), yield rotating equal priorities, exit, a wakeup preempting.
BOOTER := booter.c
SLOTS := 0:sched.c 1:thd.c 2:thd.c
