# Synchronous invocation: ping-pong, arguments and results, nesting, depth limit.
BOOTER := booter.c
SLOTS := 0:client.c 1:chain.c 2:chain.c 3:chain.c 4:chain.c 5:chain.c 6:chain.c 7:chain.c
