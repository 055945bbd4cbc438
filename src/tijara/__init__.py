"""Tijara: export platform for Moroccan handicrafts."""

import os as _os

# One BLAS/OpenMP thread per process (before numpy loads): the app runs several workers on few cores, and
# BLAS thread pools spin — measured on 2 busy cores, one sentence encoding took 61 ms of CPU with the default
# pool and 1.5 ms with one thread. Set the variables yourself to override.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    _os.environ.setdefault(_var, "1")

__version__ = "0.1.0"
