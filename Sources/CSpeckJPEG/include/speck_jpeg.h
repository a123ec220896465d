#ifndef SPECK_JPEG_H
#define SPECK_JPEG_H
#include <stddef.h>
#include <stdint.h>

/// Result of a recoverable JPEG decode. On failure `pixels` is NULL and
/// `message` holds libjpeg's reason (libjpeg's default handler would exit).
typedef struct {
    uint8_t *pixels;      // width*height*channels, interleaved, malloc'ed; free with speck_jpeg_free
    int width;
    int height;
    int channels;         // 1 (grey) or 3 (RGB); CMYK/YCCK converted to RGB
    int ok;
    char message[200];
} speck_jpeg_image;

/// Reads only the header: fills width/height/channels, pixels stays NULL.
speck_jpeg_image speck_jpeg_probe(const uint8_t *data, size_t size);

/// Decodes fully. Refuses images over `max_pixels` before allocating.
speck_jpeg_image speck_jpeg_decode(const uint8_t *data, size_t size, uint64_t max_pixels);

void speck_jpeg_free(speck_jpeg_image *image);
#endif
