#ifndef SPECK_OPENBLAS_SHIM_H
#define SPECK_OPENBLAS_SHIM_H
#include <cblas.h>

// LAPACK routines built into libopenblas (Fortran calling convention).
// Debian ships no lapack.h for OpenBLAS, so declare the few we use.
void spotrf_(const char *uplo, const int *n, float *a, const int *lda, int *info);
void spotri_(const char *uplo, const int *n, float *a, const int *lda, int *info);
void dpotrf_(const char *uplo, const int *n, double *a, const int *lda, int *info);
void dpotri_(const char *uplo, const int *n, double *a, const int *lda, int *info);
#endif
