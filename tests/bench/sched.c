/* The scheduler component (components/sched/sched.c), in the benchmark image's slot 3. */
#include "../../components/sched/sched.c"
