#ifndef SPECK_NCURSES_SHIM_H
#define SPECK_NCURSES_SHIM_H
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
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
#endif
