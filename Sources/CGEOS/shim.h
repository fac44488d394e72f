#ifndef INCIDENTMAP_CGEOS_SHIM_H
#define INCIDENTMAP_CGEOS_SHIM_H
// GEOS C API, thread-safe (_r) functions only.
#define GEOS_USE_ONLY_R_API
#include <geos_c.h>
#endif
