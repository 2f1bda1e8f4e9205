BOOTER := booter.c
SLOTS :=
