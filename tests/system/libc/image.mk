# musl in components: stdio to the console, snprintf, errno, strtol, qsort,
# strings; Linux calls fail with ENOSYS in libcos and never reach the kernel;
# errno is per component; a migrating thread uses the server's libc.
BOOTER := booter.c
SLOTS := 0:alpha.c 1:beta.c
