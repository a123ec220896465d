#ifndef SPECK_PNG_SHIM_H
#define SPECK_PNG_SHIM_H
#include <png.h>
#endif
