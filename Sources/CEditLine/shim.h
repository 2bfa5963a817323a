#ifndef MODESCOPE_CEDITLINE_SHIM_H
#define MODESCOPE_CEDITLINE_SHIM_H
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <editline/readline.h>
#include <histedit.h>

// el_set, el_get and history() are C-variadic, which Swift cannot call: each use gets a fixed-signature
// wrapper here. stdin/stdout/stderr are mutable C globals that Swift 6 refuses to touch, so they are read here.

typedef char *(*ms_prompt_function)(EditLine *);
typedef unsigned char (*ms_editor_function)(EditLine *, int);

static inline char *ms_empty_prompt(void) {
    static char empty[1] = "";
    return empty;
}

/// libedit edits only when its output stream is a terminal; otherwise it falls back to reading cooked
/// lines, which the tty cuts at 4 KiB (and a larger paste hangs). So the prompt goes to stdout when that is
/// a terminal, else to stderr, else to /dev/tty. `*output` tells which: 1 stdout, 2 stderr, 3 /dev/tty.
static inline EditLine *ms_el_init(const char *program, int *output) {
    FILE *out = stdout;
    *output = 1;
    if (!isatty(STDOUT_FILENO)) {
        if (isatty(STDERR_FILENO)) {
            out = stderr;
            *output = 2;
        } else {
            FILE *tty = fopen("/dev/tty", "w");
            if (tty != NULL) {
                out = tty;
                *output = 3;
            }
        }
    }
    return el_init(program, stdin, out, stderr);
}

static inline int ms_el_set_editor(EditLine *el, const char *mode) { return el_set(el, EL_EDITOR, mode); }

/// `ignore` brackets non-printing prompt bytes (colour escapes) so libedit measures the prompt correctly.
static inline int ms_el_set_prompt(EditLine *el, ms_prompt_function prompt, char ignore) {
    return el_set(el, EL_PROMPT_ESC, prompt, (int)ignore);
}

static inline int ms_el_set_signal_handling(EditLine *el, int on) { return el_set(el, EL_SIGNAL, on); }

static inline int ms_el_set_history(EditLine *el, History *history_handle) {
    return el_set(el, EL_HIST, history, history_handle);
}

static inline int ms_el_add_function(EditLine *el, const char *name, const char *help, ms_editor_function f) {
    return el_set(el, EL_ADDFN, name, help, f);
}

static inline int ms_el_bind(EditLine *el, const char *key, const char *command) {
    return el_set(el, EL_BIND, key, command, (const char *)NULL);
}

static inline int ms_el_set_client_data(EditLine *el, void *data) { return el_set(el, EL_CLIENTDATA, data); }

typedef int (*ms_read_function)(EditLine *, wchar_t *);

/// Replaces libedit's character reader (which drops invalid UTF-8 silently). The reader returns 1 with a
/// character, 0 at end of input, -1 with errno set on error (EINTR for a signal ends the line as usual).
static inline int ms_el_set_character_reader(EditLine *el, ms_read_function reader) {
    return el_set(el, EL_GETCFN, reader);
}

static inline void *ms_el_client_data(EditLine *el) {
    void *data = NULL;
    if (el_get(el, EL_CLIENTDATA, &data) != 0) return NULL;
    return data;
}

/// Writes to libedit's own output stream so text interleaves correctly with what libedit has buffered.
static inline void ms_el_write(EditLine *el, const char *text) {
    FILE *out = NULL;
    if (el_get(el, EL_GETFP, 1, &out) != 0 || out == NULL) out = stdout;
    fputs(text, out);
    fflush(out);
}

/// Width of the terminal on standard output, or 0 when unknown.
static inline int ms_terminal_columns(void) {
    struct winsize size;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) != 0) return 0;
    return (int)size.ws_col;
}

static inline void ms_flush_stdout(void) { fflush(stdout); }

// History. Every wrapper returns libedit's result (-1 on failure, errno set where the C library sets it).

static inline int ms_history_set_size(History *h, int size) {
    HistEvent ev;
    return history(h, &ev, H_SETSIZE, size);
}

static inline int ms_history_set_unique(History *h, int on) { HistEvent ev; return history(h, &ev, H_SETUNIQUE, on); }

static inline int ms_history_enter(History *h, const char *line) {
    HistEvent ev;
    return history(h, &ev, H_ENTER, line);
}

static inline int ms_history_load(History *h, const char *path) { HistEvent ev; return history(h, &ev, H_LOAD, path); }

static inline int ms_history_save(History *h, const char *path) { HistEvent ev; return history(h, &ev, H_SAVE, path); }

static inline int ms_history_count(History *h) {
    HistEvent ev;
    if (history(h, &ev, H_GETSIZE) == -1) return -1;
    return ev.num;
}

/// The oldest entry (`first` = 1) or the next newer one (`first` = 0); NULL past the end.
static inline const char *ms_history_step_forward(History *h, int first) {
    HistEvent ev;
    // libedit numbers H_FIRST as the newest entry, so oldest-first iteration walks H_LAST then H_PREV.
    if (history(h, &ev, first ? H_LAST : H_PREV) == -1) return NULL;
    return ev.str;
}

/// Appends `line` as one entry to the history file at `path`, creating it with mode 0600. The entry is
/// encoded by a one-entry libedit history (H_NSAVE_FP writes one entry too many in libedit 3.1-20221030),
/// and libedit writes the `_HiStOrY_V2_` cookie only when the stream is at offset 0, so the file keeps one
/// header. Returns the number of entries written (1) or -1 with errno set.
static inline int ms_history_append_line(const char *path, const char *line) {
    History *single = history_init();
    if (single == NULL) return -1;
    HistEvent ev;
    if (history(single, &ev, H_SETSIZE, 1) == -1 || history(single, &ev, H_ENTER, line) == -1) {
        history_end(single);
        errno = EINVAL;
        return -1;
    }
    int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    FILE *fp = fd < 0 ? NULL : fdopen(fd, "a");
    // An append stream's position is unspecified until the first write, and libedit decides on ftell.
    if (fp == NULL || fseek(fp, 0, SEEK_END) != 0) {
        int saved = errno;
        if (fp != NULL) fclose(fp); else if (fd >= 0) close(fd);
        history_end(single);
        errno = saved;
        return -1;
    }
    int written = history(single, &ev, H_SAVE_FP, fp);
    int saved = errno;
    history_end(single);
    if (fclose(fp) != 0) return -1;
    errno = saved;
    return written;
}

#endif
