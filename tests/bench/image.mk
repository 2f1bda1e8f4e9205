# Benchmarks: run with make bench (QEMU -icount shift=0: TIM2 counts instructions).
BOOTER := booter.c
SLOTS := 0:client.c 1:server.c 2:irq.c 3:sched.c 4:sbench.c 5:sbench.c
