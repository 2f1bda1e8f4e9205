# A system call whose exception frame cannot be pushed must fault, never run.
BOOTER := booter.c
SLOTS := 0:attacker.c 1:victim.c
