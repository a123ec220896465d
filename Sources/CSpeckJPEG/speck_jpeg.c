#include "speck_jpeg.h"
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jpeglib.h>

// libjpeg calls error_exit on any fatal error and by default that exits the
// process; we jump back to the caller instead and report the message.
typedef struct {
    struct jpeg_error_mgr base;
    jmp_buf escape;
    char message[JMSG_LENGTH_MAX];
} recoverable_error;

static void on_error(j_common_ptr cinfo) {
    recoverable_error *err = (recoverable_error *)cinfo->err;
    (*cinfo->err->format_message)(cinfo, err->message);
    longjmp(err->escape, 1);
}

static void on_warning(j_common_ptr cinfo, int level) { (void)cinfo; (void)level; }

static speck_jpeg_image run(const uint8_t *data, size_t size, uint64_t max_pixels, int decode) {
    speck_jpeg_image out;
    memset(&out, 0, sizeof out);
    struct jpeg_decompress_struct cinfo;
    recoverable_error err;
    uint8_t *volatile pixels = NULL;
    unsigned char *cmyk_row = NULL;
    cinfo.err = jpeg_std_error(&err.base);
    err.base.error_exit = on_error;
    err.base.emit_message = on_warning;
    err.message[0] = 0;
    if (setjmp(err.escape)) {
        snprintf(out.message, sizeof out.message, "%s", err.message);
        free(pixels);
        free(cmyk_row);
        jpeg_destroy_decompress(&cinfo);
        out.ok = 0;
        out.pixels = NULL;
        return out;
    }
    jpeg_create_decompress(&cinfo);
    jpeg_mem_src(&cinfo, data, (unsigned long)size);
    jpeg_read_header(&cinfo, TRUE);
    int cmyk = cinfo.jpeg_color_space == JCS_CMYK || cinfo.jpeg_color_space == JCS_YCCK;
    if (cmyk) cinfo.out_color_space = JCS_CMYK;
    else if (cinfo.num_components == 1) cinfo.out_color_space = JCS_GRAYSCALE;
    else cinfo.out_color_space = JCS_RGB;
    out.width = (int)cinfo.image_width;
    out.height = (int)cinfo.image_height;
    out.channels = cinfo.out_color_space == JCS_GRAYSCALE ? 1 : 3;
    if (!decode) {
        jpeg_destroy_decompress(&cinfo);
        out.ok = 1;
        return out;
    }
    if ((uint64_t)out.width * (uint64_t)out.height > max_pixels) {
        snprintf(out.message, sizeof out.message, "image is %dx%d, over the limit of %llu pixels",
                 out.width, out.height, (unsigned long long)max_pixels);
        jpeg_destroy_decompress(&cinfo);
        return out;
    }
    jpeg_start_decompress(&cinfo);
    size_t stride = (size_t)out.width * out.channels;
    pixels = malloc(stride * out.height);
    if (!pixels) {
        snprintf(out.message, sizeof out.message, "out of memory");
        jpeg_destroy_decompress(&cinfo);
        return out;
    }
    if (cmyk) cmyk_row = malloc((size_t)out.width * 4);
    while (cinfo.output_scanline < cinfo.output_height) {
        uint8_t *row = pixels + stride * cinfo.output_scanline;
        if (cmyk) {
            JSAMPROW r = cmyk_row;
            jpeg_read_scanlines(&cinfo, &r, 1);
            // Adobe CMYK JPEGs store inverted values: RGB = C*K/255 on the stored bytes.
            for (int x = 0; x < out.width; x++) {
                unsigned k = cmyk_row[4 * x + 3];
                for (int c = 0; c < 3; c++) row[3 * x + c] = (uint8_t)((cmyk_row[4 * x + c] * k + 127) / 255);
            }
        } else {
            JSAMPROW r = row;
            jpeg_read_scanlines(&cinfo, &r, 1);
        }
    }
    jpeg_finish_decompress(&cinfo);
    jpeg_destroy_decompress(&cinfo);
    free(cmyk_row);
    out.pixels = pixels;
    out.ok = 1;
    return out;
}

speck_jpeg_image speck_jpeg_probe(const uint8_t *data, size_t size) { return run(data, size, 0, 0); }

speck_jpeg_image speck_jpeg_decode(const uint8_t *data, size_t size, uint64_t max_pixels) {
    return run(data, size, max_pixels, 1);
}

void speck_jpeg_free(speck_jpeg_image *image) {
    free(image->pixels);
    image->pixels = NULL;
}
