#ifndef INCIDENTMAP_CSHAPELIB_SHIM_H
#define INCIDENTMAP_CSHAPELIB_SHIM_H
// shapelib 1.5 (Debian libshp-dev): .shp/.shx geometry and .dbf attributes.
#include <shapefil.h>
#endif
