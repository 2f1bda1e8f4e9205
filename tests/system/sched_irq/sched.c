/* The scheduler component (components/sched/sched.c), in this image's slot 0. */
#include "../../../components/sched/sched.c"
