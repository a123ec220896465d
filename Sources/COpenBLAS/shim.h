#ifndef SPECK_OPENBLAS_SHIM_H
#define SPECK_OPENBLAS_SHIM_H
#include <cblas.h>

// LAPACK routines built into libopenblas (Fortran calling convention).
// Debian ships no lapack.h for OpenBLAS, so declare the few we use.
void spotrf_(const char *uplo, const int *n, float *a, const int *lda, int *info);
void spotri_(const char *uplo, const int *n, float *a, const int *lda, int *info);
void dpotrf_(const char *uplo, const int *n, double *a, const int *lda, int *info);
void dpotri_(const char *uplo, const int *n, double *a, const int *lda, int *info);

// Kernel selection of the DYNAMIC_ARCH OpenBLAS (Debian's build). OpenBLAS
// 0.3.21 does not know recent Xeons and falls back to its SSE3 "Prescott"
// kernels (5x slower sgemm); SpeckTensor's BLAS.configure re-selects with these.
void gotoblas_dynamic_init(void);
void gotoblas_dynamic_quit(void);
char *openblas_get_corename(void);

static inline int speck_cpu_has_avx512(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw")
        && __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512dq");
}

static inline int speck_cpu_has_avx2(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}
#endif
