# The scheduler component with an interrupt thread: TIM3's interrupt wakes a
# more urgent driver, which preempts a spinning thread (or the idle thread)
# at once, without the scheduler thread in between.
BOOTER := booter.c
SLOTS := 0:sched.c 1:spin.c 2:driver.c
