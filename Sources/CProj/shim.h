#ifndef INCIDENTMAP_CPROJ_SHIM_H
#define INCIDENTMAP_CPROJ_SHIM_H
// PROJ 9 (Debian libproj-dev): coordinate operations, and GeographicLib's
// geodesic routines (geod_*), which libproj exports.
#include <proj.h>
#include <geodesic.h>
#endif
