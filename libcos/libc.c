/*
 * libc.c - what musl needs from libcos (docs/libc.md): its start-up, and its
 * system calls.
 *
 * musl is patched (libcos/musl/) so that its system calls are calls to
 * __cos_syscall instead of `svc 0` traps: no Linux call ever reaches the
 * kernel.  The few a component needs are served here; every other one fails
 * with ENOSYS.  Numbers and arguments are Linux's (ARM EABI).
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <elf.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <cos/cos.h>

/*
 * The thread pointer that musl's patched __get_tp() reads (M-profile has no
 * thread-ID register).  One per component, as each links its own musl: every
 * thread running in the component, its own or a migrating one, shares the
 * component's TLS, so errno is per component, not per thread.
 *
 * Any musl code that needs the thread pointer (errno, locale, stdio) or makes
 * a system call refers to __cos_tp or __cos_syscall, which brings this file
 * into the link, and with it cos_libc_init: crt0 calls it through a weak
 * reference, so a component that uses nothing of musl carries none of it.
 */
uintptr_t __cos_tp;

/* musl's own start-up, without Linux's process stack: environment, auxiliary
 * vector, TLS (musl's static TLS block; __set_thread_area sets __cos_tp),
 * program name. */
void __init_libc(char **envp, char *pn);
/* musl's flush of every stream at exit; linked only with stdio's writing. */
void __stdio_exit(void) __attribute__((weak));

/* The empty environment, then the auxiliary vector: a nominal page size
 * (there are no pages, only MPU regions; sysconf and malloc ask for one). */
static size_t start_vector[] = {
	0,                /* end of the environment */
	AT_PAGESZ, 4096,
	AT_NULL, 0,
};

void cos_libc_init(void)
{
	__init_libc((char **)start_vector, NULL);
}

/* A thread's cos_main returned: flush stdout (a last line without a newline). */
void cos_libc_flush(void)
{
	if (__stdio_exit)
		__stdio_exit();
}

/* fd 1 and 2 are the console (a terminal): 80 x 24 for TIOCGWINSZ, so that
 * musl keeps stdout line buffered and isatty() says yes. */
static long stdout_ioctl(long fd, unsigned long req, struct winsize *w)
{
	if (fd < 0 || fd > 2)
		return -EBADF;
	if (req != TIOCGWINSZ)
		return -ENOTTY;
	w->ws_row = 24;
	w->ws_col = 80;
	w->ws_xpixel = 0;
	w->ws_ypixel = 0;
	return 0;
}

static long stdout_writev(long fd, const struct iovec *iov, long n)
{
	long i, r, total = 0;

	if (fd != 1 && fd != 2)
		return -EBADF;
	for (i = 0; i < n; i++) {
		if (!iov[i].iov_len)
			continue;
		r = cos_stdout_write(iov[i].iov_base, iov[i].iov_len);
		if (r < 0)
			return total ? total : r;
		total += r;
		if ((size_t)r < iov[i].iov_len)
			break;
	}
	return total;
}

long __cos_syscall(long n, long a, long b, long c, long d, long e, long f)
{
	(void)d;
	(void)e;
	(void)f;
	switch (n) {
	case SYS_write:
		if (a != 1 && a != 2)
			return -EBADF;
		return cos_stdout_write((const char *)b, (size_t)c);
	case SYS_writev:
		return stdout_writev(a, (const struct iovec *)b, c);
	case SYS_ioctl:
		return stdout_ioctl(a, (unsigned long)b, (struct winsize *)c);
	case SYS_set_tid_address:
		return 1; /* musl's thread id: one libc thread per component */
	case SYS_exit:
	case SYS_exit_group:
		cos_thd_exit(); /* ends this thread only: the component lives on */
	case SYS_brk:
		return 0; /* the break stays where it is (nowhere): malloc fails with ENOMEM */
	case SYS_mmap2:
		return -ENOMEM;
	default:
		return -ENOSYS;
	}
}
