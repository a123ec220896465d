#include "speck_jpeg_encode.h"
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jpeglib.h>

// Same recoverable error handling as the decoder: jump back instead of exiting.
typedef struct {
    struct jpeg_error_mgr base;
    jmp_buf escape;
    char message[JMSG_LENGTH_MAX];
} encode_error;

static void on_encode_error(j_common_ptr cinfo) {
    encode_error *err = (encode_error *)cinfo->err;
    (*cinfo->err->format_message)(cinfo, err->message);
    longjmp(err->escape, 1);
}

speck_jpeg_encoded speck_jpeg_encode(const uint8_t *pixels, int width, int height, int channels,
                                     int quality, int keep_rgb) {
    speck_jpeg_encoded out;
    memset(&out, 0, sizeof out);
    if (channels != 1 && channels != 3 && channels != 4) {
        snprintf(out.message, sizeof out.message, "cannot encode %d channels as JPEG", channels);
        return out;
    }
    struct jpeg_compress_struct cinfo;
    encode_error err;
    unsigned char *volatile buffer = NULL;
    unsigned long size = 0;
    cinfo.err = jpeg_std_error(&err.base);
    err.base.error_exit = on_encode_error;
    if (setjmp(err.escape)) {
        snprintf(out.message, sizeof out.message, "%s", err.message);
        // The destination buffer may have been regrown and freed inside libjpeg: leave it
        // (errors here only come from invalid parameters).
        jpeg_destroy_compress(&cinfo);
        return out;
    }
    jpeg_create_compress(&cinfo);
    jpeg_mem_dest(&cinfo, (unsigned char **)&buffer, &size);
    cinfo.image_width = (JDIMENSION)width;
    cinfo.image_height = (JDIMENSION)height;
    cinfo.input_components = channels;
    cinfo.in_color_space = channels == 1 ? JCS_GRAYSCALE : channels == 3 ? JCS_RGB : JCS_CMYK;
    jpeg_set_defaults(&cinfo);
    if (channels == 3 && keep_rgb) jpeg_set_colorspace(&cinfo, JCS_RGB);
    for (int c = 0; c < cinfo.num_components; c++) {
        cinfo.comp_info[c].h_samp_factor = 1;
        cinfo.comp_info[c].v_samp_factor = 1;
    }
    jpeg_set_quality(&cinfo, quality, TRUE);
    jpeg_start_compress(&cinfo, TRUE);
    size_t stride = (size_t)width * channels;
    while (cinfo.next_scanline < cinfo.image_height) {
        JSAMPROW row = (JSAMPROW)(pixels + stride * cinfo.next_scanline);
        jpeg_write_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_compress(&cinfo);
    jpeg_destroy_compress(&cinfo);
    out.bytes = buffer;
    out.size = size;
    out.ok = 1;
    return out;
}

void speck_jpeg_free_encoded(speck_jpeg_encoded *encoded) {
    free(encoded->bytes);
    encoded->bytes = NULL;
}
