#ifndef SPECK_JPEG_ENCODE_H
#define SPECK_JPEG_ENCODE_H
#include <stddef.h>
#include <stdint.h>

/// Result of a recoverable JPEG encode. On failure `bytes` is NULL and `message` says why.
typedef struct {
    uint8_t *bytes;       // malloc'ed JPEG file; free with speck_jpeg_free_encoded
    size_t size;
    int ok;
    char message[200];
} speck_jpeg_encoded;

/// Encodes interleaved 8-bit samples: 1 channel = grey, 3 = RGB stored as YCbCr
/// (or as RGB when `keep_rgb` is set: an Adobe "no transform" file), 4 = CMYK
/// (Adobe convention, as stored). Every component is sampled 1x1 (no chroma subsampling).
speck_jpeg_encoded speck_jpeg_encode(const uint8_t *pixels, int width, int height, int channels,
                                     int quality, int keep_rgb);

void speck_jpeg_free_encoded(speck_jpeg_encoded *encoded);
#endif
