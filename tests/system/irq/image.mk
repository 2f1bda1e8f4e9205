# Interrupts: a timer interrupt delivered to a user-level driver through an endpoint.
BOOTER := booter.c
SLOTS := 0:driver.c 1:idle.c
