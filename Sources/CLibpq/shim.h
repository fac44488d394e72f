#ifndef INCIDENTMAP_CLIBPQ_SHIM_H
#define INCIDENTMAP_CLIBPQ_SHIM_H
// libpq, PostgreSQL's C client library (libpq-dev; pkg-config name libpq). Used only by PostGISStore, behind
// PGConnection (which owns and frees the PGconn and every PGresult).
#include <libpq-fe.h>
#endif
