# Faults: MPU isolation between components, fault gates, unhandled faults,
# faults inside servers, and resuming after a fault handler fixed the cause.
BOOTER := booter.c
SLOTS := 0:attacker.c 1:victim.c 2:handler.c 3:loner.c 4:server.c 5:server.c 6:client.c 7:resumer.c
