#ifndef SPECK_NCURSES_SHIM_H
#define SPECK_NCURSES_SHIM_H
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <wchar.h>
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <ncursesw/ncurses.h>

// Swift 6 cannot touch C globals or function-like macros: expose them here.
static inline WINDOW *speck_stdscr(void) { return stdscr; }
static inline int speck_colors(void) { return COLORS; }
static inline int speck_color_pairs(void) { return COLOR_PAIRS; }
static inline int speck_lines(void) { return LINES; }
static inline int speck_cols(void) { return COLS; }
static const unsigned int speck_A_BOLD = A_BOLD;
static const unsigned int speck_A_REVERSE = A_REVERSE;
static const unsigned int speck_A_DIM = A_DIM;
static const unsigned int speck_A_UNDERLINE = A_UNDERLINE;
static const unsigned int speck_A_NORMAL = A_NORMAL;
static const int speck_KEY_RESIZE = KEY_RESIZE;
static const int speck_KEY_MOUSE = KEY_MOUSE;

extern int wcwidth(wchar_t c);
static inline int speck_wcwidth(unsigned int c) { return wcwidth((wchar_t)c); }

#include <langinfo.h>
// The user's locale; ncursesw needs a UTF-8 character type to draw ▀ and box
// lines, so fall back to C.UTF-8 when the environment names none.
static inline int speck_set_locale(void) {
    setlocale(LC_ALL, "");
    if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0) setlocale(LC_CTYPE, "C.UTF-8");
    return strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
}

// Opens the screen on the terminal named `term` (NULL: $TERM). Returns 0 on success.
static inline int speck_open_screen(const char *term) {
    SCREEN *screen = newterm(term, stdout, stdin);
    if (screen == NULL) return -1;
    set_term(screen);
    return 0;
}

/// Whether the terminfo entry declares direct colour (the RGB capability or 2^24 colours).
static inline int speck_has_direct_colour(void) {
    return tigetflag("RGB") > 0 || COLORS >= 0x1000000;
}

// One cell with an extended colour pair (pairs above 32767 need the opts pointer).
static inline int speck_put_cell(int y, int x, wchar_t ch, unsigned int attrs, int pair) {
    wchar_t text[2] = { ch, 0 };
    cchar_t cell;
    if (setcchar(&cell, text, (attr_t)attrs, 0, &pair) == ERR) return ERR;
    return mvadd_wch(y, x, &cell);
}

static inline int speck_init_pair(int pair, int fg, int bg) { return init_extended_pair(pair, fg, bg); }

// Mouse: clicks and the wheel only.
static inline void speck_enable_mouse(void) {
    mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
    mouseinterval(0);
}

// Returns 1 for a left click, 4 for wheel up, 5 for wheel down, 0 otherwise; fills x/y.
static inline int speck_read_mouse(int *x, int *y) {
    MEVENT event;
    if (getmouse(&event) != OK) return 0;
    *x = event.x; *y = event.y;
    if (event.bstate & BUTTON1_PRESSED) return 1;
    if (event.bstate & BUTTON4_PRESSED) return 4;
    if (event.bstate & BUTTON5_PRESSED) return 5;
    return 0;
}

// Last-resort terminal restore for crashes (Swift traps raise SIGILL/SIGTRAP):
// put the saved termios back, leave the alternate screen, show the cursor,
// then let the default action run. Only async-signal-safe calls here.
struct speck_saved_terminal { struct termios termios; int valid; };
static inline struct speck_saved_terminal *speck_saved_terminal(void) {
    static struct speck_saved_terminal saved;
    return &saved;
}

static inline void speck_crash_restore_handler(int sig) {
    static const char reset[] = "\033[?1000l\033[?1002l\033[?1006l\033[0m\033[?25h\033[?1049l\r\n";
    struct speck_saved_terminal *saved = speck_saved_terminal();
    if (saved->valid) tcsetattr(STDIN_FILENO, TCSANOW, &saved->termios);
    ssize_t ignored = write(STDOUT_FILENO, reset, sizeof reset - 1);
    (void)ignored;
    signal(sig, SIG_DFL);
    raise(sig);
}

static inline void speck_install_crash_restore(void) {
    struct speck_saved_terminal *saved = speck_saved_terminal();
    if (tcgetattr(STDIN_FILENO, &saved->termios) == 0) saved->valid = 1;
    int signals[] = { SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE };
    for (unsigned i = 0; i < sizeof signals / sizeof signals[0]; i++) signal(signals[i], speck_crash_restore_handler);
}

static inline void speck_remove_crash_restore(void) {
    int signals[] = { SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE };
    for (unsigned i = 0; i < sizeof signals / sizeof signals[0]; i++) signal(signals[i], SIG_DFL);
}
#endif
