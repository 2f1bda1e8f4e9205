# Asynchronous endpoints: blocking receive, counted sends, preemption by a more urgent receiver.
BOOTER := booter.c
SLOTS := 0:sender.c 1:receiver.c 2:receiver.c
