#ifndef MODESCOPE_COPENBLAS_SHIM_H
#define MODESCOPE_COPENBLAS_SHIM_H
#include <cblas.h>
#include <lapacke.h>
#endif
