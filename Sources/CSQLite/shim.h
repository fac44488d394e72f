#ifndef INCIDENTMAP_CSQLITE_SHIM_H
#define INCIDENTMAP_CSQLITE_SHIM_H
// SQLite 3 (Debian libsqlite3-dev), for GeoPackage files.
#include <sqlite3.h>

// SQLITE_TRANSIENT is a macro casting -1 to a function pointer; Swift cannot import it.
static inline sqlite3_destructor_type incidentmap_sqlite_transient(void) { return SQLITE_TRANSIENT; }

// Memory statistics off, before SQLite's first use (afterwards the call is refused, harmlessly): with them on, every
// allocation SQLite makes takes a process-wide mutex (a tenth of writing a million-row GeoPackage).
static inline int incidentmap_sqlite_memstatus_off(void) { return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }
#endif
