# Semihosting is the kernel's alone: a component's attempt is a fault.
BOOTER := booter.c
SLOTS := 0:caller.c
